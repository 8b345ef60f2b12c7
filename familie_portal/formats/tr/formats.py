"""Turkish output formats: "6 Mayıs 2008" (Django's: "06 Mayıs 2008"), "14:00"; weeks start on Monday."""

DATE_FORMAT = "j F Y"  # 6 Mayıs 2008
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"  # 06.05.2008
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Pazartesi
