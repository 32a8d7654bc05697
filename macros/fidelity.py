"""Fidelity, both ways: each policy page says what the current version of the policy says, clause
by clause, and nothing else.

- Every sentence of a clause in the version as received (sitedata/policy_text.py) is in that
  clause's text on its page: nothing the policy says is missing or changed.
- Every sentence of a clause on its page is in that clause of the version, or is the site's own
  words, marked ``class="editorial"`` (macros/components.py EDITORIAL): a sentence the policy does
  not have, or no longer has, fails the build, naming the page, the clause and the sentence.

A clause on a page runs from the element with its id (``#clause-11-5``: the clause number that
``{{ clause("11.5") }}`` writes, or the page's heading for "11.0") to the next clause's. Quote
marks and case are compared exactly: the policy's slips ("children can be trafficked", 7.1)
are kept as they are. Only headings are compared without case: the policy's are in capitals and
the pages' in sentence case.

A setting's local procedures (data/sections.yml ``local:``: 7.4 from "Local Procedures." on,
and 13.0) are left out until each setting keeps its own text of them (issue 26).

The MkDocs hooks run it on each section's page as it is built (``on_page_content``) and stop the
build once every page has been checked (``on_env``), listing every difference at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import MappingProxyType

from sitedata.policy_text import Clause, normalise, sentences

from .components import EDITORIAL

CLAUSE_ID = re.compile(r"^clause-(\d+)-(\d+)$")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that end a line of text; only these put a space between texts, so inline markup
# (links, <strong>, the clause number) adds none: "(KCSiE 2024)".
BLOCKS = HEADINGS | {"p", "li", "ul", "ol", "div", "td", "th", "tr", "table", "br", "summary", "details", "dt", "dd",
                     "blockquote", "section"}
# Elements without an end tag: they never hold the text after them.
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}


@dataclass
class PageClause:
    """One clause as a page shows it: its blocks of text (text, is_heading), our words left out."""

    number: str
    blocks: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(text for text, _ in self.blocks)

    def sentences(self) -> list[tuple[str, bool]]:
        return [(sentence, heading) for text, heading in self.blocks for sentence in sentences(text)]

    def leave_out_from(self, words: str) -> None:
        """Leave out the blocks from the first that starts with ``words`` on."""
        at = next((i for i, (text, _) in enumerate(self.blocks) if text.startswith(words)), len(self.blocks))
        del self.blocks[at:]


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.clauses: dict[str, PageClause] = {}
        self._current: PageClause | None = None
        self._text: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, is ours) for each open element
        self._heading = 0

    def _ours(self) -> bool:
        return any(ours for _, ours in self._open)

    def _end_block(self) -> None:
        text = normalise("".join(self._text))
        if text and self._current is not None:
            self._current.blocks.append((text, self._heading > 0))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in BLOCKS:
            self._end_block()
        if found := CLAUSE_ID.match(values.get("id", "")):
            self._end_block()
            number = f"{found[1]}.{found[2]}"
            self._current = self.clauses.setdefault(number, PageClause(number))
        if tag in HEADINGS:
            self._heading += 1
        if tag not in VOID:
            self._open.append((tag, EDITORIAL in values.get("class", "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._end_block()
        if tag in HEADINGS:
            self._heading = max(0, self._heading - 1)
        for index in range(len(self._open) - 1, -1, -1):  # close it, and anything left open inside it
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._ours():
            self._text.append(data)


def page_clauses(html: str) -> dict[str, PageClause]:
    """The clauses of a page's content (its HTML), by number, without the site's own words."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    reader._end_block()
    return reader.clauses


def _found(sentence: str, heading: bool, text: str) -> bool:
    return sentence.casefold() in text.casefold() if heading else sentence in text


@dataclass(frozen=True)
class Difference:
    page: str  # docs/policy/11-concerns.md
    clause: str
    problem: str  # what is wrong, with the sentence

    def __str__(self) -> str:
        return f"{self.page}: clause {self.clause}: {self.problem}"


def check_page(page: str, html: str, expected: dict[str, Clause], source: str,
               local: Mapping[str, str] = MappingProxyType({})) -> list[Difference]:
    """The differences between a section's page (``html``, its content) and the clauses it must
    hold (``expected``: the section's, from ``source``, the version's file). ``local``: clauses
    whose paragraphs from the one starting with these words on are a setting's own local
    procedures, left out on both sides until a setting's copy of the policy gives its own text
    (data/sections.yml; then ``expected`` holds it: ``Clause.with_local``)."""
    shown = page_clauses(html)
    for number, words in local.items():
        expected = {**expected, number: expected[number].with_local(words, [])}
        if number in shown:
            shown[number].leave_out_from(words)
    differences = []
    for number, clause in expected.items():
        on_page = shown.get(number)
        if on_page is None:
            differences.append(Difference(page, number, f'is missing: add {{{{ clause("{number}") }}}} and its text '
                                                        f"from {source}, line {clause.line}"))
            continue
        differences += [Difference(page, number, f"“{sentence}” is in {source} but not on the page")
                        for sentence, heading in clause.sentences() if not _found(sentence, heading, on_page.text)]
        differences += [Difference(page, number, f"“{sentence}” is on the page but not in {source}")
                        for sentence, heading in on_page.sentences() if not _found(sentence, heading, clause.text)]
    differences += [Difference(page, number, f"is not a clause of this section in {source}: remove it, or give "
                                             "its text the number the policy gives it")
                    for number in shown if number not in expected]
    return differences


FIX = ("make each page say what the policy as received says, word for word (a changed clause: the "
       "words shown; a clause added: its number with {{ clause(\"N.N\") }} and its text; a clause removed: "
       "its number and text), and mark the site's own words inside policy text with class=\"editorial\"")


def report(differences: list[Difference]) -> str:
    """One message for every difference found, page by page."""
    listed = "\n".join(f"  - {difference}" for difference in differences)
    return (f"{len(differences)} differences between the policy pages and the policy as received:\n{listed}\n"
            f"Fix: {FIX}")
