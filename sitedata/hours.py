"""Opening hours: when a service answers, which of two lines is open at a given moment, and the
bank holidays of the setting's nation.

A service's hours (``hours:`` of a contact in ``data/contacts.yml``) are weekly opening times in
Europe/London local time, with what happens on bank holidays, and the public pages they come
from. An office-hours line and its out-of-hours partner form a *pair* (``line_pairs:``): the
build proves that together they cover every minute of the week, bank holidays included, with no
overlap, so that the "who to call now" panel always has exactly one line to offer.

The same rules run in the reader's browser (``overrides/assets/javascripts/now.js``) on the
device's clock; the tests compare the two on the same moments.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from .fields import CheckedOn, Id, Strict, Text, WebAddress

LONDON = ZoneInfo("Europe/London")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")))
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MINUTES_IN_DAY = 24 * 60
# How many years of bank holidays the pages carry: the build's year and the next five, so that a
# page read up to five years after its build still knows them. A reader's device past the last
# of them is told that the page cannot tell that year's bank holidays (now.js), never a wrong
# line; CI's weekly rebuild keeps the published site's years ahead of its readers.
BANK_HOLIDAY_YEARS = 6


def _check_time(value: str) -> str:
    hours, sep, minutes = value.partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2
            and (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59 or value == "24:00")):
        raise ValueError(f"{value!r} is not a time — fix: write it as HH:MM in 24-hour time, e.g. \"09:00\" or \"16:30\"")
    return value


Time = Annotated[str, AfterValidator(_check_time)]


def minutes(time: str) -> int:
    hours, _, mins = time.partition(":")
    return int(hours) * 60 + int(mins)


class Opening(Strict):
    """Open from ``opens`` to ``closes`` on each of ``days`` (local time; "24:00" is midnight at the end)."""

    days: Annotated[list[Day], Field(min_length=1)]
    opens: Time
    closes: Time

    @model_validator(mode="after")
    def closes_after_it_opens(self) -> Opening:
        if minutes(self.closes) <= minutes(self.opens):
            raise ValueError(
                f"closes at {self.closes}, before it opens at {self.opens} — fix: for hours past midnight write "
                "two lines: one that closes at \"24:00\", and one that opens at \"00:00\" on the next days"
            )
        return self


class HoursSource(Strict):
    """A public page that states the hours, in its own words."""

    url: WebAddress
    checked_on: CheckedOn
    says: Text


# A line that never closes writes ``open: always``: every day, midnight to midnight.
ALWAYS = "always"


def _always_open(value: object) -> object:
    if value == ALWAYS:
        return [{"days": list(DAYS), "opens": "00:00", "closes": "24:00"}]
    if value == []:
        raise ValueError("has no opening times, so the line would show as always closed — fix: add open: with days, "
                         "opens and closes, or write `open: always` for a line that never closes")
    return value


class Hours(Strict):
    open: Annotated[list[Opening], BeforeValidator(_always_open)]
    # On a bank holiday: closed all day, open all day, or the usual hours of that weekday; "not
    # stated" where the source does not say (the usual hours are assumed, and readers told).
    bank_holidays: Literal["closed", "open all day", "usual hours", "not stated"]
    in_words: Text  # the hours as readers read them, e.g. "Monday to Thursday, 9am to 5pm"
    sources: Annotated[list[HoursSource], Field(min_length=1)]
    # Where the sources disagree, what the difference is: shown to readers with "check with your DSL".
    sources_disagree: str | None = None

    @model_validator(mode="after")
    def disagreement_needs_two_sources(self) -> Hours:
        if self.sources_disagree and len(self.sources) < 2:
            raise ValueError("says sources_disagree but has one source — fix: add the other source, or remove sources_disagree")
        return self

    def open_minutes(self, day: datetime.date, bank_holidays: set[datetime.date]) -> bytes:
        """Each minute (0-1439) of local ``day``: 1 where open, 0 where closed."""
        if day in bank_holidays and self.bank_holidays in ("closed", "open all day"):
            return bytes([self.bank_holidays == "open all day"]) * MINUTES_IN_DAY
        weekday = DAYS[day.weekday()]
        day_minutes = bytearray(MINUTES_IN_DAY)
        for opening in self.open:
            if weekday in opening.days:
                opens, closes = minutes(opening.opens), minutes(opening.closes)
                day_minutes[opens:closes] = b"\1" * (closes - opens)
        return bytes(day_minutes)

    def is_open(self, day: datetime.date, minute: int, bank_holidays: set[datetime.date]) -> bool:
        """Open at ``minute`` (0-1439) of local ``day``?"""
        return bool(self.open_minutes(day, bank_holidays)[minute])


class LinePair(Strict):
    """An office-hours line and the line that answers when it is closed."""

    id: Id
    name: Text  # what the reader needs, e.g. "Children's social care (the local authority)"
    office: Id  # contact ids in data/contacts.yml, each with hours
    out_of_hours: Id


# --- bank holidays ---------------------------------------------------------------------------


# Each nation's bank holidays, by the ``holidays`` package's name for its part of the UK: Scotland
# has 2 January, St Andrew's Day and an earlier summer holiday but no Easter Monday; Northern
# Ireland has St Patrick's Day and 12 July. (A council's lines keep its nation's holidays.)
NATIONS = {"England": "ENG", "Wales": "WLS", "Scotland": "SCT", "Northern Ireland": "NIR"}
Nation = Literal["England", "Wales", "Scotland", "Northern Ireland"]


def bank_holidays(nation: Nation, first_year: int, years: int = BANK_HOLIDAY_YEARS) -> dict[datetime.date, str]:
    """``nation``'s bank holidays (the ``holidays`` package) for ``years`` years from
    ``first_year`` (the build's year)."""
    import holidays  # only the build needs it

    found = holidays.country_holidays("GB", subdiv=NATIONS[nation], years=range(first_year, first_year + years))
    return dict(sorted(found.items()))


# --- coverage of a pair ----------------------------------------------------------------------


def coverage_problems(office: Hours, out_of_hours: Hours) -> list[str]:
    """Every kind of day (each weekday, as a bank holiday or not) minute by minute: where neither
    line is open, or both are. Returns the problems found, in words, empty when none."""
    # Any real week will do: a Monday, and the same weekdays marked as bank holidays.
    monday = datetime.date(2024, 1, 1)
    problems = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        for bank_holiday in (False, True):
            holidays = {day} if bank_holiday else set()
            gap, both = [], []
            lines_open = zip(office.open_minutes(day, holidays), out_of_hours.open_minutes(day, holidays))
            for minute, count in enumerate(map(sum, lines_open)):
                (gap if count == 0 else both if count == 2 else []).append(minute)
            kind = f"{DAY_NAMES[DAYS[day.weekday()]]}{' (a bank holiday)' if bank_holiday else ''}"
            problems += [f"neither line is open on {kind} {span}" for span in spans(gap)]
            problems += [f"both lines are open on {kind} {span}" for span in spans(both)]
    return problems


def spans(minute_list: list[int]) -> list[str]:
    """[540, 541, ..., 599] -> ['from 09:00 to 10:00']."""
    found, start, previous = [], None, None
    for minute in [*minute_list, None]:
        if start is not None and minute != previous + 1:
            found.append(f"from {clock(start)} to {clock(previous + 1)}")
            start = None
        if start is None and minute is not None:
            start = minute
        previous = minute
    return found


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


# --- now -------------------------------------------------------------------------------------


def local_moment(moment: datetime.datetime) -> tuple[datetime.date, int]:
    """A moment as (London date, minute of that day): what the rules are written in."""
    local = moment.astimezone(LONDON)
    return local.date(), local.hour * 60 + local.minute


def open_line(pair_hours: tuple[Hours, Hours], moment: datetime.datetime, holidays: set[datetime.date]) -> int | None:
    """Which of (office, out of hours) is open at ``moment``: 0, 1, or None for neither."""
    day, minute = local_moment(moment)
    for index, hours in enumerate(pair_hours):
        if hours.is_open(day, minute, holidays):
            return index
    return None
