"""A version of the policy as received (``source/<date>.md``, see source/README.md), read into
its sections and clauses: the text the site's pages are checked against, both ways
(macros/fidelity.py), and that two versions are compared by (sitedata/changes.py).

The received files are conversions of the Group's PDF to Markdown. Their shape, not their words,
is what this reads: a clause starts where a paragraph, list item or heading starts with its
number ("11.5 Where risks…", "- 4.4 It is…", "#### 4.0 CHILD…"), and runs until the next number.
A section's own text ("11.0") is its heading and what comes before its first clause.

What the conversion adds that is not policy text, left out by rule (no rule names a version's
own lines, so a new version needs no change here):

- the cover: everything before section 1.0 (the title, the setting's name, the Group's logo, the
  date, which the site shows in its footer and on the home page);
- the contents table ("CONTENTS PAGE" and "3.0 WHAT IS … ..... 2"), whose titles name a section
  that has no heading of its own (13.0 starts inside 12.7's list item in the 2024 text);
- the running header at each page break: a level-2 heading repeating the cover's title;
- the Group's logos on the last page: the paragraphs wholly in bold after the last clause's text.

A page break can cut a sentence in two ("orders are placed by | introduced customers"): a
paragraph that starts in lower case continues the one before it.

Numbering is checked as it is read: sections 1.0, 2.0, … in order, and in each section N the
clauses N.1, N.2, … in order. A number skipped or repeated stops the build (or the import), naming
the line: the site gives every clause the address its number makes, so a skipped number cannot be
shown faithfully, and a repeated one would have two.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError

# A number that starts a block: "11.5 " or "13.0 " (never "16 and 17", "3 years" or "(See 8.0)").
NUMBER = re.compile(r"^(?P<section>[1-9][0-9]?)\.(?P<clause>[0-9]{1,2})(?=\s|$)")
# The contents table: its heading, and its entries with dot leaders and page numbers.
CONTENTS_HEADING = re.compile(r"CONTENTS\s+PAGE")
CONTENTS_ENTRY = re.compile(r"(?P<number>[1-9][0-9]?\.0) (?P<title>.+?) ?\.{2,}\s*\d+")
# The cover's date: "**Updated 1 September 2024**" (or "Updated: 1st Sept 2024").
COVER_DATE = re.compile(r"Updated:?\s+(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+)\.?\s+(\d{4})")
# A paragraph wholly in bold: "**Acorn Education**", "**Outcomes  \nFirst  \nGroup.**".
WHOLLY_BOLD = re.compile(r"\s*(\*\*[^*]+\*\*\s*)+")

# Split after . ! or ? followed by whitespace, except after "e.g." (12.2). Not on ; or :, which
# makes fragments too short to mean anything; "(a)" and "D.4," are never followed by whitespace
# after the stop, so they need no special case.
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!e\.g\.)\s+")


def normalise(text: str) -> str:
    """Every run of whitespace as one space: line wrapping is not content."""
    return " ".join(text.split())


def strip_markdown(text: str) -> str:
    text = re.sub(r"^#+\s*", "", text)  # heading marks
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](#) -> text
    text = re.sub(r"\\([()\[\]*_#.\-!|\\])", r"\1", text)  # \( -> (
    text = text.replace("*", "")  # bold and italic (the policy has no literal asterisks)
    return normalise(text)


def sentences(text: str) -> list[str]:
    return [sentence for sentence in SENTENCE_END.split(text) if sentence]


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item: its text without Markdown."""

    text: str
    heading: bool
    line: int  # where it starts in the file


@dataclass(frozen=True)
class Clause:
    """A numbered clause ("11.5"), or a section's own text ("11.0": its heading and what comes
    before its first clause)."""

    number: str
    blocks: tuple[Block, ...]

    @property
    def line(self) -> int:
        return self.blocks[0].line

    @property
    def text(self) -> str:
        return " ".join(block.text for block in self.blocks)

    @property
    def section(self) -> str:
        return self.number.split(".")[0] + ".0"

    def sentences(self) -> list[tuple[str, bool]]:
        """(sentence, is_heading) for every sentence of the clause, in order."""
        return [(sentence, block.heading) for block in self.blocks for sentence in sentences(block.text)]

    def with_local(self, starts_with: str, local: list[str]) -> Clause:
        """The clause with its paragraphs from the one starting ``starts_with`` on replaced by a
        setting's own (``local``, plain text). The hook for a setting's copy of the policy, whose
        local procedures differ (7.4 from "Local Procedures." on, and 13.0): the fidelity check
        then compares those paragraphs with the setting's text instead of the Group's."""
        at = next((i for i, block in enumerate(self.blocks) if block.text.startswith(starts_with)), None)
        if at is None:
            raise ValueError(f"clause {self.number} has no paragraph starting {starts_with!r}")
        line = self.blocks[at].line
        return Clause(self.number, self.blocks[:at] + tuple(Block(normalise(text), False, line) for text in local))


@dataclass(frozen=True)
class PolicyText:
    """One version of the policy: its clauses in order, by number."""

    file: str  # as the maintainer knows it: source/2024-09-01.md
    title: str
    updated: datetime.date | None  # the cover's "Updated …" date, if it has one
    clauses: dict[str, Clause]

    def sections(self) -> list[str]:
        return [number for number in self.clauses if number.endswith(".0")]

    def clauses_of(self, section: str) -> list[str]:
        """The numbered clauses of a section ("11.0": ["11.1", … "11.7"])."""
        return [n for n in self.clauses if n != section and self.clauses[n].section == section]


def _blocks(markdown: str) -> tuple[list[Block], list[Block], dict[str, str], str]:
    """The blocks before section 1.0 (the cover), the blocks from it on, the contents table's
    titles by section, and the cover's title."""
    lines = markdown.splitlines()
    title = next((strip_markdown(line) for line in lines if re.match(r"#\s", line)), "")
    titles: dict[str, str] = {}
    found: list[list] = []  # [raw lines, is_heading, first line]
    open_block = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if CONTENTS_HEADING.fullmatch(stripped):
            continue
        if entry := CONTENTS_ENTRY.fullmatch(stripped):
            titles[entry["number"]] = entry["title"]
            continue
        if re.fullmatch(r"##\s+.+", stripped) and strip_markdown(stripped) == title:  # the running header
            continue
        if not stripped or stripped == "---":  # a blank line or a rule ends the block
            open_block = False
        elif stripped.startswith("#"):
            found.append([[stripped], True, number])
            open_block = False
        elif re.match(r"[-*] ", stripped):  # a list item starts a block
            found.append([[stripped[2:]], False, number])
            open_block = True
        elif open_block or (stripped[0].islower() and found and not found[-1][1]):
            # A wrapped line or a hard line break; or, starting in lower case, a paragraph that a
            # page break cut in two.
            found[-1][0].append(stripped)
            open_block = True
        else:
            found.append([[stripped], False, number])
            open_block = True
    while found and WHOLLY_BOLD.fullmatch(" ".join(found[-1][0])):  # the logos on the last page
        found.pop()
    blocks = [Block(strip_markdown(" ".join(raw)), heading, line) for raw, heading, line in found]
    first = next((i for i, block in enumerate(blocks) if _number(block.text) == "1.0"), len(blocks))
    return blocks[:first], blocks[first:], titles, title


def cover_date(cover: str) -> datetime.date | None:
    """The cover's "Updated …" date (the month in full or short), if it has one."""
    if found := COVER_DATE.search(cover):
        day, month, year = found.groups()
        try:
            return datetime.datetime.strptime(f"{day} {month[:3]} {year}", "%d %b %Y").date()
        except ValueError:
            return None
    return None


def _number(text: str) -> str | None:
    found = NUMBER.match(text)
    return found.group(0) if found else None


def parse(markdown: str, file: str) -> PolicyText:
    """Read a received version into its clauses, checking its numbering. ``file`` names it in
    messages (source/2024-09-01.md, or the file being imported)."""
    cover, blocks, titles, title = _blocks(markdown)
    updated = cover_date(" ".join(block.text for block in cover))
    if not blocks:
        raise DataError(file, "the text", "has no section 1.0", "check that this is the policy's Markdown "
                        "(a section starts with its number, e.g. '## 1.0 INTRODUCTION')")
    grouped: dict[str, list[Block]] = {}
    current = None
    for block in blocks:
        number = _number(block.text)
        if number:
            _check_order(file, block, number, current, grouped)
            current = number
            grouped[number] = []
            if number.endswith(".0") and not block.heading:
                # A section that starts inside a paragraph: its heading is the contents table's.
                rest = block.text[len(number):].strip()
                grouped[number].append(Block(normalise(f"{number} {titles.get(number, '')}"), True, block.line))
                block = Block(rest, False, block.line)
        grouped[current].append(block)
    return PolicyText(file, title, updated, {number: Clause(number, tuple(b for b in found if b.text))
                                             for number, found in grouped.items()})


def _check_order(file: str, block: Block, number: str, current: str | None, seen: dict[str, list[Block]]) -> None:
    """Sections 1.0, 2.0, … in order; in section N, clauses N.1, N.2, … in order."""
    where = f"line {block.line} ({block.text[:40]}…)"
    if number in seen:
        raise DataError(file, where, f"numbers a clause {number} again (the first is on line {seen[number][0].line})",
                        "compare with the Group's PDF: a clause has one number; if the policy itself repeats it, "
                        "ask the policy owner for a corrected copy")
    section, clause = (int(part) for part in number.split("."))
    last_section, last_clause = (int(part) for part in current.split(".")) if current else (0, 0)
    if clause == 0:
        expected = f"{last_section + 1}.0"
    elif section == last_section:
        expected = f"{section}.{last_clause + 1}"
    else:
        expected = f"{last_section}.{last_clause + 1} or {last_section + 1}.0"
    if number not in expected.split(" or "):
        after = f"after {current}" if current else "first"
        raise DataError(file, where, f"numbers a clause {number} {after}, where {expected} should come",
                        "compare with the Group's PDF: restore a clause or heading lost in the conversion; if the "
                        "policy itself skips or repeats a number, ask the policy owner for a corrected copy")


def read(path: Path, shown: str) -> PolicyText:
    """A version's file, read and parsed; a missing or unreadable file is a DataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(shown, "the file", "is missing", "restore it from version control (each version of the "
                        "policy is kept as received)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(shown, "the file", f"cannot be read ({error})", "save it as UTF-8 text") from None
    return parse(text, shown)
