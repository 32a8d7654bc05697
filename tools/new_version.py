"""Load a new version of the policy, and say what is left to do before it is published.

    make new-version SOURCE=path/to/the-new-version.md [DATE=YYYY-MM-DD]
    (python -m tools.new_version [--date YYYY-MM-DD] [SOURCE])

The first run with a new SOURCE (the Group's text converted to Markdown, in the shape of the
files in source/):

1. reads it, refusing a text whose clause numbering skips or repeats, or whose date (on its
   cover, "Updated 1 September 2025"; DATE for a cover without one) is not later than the
   current version's;
2. keeps the current version's PDF as superseded (archive/, served under Downloads): from the
   last build (site/) if that is the current version's, else from a build made for it;
3. copies the text to source/<date>.md and adds the version to data/versions.yml, with aliases
   for the clause numbers and pages it no longer has.

Every run (with the same SOURCE, or none) then prints the clause diff, what to change on the
policy's pages, what the data and pages cite that changed, and the build's own check, and fails
until nothing is left: each clause to check is marked under `checked:` in data/versions.yml, and
the build passes (every page says what the new version says: macros/fidelity.py).
MAINTAINING.md's "A new version of the policy" is the checklist to follow.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

from sitedata import DATA_DIR, DOCS_DIR, PROJECT_ROOT, build_date
from sitedata.addresses import ARCHIVE, DOWNLOADS, POLICY_PDF, superseded_pdf
from sitedata.dates import long_date
from sitedata.changes import PARAGRAPH, Change, compare, words
from sitedata.errors import DataError
from sitedata.files import read_yaml
from sitedata.cross_checks import quoted_text_problems
from sitedata.load import DATA_FILES, SETTING_FILES, load_file
from sitedata.settings import SETTINGS_DIR, choose
from sitedata.policy_text import PolicyText, parse, read
from sitedata.versions import FILE as VERSIONS_FILE
from sitedata.versions import TO_DO, VersionBook, dated, clause_aliases, data_citations, page_citations, source_file, to_check

from . import pages

# Words either side of a change that the terminal shows.
CONTEXT = 6
COLOURS = {"removed": "\033[31m", "added": "\033[32m"}
MARKS = {"removed": ("[-", "-]"), "added": ("{+", "+}")}
RESET = "\033[0m"


def say(text: str = "") -> None:
    print(text, flush=True)


# --- importing -----------------------------------------------------------------------------------


def versions_book() -> VersionBook:
    return load_file(DATA_DIR / "versions.yml")


def import_version(source: Path, given: datetime.date | None) -> None:
    """Read SOURCE and, if it is a new version, keep it and add it to data/versions.yml.
    ``given``: its date, for a cover that has none."""
    shown = str(source)
    try:
        received = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(shown, "the file", f"cannot be read ({error})", "give the path of the Markdown file, "
                        "saved as UTF-8: make new-version SOURCE=path/to/policy.md") from None
    text = parse(received, shown)
    date = text.updated or given
    if date is None:
        raise DataError(shown, "the cover", "has no date (a line such as **Updated 1 September 2025** before 1.0)",
                        "check that this is the whole policy as received; if its cover has no date, give the date "
                        "the Group gave it: make new-version SOURCE=… DATE=2025-09-01")
    if given and given != date:
        raise DataError(shown, "the cover", f"is dated {long_date(date)}, and DATE gives {long_date(given)}",
                        "leave DATE out: the cover's date is the version's")
    book = versions_book()
    current = book.versions[-1]
    kept = PROJECT_ROOT / source_file(date)
    if date == current.date and kept.is_file() and kept.read_text(encoding="utf-8") == received:
        say(f"{source_file(date)} is this text already: checking it.")
        return
    if date <= current.date:
        same = "the same date as" if date == current.date else "older than"
        raise DataError(shown, "the cover", f"is dated {long_date(date)}, {same} the current version "
                        f"({long_date(current.date)}, {source_file(current.date)})", "load only a version later "
                        "than the current one; if the Group corrected the current version without a new date, "
                        "ask the policy owner to date it")
    archive_pdf(current.date)
    kept.write_text(received, encoding="utf-8")
    previous = read(PROJECT_ROOT / source_file(current.date), source_file(current.date))
    changes = compare(previous, text)
    versions = DATA_DIR / "versions.yml"
    listed = versions.read_text(encoding="utf-8").rstrip("\n") + "\n"
    entry = version_entry(date, text, changes, current.review_due_basis, section_pages())
    versions.write_text(listed + entry, encoding="utf-8")
    say(f"Kept the new version as {source_file(date)} and added it to {VERSIONS_FILE}.")


def section_pages() -> dict[str, str]:
    return {entry["section"]: entry["page"] for entry in read_yaml(DATA_DIR / "sections.yml")}


def version_entry(date: datetime.date, text: PolicyText, changes: list[Change], basis: str,
                  pages: dict[str, str]) -> str:
    """The new version's entry for data/versions.yml: its dates, where the addresses of the clauses
    and pages it no longer has lead, and (commented out) the clauses to check."""
    try:
        review_due = date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        review_due = date.replace(year=date.year + 1, day=28)
    aliases = new_aliases(text, changes)
    lines = [f"  - date: {date.isoformat()}", f"    review_due: {review_due.isoformat()}",
             f"    review_due_basis: {json.dumps(basis, ensure_ascii=False)}"]
    if aliases:
        lines += ["    aliases:", *(f'      "{old}": "{new}"' for old, new in aliases.items())]
    # A removed section's page leads to the page of the section its number leads to.
    gone = {pages[c.old.number]: pages[aliases[c.old.number]] for c in changes
            if c.kind == "removed" and c.old.number in pages and aliases.get(c.old.number) in pages}
    if gone:
        lines += ["    pages:", *(f"      {old}: {new}" for old, new in gone.items())]
    lines += ["    # Each clause to check, as `make new-version` lists it: remove the # and say what you checked.",
              "    checked:"]
    lines += [f'      # "{item.clause}": "{TO_DO}: {item.why}"' for item in to_check(changes, list(text.clauses), citations())]
    return "\n".join(lines) + "\n"


def new_aliases(text: PolicyText, changes: list[Change]) -> dict[str, str]:
    """Each number the new version no longer has: to its text's new number, or (removed) to its
    section's start, or the start of the last section before it the new version has."""
    aliases = {}
    for change in changes:
        old = change.old.number if change.old else None
        if old is None or old in text.clauses:
            continue
        if change.new:
            aliases[old] = change.new.number
            continue
        section = int(old.split(".")[0])
        aliases[old] = next(f"{n}.0" for n in range(section, 0, -1) if f"{n}.0" in text.clauses)
    return aliases


def archive_pdf(date: datetime.date) -> None:
    """Keep the current version's policy PDF before it is replaced: the last build's, if it is this
    version's, else one built now."""
    target = PROJECT_ROOT / ARCHIVE / superseded_pdf(date)
    if target.exists():
        return
    target.parent.mkdir(exist_ok=True)
    built = PROJECT_ROOT / "site" / DOWNLOADS / POLICY_PDF
    if is_version_pdf(built, date):
        shutil.copyfile(built, target)
        say(f"Kept the PDF of the version dated {long_date(date)} (from site/) as {ARCHIVE}/{target.name}.")
        return
    say(f"Building the PDF of the version dated {long_date(date)}, to keep it (a minute or two)…")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, build_date.VARIABLE: str(build_date.epoch()), "NO_MKDOCS_2_WARNING": "1"}
        for step in (pages.command(folder, quiet=True), [sys.executable, "-m", "tools.pdf", folder]):
            if subprocess.run(step, cwd=PROJECT_ROOT, env=env).returncode:
                raise SystemExit("tools/new_version.py: the build of the current version stopped (see above), so its "
                                 "PDF cannot be kept. Fix: correct what it names, or build with `make build`, then run "
                                 "make new-version again")
        shutil.copyfile(Path(folder) / DOWNLOADS / POLICY_PDF, target)
    say(f"Kept it as {ARCHIVE}/{target.name}.")


def is_version_pdf(path: Path, date: datetime.date) -> bool:
    """Whether ``path`` is a policy PDF of the version dated ``date`` (its cover says so)."""
    if not path.is_file():
        return False
    cover = PdfReader(path).pages[0].extract_text() or ""
    return dated(date) in " ".join(cover.split())


# --- the report ----------------------------------------------------------------------------------


def citations() -> list:
    """What the data files and the pages cite, read as they are (valid or not)."""
    found = []
    for name in DATA_FILES:
        if name.endswith(".yml"):
            found += data_citations(f"data/{name}", read_yaml(DATA_DIR / name))
    setting = choose(SETTINGS_DIR)
    for name in SETTING_FILES:
        if (setting.path / name).exists():
            found += data_citations(setting.file(name), read_yaml(setting.path / name))
    return found + page_citations(DOCS_DIR)


def shown_words(change: Change, colour: bool) -> str:
    """The clause's words with the removed [-…-] and added {+…+}, and a few words either side."""
    runs = change.word_diff()
    parts = []
    for index, (kind, run) in enumerate(runs):
        run_words = ["¶" if word == PARAGRAPH else word for word in run]
        if kind == "equal":
            keep_start = index > 0
            keep_end = index < len(runs) - 1
            if len(run_words) > 2 * CONTEXT + 1 and (keep_start or keep_end):
                head = run_words[:CONTEXT] if keep_start else []
                tail = run_words[-CONTEXT:] if keep_end else []
                run_words = [*head, "…", *tail]
            parts.append(" ".join(run_words))
            continue
        start, end = MARKS[kind]
        text = f"{start}{' '.join(run_words)}{end}"
        parts.append(f"{COLOURS[kind]}{text}{RESET}" if colour else text)
    return " ".join(part for part in parts if part)


def report_diff(changes: list[Change], colour: bool) -> None:
    for change in changes:
        if change.kind == "removed":
            say(f"  removed  {change.number}: {' '.join(words(change.old))[:90]}…")
        elif change.kind == "added":
            say(f"  new      {change.number}: {' '.join(words(change.new))[:90]}…")
        elif change.kind == "moved" and not change.words_changed:
            say(f"  moved    {change.old.number} is now {change.new.number} (the same words)")
        else:
            what = "changed " if change.kind == "changed" else f"moved    {change.old.number} is now"
            say(f"  {what} {change.number}: {shown_words(change, colour)}")


def page_edits(changes: list[Change], pages: dict[str, str]) -> list[str]:
    """What to change on the policy's pages, clause by clause."""

    def page(number: str) -> str:
        section = number.split(".")[0] + ".0"
        return f"docs/{pages[section]}" if section in pages else f"a new page for section {section} (data/sections.yml)"

    edits = []
    for change in changes:
        if change.kind == "changed":
            edits.append(f"{page(change.number)}: {change.number}: make its words those above")
        elif change.kind == "added":
            edits.append(f'{page(change.number)}: add {{{{ clause("{change.number}") }}}} and its words')
        elif change.kind == "moved":
            edits.append(f"{page(change.old.number)}: {change.old.number}: remove it (it is now {change.new.number})")
            edits.append(f'{page(change.new.number)}: add {{{{ clause("{change.new.number}") }}}} and its words')
        elif change.number.endswith(".0") and change.number in pages:
            edits.append(f"docs/{pages[change.number]}: delete the page, and section {change.number} in "
                         "data/sections.yml (data/versions.yml's pages: sends its address on)")
        elif change.number.endswith(".0"):
            edits.append(f"section {change.number}: its page and its entry in data/sections.yml go (done: it has none)")
        else:
            edits.append(f"{page(change.number)}: {change.number}: remove it and its words")
    return edits


def run_build(site_dir: Path) -> str | None:
    """The strict build into ``site_dir``: None if it passes, else its message."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(pages.command(site_dir, quiet=True), cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    if result.returncode == 0:
        return None
    return "\n".join(line.removeprefix("ERROR    -  ") for line in (result.stdout + result.stderr).splitlines()
                     if line.strip() and not line.startswith(("INFO", "Aborted")))


def report(site_dir: Path, colour: bool) -> bool:
    """Print what is left to do for the current version; True when nothing is."""
    book = versions_book()
    if len(book.versions) < 2:
        say("There is one version of the policy: nothing to compare.")
        return run_build(site_dir) is None
    before, current = book.versions[-2:]
    previous = read(PROJECT_ROOT / source_file(before.date), source_file(before.date))
    text = read(PROJECT_ROOT / source_file(current.date), source_file(current.date))
    changes = compare(previous, text)
    pages = section_pages()
    say(f"\nThe version dated {long_date(current.date)} ({source_file(current.date)}) against the one dated "
        f"{long_date(before.date)}: {len(changes)} clauses differ. Removed words [-like this-], added {{+like this+}}.")
    report_diff(changes, colour)
    if current.aliases or current.pages:
        say(f"\nOld addresses, and where they lead now ({VERSIONS_FILE}; change one if another clause fits better):")
        for old, new in {**current.aliases, **current.pages}.items():
            say(f"  {old} → {new}")
    say("\nWhat the new version changes on the policy's pages (the build below checks each, word for word):")
    for edit in page_edits(changes, pages):
        say(f"  - {edit}")

    cited = citations()
    aliases = aliases_now(book, text)
    gone = [(citation, aliases[citation.clause]) for citation in cited if citation.clause in aliases]
    if gone:
        say("\nCitations of clause numbers the new version does not have: change each (or remove it):")
        for citation, alias in gone:
            say(f"  - {citation}: cites {citation.clause}, whose address now leads to {alias}")

    items = to_check(changes, list(text.clauses), cited)
    waiting = [item for item in items if item.clause not in current.checked]
    say(f"\nClauses to check in the data and pages ({len(items) - len(waiting)} of {len(items)} marked checked):")
    for item in items:
        state = "checked" if item.clause in current.checked else "to check"
        say(f"  {item.clause} ({item.why}): {state}")
        for citation in item.cited_by:
            say(f"      {citation}")
        if item.why == "new" and not item.cited_by:
            say("      nothing cites it yet: does a pathway step, a sign, a contact, a link or the training need it?")
    if waiting:
        say(f"  Check each, then in {VERSIONS_FILE}, under this version's checked:, write it with what you checked, "
            f'e.g. "{waiting[0].clause}": steps and training still say what it says')
    quoted = quoted_problems(text)
    if quoted:
        say("\nWhat the data quotes from the policy, and the new version no longer says:")
        for problem in quoted:
            say(f"  - {problem}")
    failed = run_build(site_dir)
    if failed:
        say(f"\nThe build stops:\n{failed}")
    done = not waiting and not quoted and failed is None
    say("\nDone: the new version is ready. Run `make test`, then commit source/, archive/, data/ and docs/."
        if done else "\nNot done yet. Run the same command again when you have made the changes above.")
    return done


def aliases_now(book: VersionBook, text: PolicyText) -> dict[str, str]:
    """The old clause numbers and where they lead, or none while data/versions.yml's are wrong
    (the build below says how)."""
    try:
        return clause_aliases(book, set(text.clauses))
    except DataError:
        return {}


def quoted_problems(text: PolicyText) -> list[str]:
    """Signs and links whose words are not in their clause now (the files read on their own)."""
    try:
        indicators = load_file(DATA_DIR / "indicators.yml")
        links = load_file(DATA_DIR / "links.yml")
    except DataError as error:
        return [str(error)]
    return [str(problem) for problem in quoted_text_problems(indicators, links, text)]


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make new-version", description="Load a new version of the policy.")
    parser.add_argument("source", nargs="?", help="the new version as Markdown (none: check the current one)")
    parser.add_argument("site_dir", nargs="?", help="where the check's build goes (default: a temporary folder)")
    parser.add_argument("--date", type=datetime.date.fromisoformat, help="its date, if its cover has none")
    options = parser.parse_args(arguments)
    source = Path(options.source) if options.source else None
    site_dir = Path(options.site_dir) if options.site_dir else None
    try:
        if source:
            import_version(source, options.date)
        with tempfile.TemporaryDirectory() as folder:
            return 0 if report(site_dir or Path(folder) / "site", sys.stdout.isatty()) else 1
    except DataError as error:
        say(f"make new-version: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
