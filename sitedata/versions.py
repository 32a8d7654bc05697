"""The versions of the Group's policy (``data/versions.yml``): each kept as received in
``source/<date>.md``, the last one the version the site shows.

From them the build takes the current version's text (the clauses every page, record and check
is held to), what changed since the one before (sitedata/changes.py), and where the addresses
of clauses and pages that the current version no longer has now lead (aliases). And it refuses a
new version until each clause it changed that the data or the pages cite has been checked, as
``make new-version`` lists them (tools/new_version.py).

Nothing here is a setting's: a setting's copy of the policy is the Group's text (its local
procedures aside, see ``policy_text.Clause.with_local``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from . import SOURCE_DIR
from .addresses import ARCHIVE, superseded_pdf
from .changes import Change, compare
from .dates import long_date
from .errors import DataError
from .fields import ClauseRef, PagePath, Strict, Text
from .policy_text import PolicyText, read

FILE = "data/versions.yml"


def source_file(date: datetime.date) -> str:
    """Where a version is kept as received, relative to the project: source/2024-09-01.md."""
    return f"{SOURCE_DIR}/{date.isoformat()}.md"


# How make new-version writes a clause to check, until the maintainer says what they checked.
TO_DO = "to do"


def _checked(value: str) -> str:
    if value.startswith(TO_DO):
        raise ValueError(f"says {value!r} — fix: write what you checked in place of it")
    return value


def _none_is_empty(value: object) -> object:
    # A key left with only comments under it (as make new-version writes checked:) reads as null.
    return {} if value is None else value


def dated(day: datetime.date) -> str:
    """"Dated 1 September 2024.": a version's date as every page's footer, the cover and the pocket
    card give it (the policy states no review date)."""
    return f"Dated {long_date(day)}."


class Version(Strict):
    date: datetime.date
    review_due: datetime.date
    review_due_basis: Text
    # An old clause number this version no longer has -> the clause its address leads to now.
    aliases: Annotated[dict[ClauseRef, ClauseRef], BeforeValidator(_none_is_empty)] = {}
    # A page this version no longer has (docs/ path) -> the page its address leads to now.
    pages: Annotated[dict[PagePath, PagePath], BeforeValidator(_none_is_empty)] = {}
    # A clause to check (to_check) -> what was checked.
    checked: Annotated[dict[ClauseRef, Annotated[Text, AfterValidator(_checked)]], BeforeValidator(_none_is_empty)] = {}

    def review_overdue(self, today: datetime.date) -> bool:
        return today > self.review_due

    @property
    def dated(self) -> str:
        return dated(self.date)

    @model_validator(mode="after")
    def review_after_date(self) -> Version:
        if self.review_due <= self.date:
            raise ValueError("review_due is not after date — fix: set review_due to the date of the next review")
        return self


class VersionBook(Strict):
    versions: Annotated[list[Version], Field(min_length=1)]


@dataclass(frozen=True)
class Citation:
    """A clause that a data file or a page cites, and where."""

    file: str  # data/pathways.yml, docs/about/policy-owner-notes.md
    where: str  # "outcomes 'concern', steps 2", "line 12"
    clause: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}"


@dataclass(frozen=True)
class ToCheck:
    """A clause of the current version to check before it is published, and why."""

    clause: str
    why: str  # "changed", "new", "its text is now 11.8"
    cited_by: tuple[Citation, ...]


@dataclass(frozen=True)
class Versions:
    """The versions, and what the build takes from them."""

    book: VersionBook
    text: PolicyText  # the current version's
    previous: PolicyText | None
    changes: list[Change]  # since the previous version
    aliases: dict[str, str]  # old clause -> the current clause its address leads to
    pages: dict[str, str]  # old page -> the page its address leads to

    @property
    def current(self) -> Version:
        return self.book.versions[-1]

    @property
    def superseded(self) -> list[tuple[Version, datetime.date]]:
        """Each earlier version, newest first, with the date the next one replaced it."""
        versions = self.book.versions
        return [(versions[i], versions[i + 1].date) for i in reversed(range(len(versions) - 1))]

    @classmethod
    def load(cls, book: VersionBook, root: Path, docs_dir: Path) -> Versions:
        check_dates(book)
        current = book.versions[-1]
        text = read_version(root, current)
        previous = read_version(root, book.versions[-2]) if len(book.versions) > 1 else None
        for version in book.versions[:-1]:
            check_archived(root, version)
        return cls(book, text, previous, compare(previous, text) if previous else [],
                   clause_aliases(book, set(text.clauses)), page_aliases(book, docs_dir))

    def to_check(self, citations: list[Citation]) -> list[ToCheck]:
        """What must be checked before the current version is published (see to_check())."""
        return to_check(self.changes, list(self.text.clauses), citations)

    def check_checked(self, citations: list[Citation]) -> None:
        """The build refuses the current version until each clause to check is under checked:."""
        changed = {change.number for change in self.changes} | {change.old.number for change in self.changes if change.old}
        current = self.current
        for number in current.checked:
            if number not in changed:
                raise DataError(FILE, f"version {current.date}, checked {number!r}",
                                "is not a clause this version changed", "remove it (or correct the number)")
        waiting = [item for item in self.to_check(citations) if item.clause not in current.checked]
        if waiting:
            listed = "; ".join(f"{item.clause} ({item.why}{cited(item)})" for item in waiting)
            raise DataError(FILE, f"version {current.date}", f"has clauses still to check ({len(waiting)}): {listed}",
                            "check each as `make new-version` lists it, then add it under checked: with what you "
                            f"checked, e.g. \"{waiting[0].clause}\": steps and training still say what it says")


def cited(item: ToCheck) -> str:
    files = sorted({citation.file for citation in item.cited_by})
    return f", cited in {', '.join(files)}" if files else ""


def read_version(root: Path, version: Version) -> PolicyText:
    shown = source_file(version.date)
    text = read(root / shown, shown)
    if text.updated and text.updated != version.date:
        raise DataError(shown, "the cover", f"is dated {text.updated.isoformat()}, but {FILE} gives "
                        f"{version.date.isoformat()}", "give the version the date on its cover, and the file that name")
    return text


def check_archived(root: Path, version: Version) -> None:
    """A superseded version's PDF is kept (Downloads lists it)."""
    pdf = f"{ARCHIVE}/{superseded_pdf(version.date)}"
    if not (root / pdf).is_file():
        raise DataError(pdf, "the file", f"is missing, and Downloads keeps the PDF of version {version.date}, "
                        "which a later version replaced", "restore it from version control (git log -- archive/); if "
                        "it was never kept, build that version's last commit (make build) and copy "
                        "site/downloads/child-exploitation-policy.pdf here")


def check_dates(book: VersionBook) -> None:
    """Oldest first, each later than the one before: the last is the current version."""
    for before, version in zip(book.versions, book.versions[1:]):
        if version.date <= before.date:
            raise DataError(FILE, f"version {version.date}", f"is not later than the version before it "
                            f"({before.date}), and the last version listed is the one the site shows",
                            "list versions oldest first; a version older than the current one cannot replace it")


def clause_aliases(book: VersionBook, current: set[str]) -> dict[str, str]:
    """Every old clause number the current version does not have, and the current clause its
    address leads to, following chains (12.7 -> 11.8 in one version, 11.8 -> 11.9 in the next).
    A later version's alias for a number replaces an earlier one's."""
    merged: dict[str, tuple[str, datetime.date]] = {}
    for version in book.versions:
        merged.update({old: (new, version.date) for old, new in version.aliases.items()})
    resolved = {}
    for old, (new, date) in merged.items():
        item = f"version {date}, alias {old!r}"
        if old in current:
            raise DataError(FILE, item, "is a clause of the current version, so its address shows that clause, "
                            "not the alias", f"remove the alias {old!r}")
        chain = [old, new]
        while chain[-1] not in current:
            if chain[-1] not in merged:
                raise DataError(FILE, item, f"leads to {' → '.join(chain)}, and {chain[-1]} is not a clause of the "
                                f"current version", "write the number of a clause the current version has")
            chain.append(merged[chain[-1]][0])
            if chain[-1] in chain[:-1]:
                raise DataError(FILE, item, f"leads round in a loop: {' → '.join(chain)}",
                                "point one of these aliases at a clause the current version has")
        resolved[old] = chain[-1]
    return resolved


def page_aliases(book: VersionBook, docs_dir: Path) -> dict[str, str]:
    """Every page the policy no longer has, and the page its address now leads to."""
    merged = {}
    for version in book.versions:
        for old, new in version.pages.items():
            item = f"version {version.date}, page {old!r}"
            if (docs_dir / old).exists():
                raise DataError(FILE, item, "is still a page in docs/, so its address shows that page",
                                "remove the page from docs/, or remove this line")
            merged[old] = new
    for old, new in merged.items():
        if not (docs_dir / new).is_file():
            raise DataError(FILE, f"page {old!r}", f"leads to {new!r}, which is not a page in docs/",
                            "write the path of a page under docs/, e.g. policy/12-disclosures.md")
    return merged


def to_check(changes: list[Change], current: list[str], citations: list[Citation]) -> list[ToCheck]:
    """The clauses to check before a new version is published: each clause it added (does a
    pathway, a sign, a contact, a link or the training need it?), and each number the data or the
    pages cite whose text changed, or that now names another clause's text (renumbered). A number
    that no longer exists at all needs no entry: the build refuses a citation of it."""
    cites: dict[str, list[Citation]] = {}
    for citation in citations:
        cites.setdefault(citation.clause, []).append(citation)
    found: dict[str, ToCheck] = {}
    for change in changes:
        if change.kind == "added":
            found[change.number] = ToCheck(change.number, "new", tuple(cites.get(change.number, [])))
        elif change.new and change.words_changed and change.new.number in cites:
            why = "changed" if change.kind == "changed" else f"was {change.old.number}, and its words changed"
            found[change.new.number] = ToCheck(change.new.number, why, tuple(cites[change.new.number]))
        if change.kind in ("moved", "removed") and change.old.number in current and change.old.number in cites:
            # The number is still in the policy, but its text is elsewhere or gone.
            where = f"its text is now {change.new.number}" if change.new else "its text was removed"
            found.setdefault(change.old.number, ToCheck(change.old.number, where, tuple(cites[change.old.number])))
    return sorted(found.values(), key=lambda item: current.index(item.clause))


# --- what cites a clause ------------------------------------------------------------------------

# The keys under which data files cite clauses.
CLAUSE_KEYS = ("clause", "clauses")
# The keys that name an item of a list, the first one it has.
LABELS = ("id", "clause", "term", "title", "question", "instead_of", "contact")
# A page's citation of a clause: {{ clause_link("11.5") }}.
CLAUSE_LINK = re.compile(r"""\{\{\s*clause_link\(\s*["']([0-9]+\.[0-9]+)["']""")


def data_citations(file: str, raw: Any) -> list[Citation]:
    """Every clause a data file (as read, before validation) cites, with where."""
    found: list[Citation] = []

    def walk(node: Any, where: list[str]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in CLAUSE_KEYS:
                    for clause in value if isinstance(value, list) else [value]:
                        if isinstance(clause, str):
                            found.append(Citation(file, ", ".join(where) or "the file", clause))
                else:
                    walk(value, [*where, str(key)])
        elif isinstance(node, list):
            for index, item in enumerate(node, start=1):
                label = next((item[key] for key in LABELS if isinstance(item, dict) and isinstance(item.get(key), str)),
                             None)
                key = where[-1] if where else "item"
                walk(item, [*where[:-1], f"{key} {label!r}" if label else f"{key} {index}"])

    walk(raw, [])
    return found


def page_citations(docs_dir: Path) -> list[Citation]:
    """Every clause a page cites with {{ clause_link() }}, with its line."""
    found = []
    for page in sorted(docs_dir.rglob("*.md")):
        for line, text in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            found += [Citation(f"docs/{page.relative_to(docs_dir).as_posix()}", f"line {line}", clause)
                      for clause in CLAUSE_LINK.findall(text)]
    return found
