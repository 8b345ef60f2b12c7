"""Ukrainian output formats: "6 травня 2008 р." (genitive month, no leading zero), "14:00"; weeks start on Monday."""

DATE_FORMAT = "j E Y р."  # 6 травня 2008 р.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y р., H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"  # 6 травня
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # понеділок
