"""The build's date: the one clock a build reads.

A few things a build makes depend on "today": the bank holidays the pages carry for the "who to
call now" panel, whether the policy's review date has passed, the PDFs' dates, the latest day a
fact can have been checked on. All of them take it from ``build_date()``, so that the same commit
builds the same bytes on any day (https://reproducible-builds.org/specs/source-date-epoch/):

- ``SOURCE_DATE_EPOCH`` (seconds since 1 January 1970, UTC) when it is set: a build for a chosen
  day (CI's weekly rebuild, ``make test-future``);
- else the date of the last commit.

The wall clock is never read. What is true *now* is decided on the reader's device (now.js,
review.js), which may be years after the build.

    python -m sitedata.build_date    prints the build's SOURCE_DATE_EPOCH (scripts/build exports it)
"""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from . import PROJECT_ROOT
from .errors import DataError

VARIABLE = "SOURCE_DATE_EPOCH"
# The pages carry bank holidays for years after the build (sitedata/hours.py): they must stay
# within the years Python's calendar holds.
LAST_YEAR = 9000
LAST_SECOND = int(datetime.datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc).timestamp())
HOW_TO_SET = f"set it to the day to build for in seconds since 1970, e.g. {VARIABLE}=$(date -u -d 2027-01-04 +%s)"


def epoch(environ: Mapping[str, str] = os.environ) -> int:
    """The build's moment in seconds since 1970 (UTC): SOURCE_DATE_EPOCH, else the last commit's."""
    value = environ.get(VARIABLE)
    if value is None:
        return last_commit_epoch(PROJECT_ROOT)
    if not value.isascii() or not value.isdigit():
        raise DataError(VARIABLE, f"value {value!r}", "is not a whole number of seconds since 1 January 1970 (UTC)",
                        f"{HOW_TO_SET}, or unset it to build for the last commit's date")
    return int(value)


def build_moment(environ: Mapping[str, str] = os.environ) -> datetime.datetime:
    """The build's moment, in UTC."""
    seconds = epoch(environ)
    if seconds > LAST_SECOND:
        raise DataError(VARIABLE, f"value {seconds}", f"is after the year {LAST_YEAR}", HOW_TO_SET)
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)


def build_date(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """The build's date (UTC): what the build takes as "today"."""
    return build_moment(environ).date()


@functools.cache
def last_commit_epoch(root: Path) -> int:
    """The committer date of the last commit of the checkout at ``root``."""
    try:
        # safe.directory: reading a date is safe in a checkout that another user owns (CI containers).
        result = subprocess.run(
            ["git", "-c", f"safe.directory={root}", "--no-pager", "log", "-1", "--format=%ct"],
            cwd=root, capture_output=True, text=True, check=False,
        )
        reason = result.stderr.strip().splitlines()[-1] if result.returncode else ""
    except FileNotFoundError:
        result, reason = None, "git is not installed"
    if result is None or result.returncode or not result.stdout.strip().isdigit():
        raise DataError(VARIABLE, "(not set)",
                        f"is not set, and the build's date cannot come from the last commit ({reason or 'no commit'})",
                        f"{HOW_TO_SET}, or build from a git checkout")
    return int(result.stdout.strip())


def export() -> None:
    """Put the build's moment into this process's environment, for MkDocs (which dates the
    sitemap from SOURCE_DATE_EPOCH, and from the wall clock without it) and for the steps it starts."""
    os.environ[VARIABLE] = str(epoch())


if __name__ == "__main__":
    try:
        print(epoch())
    except DataError as error:
        raise SystemExit(str(error)) from None
