"""Values left in as placeholders: "TBC", "xxx", "to be confirmed", an example.com address.

A value the setting has not supplied yet is written `to be supplied` (models.NOT_SUPPLIED): pages
then show staff what to do instead, and `REQUIRE_COMPLETE=1` refuses to publish. A placeholder
typed in its place would be published as if it were the value ("Call TBC"), so it is refused
in every build. (Made-up phone numbers are refused by phones.Phone.)
"""

from __future__ import annotations

import re

PLACEHOLDER_WORDS = re.compile(
    r"\b(tbc|tba|tbd|to be (confirmed|advised|arranged|announced|decided|supplied)|x{3,}|placeholder|lorem ipsum)\b",
    re.IGNORECASE,
)
# Domains kept for examples (RFC 2606 and RFC 6761): mail sent there reaches no one.
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")
EXAMPLE_TOP_LEVEL = ("example", "test", "invalid", "localhost")


def placeholder_text(value: str) -> str | None:
    """The placeholder in ``value`` ("TBC"), or None."""
    found = PLACEHOLDER_WORDS.search(value)
    return found.group(0) if found else None


def is_example_address(email: str) -> bool:
    domain = email.rpartition("@")[2].lower().rstrip(".")
    example_domain = any(domain == d or domain.endswith(f".{d}") for d in EXAMPLE_DOMAINS)
    return example_domain or domain.rpartition(".")[2] in EXAMPLE_TOP_LEVEL


def check_not_placeholder(value: str) -> str:
    if found := placeholder_text(value):
        raise ValueError(f"{value!r} is a placeholder ({found!r}) — fix: write the value, or exactly `to be supplied` "
                         "until the setting supplies it (pages then tell staff what to do instead)")
    return value


def check_not_example_address(email: str) -> str:
    if is_example_address(email):
        raise ValueError(f"{email!r} is an example address, which reaches no one — fix: write the real address, or "
                         "`to be supplied` until the setting supplies it")
    return email
