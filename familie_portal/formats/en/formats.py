"""British English output formats for the /en/ pages: "6 May 2008", "14:00", weeks start on Monday."""

DATE_FORMAT = "j F Y"  # 6 May 2008
TIME_FORMAT = "H:i"  # 14:00
DATETIME_FORMAT = "j F Y, H:i"  # 6 May 2008, 14:00
YEAR_MONTH_FORMAT = "F Y"  # May 2008
MONTH_DAY_FORMAT = "j F"  # 6 May
SHORT_DATE_FORMAT = "d/m/Y"  # 06/05/2008
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 06/05/2008 14:00
FIRST_DAY_OF_WEEK = 1  # Monday
