"""The moments the tests of time use, each derived from the build's date (conftest.BUILD_DATE) and
the bank holidays the build embeds for it. No calendar year is typed into a test, so the suite
passes on any day, and `make test-future DATE=...` runs it as if that day were today."""

from __future__ import annotations

import datetime

from conftest import BUILD_DATE, real_data

from sitedata import hours

LONDON = hours.LONDON
UTC = datetime.timezone.utc
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
# The bank holidays the build embeds in the pages: the setting's nation's, from the build's year.
BANK_HOLIDAYS = real_data().bank_holidays
NEXT_YEAR = BUILD_DATE.year + 1


def london(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``day`` at hour:minute on a UK clock."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def days_after(start: datetime.date):
    day = start
    while True:
        day += datetime.timedelta(days=1)
        yield day


def ordinary(weekday: int, after: datetime.date = BUILD_DATE) -> datetime.date:
    """The first ``weekday`` after ``after`` that is not a bank holiday."""
    return next(day for day in days_after(after) if day.weekday() == weekday and day not in BANK_HOLIDAYS)


def bank_holiday(weekday: int, months: tuple[int, ...] = tuple(range(1, 13)),
                 after: datetime.date = BUILD_DATE) -> datetime.date:
    """The first bank holiday after ``after`` that falls on ``weekday`` in one of ``months``."""
    return next(day for day in BANK_HOLIDAYS if day > after and day.weekday() == weekday and day.month in months)


def christmas_on_a_weekday() -> datetime.date:
    """The first Christmas Day after the build that falls on a weekday, when offices would be open."""
    return next(day for day in BANK_HOLIDAYS if day > BUILD_DATE and (day.month, day.day) == (12, 25) and day.weekday() < 5)


def good_friday(year: int = NEXT_YEAR) -> datetime.date:
    """Good Friday: the one bank holiday on a Friday in March or April."""
    return bank_holiday(FRIDAY, (3, 4), after=datetime.date(year, 1, 1))


def clocks_change(year: int, month: int) -> datetime.date:
    """The last Sunday of March (the UK's clocks go forward) or October (they go back)."""
    last = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - SUNDAY) % 7)


def at_utc(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=UTC)
