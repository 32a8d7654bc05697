"""The policy's clause numbers and the one anchor scheme every page links to.

A clause "11.5" lives on its section's page at the anchor ``#clause-11-5``; a section's own
heading "11.0" at ``#clause-11-0``. Pages, the navigator, the PDFs and trainers all use this.
"""

import re

CLAUSE_PATTERN = re.compile(r"^(?P<section>[1-9][0-9]?)\.(?P<clause>[0-9]{1,2})$")


def is_clause_number(text: str) -> bool:
    return bool(CLAUSE_PATTERN.match(text))


def anchor_id(clause: str) -> str:
    """The HTML id of a clause: "11.5" -> "clause-11-5"."""
    return "clause-" + clause.replace(".", "-")
