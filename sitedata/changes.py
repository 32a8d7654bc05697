"""What changed between two versions of the policy, clause by clause: the "What changed" page,
the "changed on" markers, ``make new-version``'s diff and the clauses it asks to check.

Each clause of the previous version is matched to the current version's clause holding its text:
the same words anywhere (a clause renumbered, "moved"), else the most similar clause with at
least half its words in common, preferring the same number ("changed", or moved and changed).
A clause of the previous version left unmatched was removed; one of the current version, added.
Sections' own text ("11.0") is matched only with sections'. Words are compared as the policy
gives them (case and quote marks too), without the clause's number.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from .policy_text import Clause, PolicyText

# How alike two clauses' words must be (difflib's ratio) to be one clause changed, not one
# removed and another added.
SAME_CLAUSE = 0.5
# Between two paragraphs of a clause, in its words.
PARAGRAPH = "\n"

Kind = Literal["changed", "moved", "added", "removed"]


def words(clause: Clause) -> list[str]:
    """A clause's words without its number, with PARAGRAPH between its paragraphs."""
    found: list[str] = []
    for index, block in enumerate(clause.blocks):
        block_words = block.text.split()
        if index == 0 and block_words and block_words[0] == clause.number:
            block_words = block_words[1:]
        if found and block_words:
            found.append(PARAGRAPH)
        found += block_words
    return found


@dataclass(frozen=True)
class Change:
    """One clause that is not as it was: ``old`` its number before, ``new`` its number now."""

    kind: Kind
    old: Clause | None
    new: Clause | None

    @property
    def number(self) -> str:
        """The number readers find it by: its number now, or (removed) its number before."""
        return (self.new or self.old).number

    @property
    def words_changed(self) -> bool:
        return self.old is None or self.new is None or words(self.old) != words(self.new)

    def word_diff(self) -> list[tuple[str, list[str]]]:
        """The clause's words as runs: ("equal" | "removed" | "added", words)."""
        before = words(self.old) if self.old else []
        after = words(self.new) if self.new else []
        runs: list[tuple[str, list[str]]] = []
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                runs.append(("equal", before[i1:i2]))
                continue
            if i2 > i1:
                runs.append(("removed", before[i1:i2]))
            if j2 > j1:
                runs.append(("added", after[j1:j2]))
        return runs


def _likeness(old: Clause, new: Clause) -> float:
    return difflib.SequenceMatcher(None, words(old), words(new), autojunk=False).ratio()


def compare(previous: PolicyText, current: PolicyText) -> list[Change]:
    """Every clause that changed between two versions, in the current version's order (those
    removed after, in the previous version's)."""
    old_left = dict(previous.clauses)
    new_left = dict(current.clauses)
    matched: list[tuple[Clause, Clause]] = []

    def match(old: Clause, new: Clause) -> None:
        matched.append((old, new))
        del old_left[old.number], new_left[new.number]

    # The same words: under the same number first, then anywhere (renumbered).
    for number in list(old_left):
        if number in new_left and words(old_left[number]) == words(new_left[number]):
            match(old_left[number], new_left[number])
    by_words = {}
    for clause in new_left.values():
        by_words.setdefault(tuple(words(clause)), []).append(clause)
    for old in list(old_left.values()):
        same = [c for c in by_words.get(tuple(words(old)), []) if c.number in new_left and _kind_fits(old, c)]
        if same:
            match(old, same[0])
    # Similar words: the most alike pairs first, the same number winning a tie.
    pairs = sorted(
        ((_likeness(old, new), old.number == new.number, old.number, new.number)
         for old in old_left.values() for new in new_left.values() if _kind_fits(old, new)),
        reverse=True)
    for likeness, _, old_number, new_number in pairs:
        if likeness < SAME_CLAUSE:
            break
        if old_number in old_left and new_number in new_left:
            match(old_left[old_number], new_left[new_number])

    found = {new.number: Change("changed" if old.number == new.number else "moved", old, new)
             for old, new in matched if old.number != new.number or words(old) != words(new)}
    found.update({number: Change("added", None, clause) for number, clause in new_left.items()})
    order = list(current.clauses)
    changes = sorted(found.values(), key=lambda change: order.index(change.new.number))
    return changes + [Change("removed", clause, None) for clause in old_left.values()]


def _kind_fits(old: Clause, new: Clause) -> bool:
    """A section's own text matches only a section's; a clause's only a clause's."""
    return old.number.endswith(".0") == new.number.endswith(".0")
