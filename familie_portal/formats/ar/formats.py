"""
Arabic output formats for families in NRW: the Gregorian calendar with Arabic month names, the
24-hour clock of the German dates they read beside (Django's "g:i A" would give "2:00 م"), weeks
starting on Monday with ISO weeks as the German month grid (Django's Arabic has no
FIRST_DAY_OF_WEEK, i.e. Sunday) and no DATETIME_FORMAT (it would fall back to American English).
"""

DATE_FORMAT = "j F Y"  # 6 مايو 2008
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
