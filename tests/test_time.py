"""Time is an input. The build reads one date (sitedata/build_date.py: SOURCE_DATE_EPOCH, else the
last commit's), so the same commit builds the same bytes on any day and in any folder; a page read
long after its build decides "now" on the reader's device and never claims what it cannot know."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_DATE, ROOT, VIEWPORTS
from moments import WEDNESDAY, london, ordinary
from playwright.sync_api import expect

from sitedata import build_date
from sitedata.errors import DataError
from tools import pages

PYTHON_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}


def without_epoch() -> dict[str, str]:
    return {name: value for name, value in PYTHON_ENV.items() if name != build_date.VARIABLE}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


# --- one date, read in one place ----------------------------------------------------------------


def test_the_build_date_is_source_date_epoch_when_it_is_set():
    chosen = BUILD_DATE + datetime.timedelta(days=1000)
    seconds = datetime.datetime.combine(chosen, datetime.time(23, 59), tzinfo=datetime.timezone.utc).timestamp()
    assert build_date.build_date({build_date.VARIABLE: str(int(seconds))}) == chosen


def test_without_source_date_epoch_the_build_date_is_the_last_commits():
    committed = run(["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"], ROOT, {**without_epoch(), "TZ": "UTC"})
    assert committed.returncode == 0, committed.stderr
    assert build_date.build_date({}).isoformat() == committed.stdout.strip()


@pytest.mark.parametrize("value", ["soon", "2026-12-06", "-86400", "1.5", " 1764979200", "", "１７６４９７９２００"])
def test_an_unparsable_source_date_epoch_is_refused_naming_the_variable_its_value_and_the_fix(value):
    with pytest.raises(DataError) as refused:
        build_date.build_date({build_date.VARIABLE: value})
    message = str(refused.value)
    assert message.startswith("SOURCE_DATE_EPOCH: ") and repr(value) in message
    assert "Fix: set it to the day to build for in seconds since 1970" in message


def test_a_source_date_epoch_beyond_the_calendar_is_refused():
    with pytest.raises(DataError, match=r"SOURCE_DATE_EPOCH: value 9+: is after the year 9000\. Fix: "):
        build_date.build_date({build_date.VARIABLE: "9" * 20})


def test_a_copy_without_git_history_asks_for_source_date_epoch(tmp_path):
    shutil.copytree(ROOT / "sitedata", tmp_path / "sitedata", ignore=shutil.ignore_patterns("__pycache__"))
    result = run([sys.executable, "-m", "sitedata.build_date"], tmp_path, without_epoch())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH: (not set): is not set, and the build's date cannot come from the last commit" in result.stderr
    assert "Fix: set it to the day to build for" in result.stderr and "or build from a git checkout" in result.stderr


@pytest.mark.parametrize("how", ["scripts/build", "mkdocs build"])
def test_the_build_stops_on_an_unparsable_source_date_epoch_with_one_message(tmp_path, how):
    command = ["bash", "scripts/build", str(tmp_path / "out")] if how == "scripts/build" else pages.command(tmp_path / "out")
    result = run(command, ROOT, {**PYTHON_ENV, build_date.VARIABLE: "next tuesday"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "SOURCE_DATE_EPOCH: value 'next tuesday': is not a whole number of seconds" in output
    assert not (tmp_path / "out" / "index.html").exists()


# The build's own code: none of it may read the wall clock. tools/linkcheck.py's report records when
# the check ran, and tests/engines.py sets WebKit's clock as an offset from the real one (as
# Playwright's clock does inside): the honest exceptions. time.monotonic() measures how long a
# step took.
WALL_CLOCK = re.compile(r"\b(?:date|datetime)\.today\(|\bdatetime\.now\(|\butcnow\(|\btime\.(?:time|localtime|gmtime|ctime)\(")
WALL_CLOCK_ALLOWED = {"tools/linkcheck.py": 1, "tests/engines.py": 1}


def test_nothing_in_the_build_or_the_tests_reads_the_wall_clock():
    found = {}
    for folder in ["sitedata", "macros", "tools", "scripts", "tests"]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == Path(__file__):
                continue
            if count := len(WALL_CLOCK.findall(path.read_text(encoding="utf-8"))):
                found[path.relative_to(ROOT).as_posix()] = count
    assert found == WALL_CLOCK_ALLOWED


# --- the same commit, the same bytes --------------------------------------------------------------


def file_hashes(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_builds_of_one_commit_on_different_days_in_different_folders_are_byte_identical(built_downloads,
                                                                                          built_on_another_day):
    """The second build, in another folder with the clock on another day, is made ahead of the
    test (conftest.build_on_another_day)."""
    first, second = file_hashes(built_downloads.path), file_hashes(built_on_another_day)
    assert sorted(first) == sorted(second)
    differs = [name for name in first if first[name] != second[name]]
    assert not differs, f"{differs[0]} differs between two builds of one commit (and {len(differs) - 1} more)"


# --- a page read long after its build ---------------------------------------------------------------


def test_a_page_read_years_after_its_build_shows_both_lines_and_never_a_wrong_now(browser, site_url, site):
    """Past the bank holidays the page carries, the panel cannot know if today is one: it shows
    both lines with their hours and says so, and calls neither the line to ring now."""
    years_later = BUILD_DATE + datetime.timedelta(days=7 * 366)
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(london(ordinary(WEDNESDAY, after=years_later), 10))
        page.goto(site_url + "contacts/")
        panel = page.locator("[data-now-panel]:visible").first
        expect(panel).to_have_class(re.compile(r"\bnow-panel--live\b"))
        status = panel.locator("[data-now-status]")
        expect(status).to_contain_text(f"does not know the bank holidays for {years_later.year}")
        pair = site.contacts.line_pairs[0]
        for line_id in (pair.office, pair.out_of_hours):
            contact = site.contacts.by_id()[line_id]
            expect(status).not_to_contain_text(f"call the {contact.short_name or contact.name}")
            line = panel.locator(f'[data-line="{line_id}"]')
            expect(line).to_be_visible()
            expect(line).to_contain_text(site.contacts.by_id()[line_id].hours.in_words)
            expect(line).not_to_have_class(re.compile(r"\bnow-panel__line--open\b"))
        # The review notice is decided on the device too: years later, it is shown.
        expect(page.locator("[data-review-due]")).to_be_visible()
    finally:
        context.close()
