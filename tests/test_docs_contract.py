"""Facts are written once, in data/: no page in docs/ types a phone number, an email address,
a web address or a sign. Pages use macros (contact, link, indicators) instead."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from conftest import ROOT

DOCS = ROOT / "docs"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
WEB_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)
# UK short codes that phonenumbers' matcher does not look for in running text.
# Not part of a longer number or a clause number such as 10.1.
SHORT_CODE = re.compile(r"(?<!\d)(?<!\d\.)(999|112|101|111|116 ?\d{3})(?!\d|\.\d)")


def phone_numbers(text: str) -> list[str]:
    found = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(text, "GB")]
    return found + SHORT_CODE.findall(text)


def typed_facts(text: str, signs: list[str]) -> list[str]:
    """Everything in ``text`` that should have come from data/ through a macro."""
    return (
        phone_numbers(text)
        + [m.group() for m in EMAIL.finditer(text)]
        + [m.group() for m in WEB_ADDRESS.finditer(text)]
        + [sign for sign in signs if sign in text]
    )


@pytest.fixture(scope="module")
def signs(site) -> list[str]:
    return [item.text for lst in site.indicators.lists for item in lst.items] + [site.indicators.reminder.text]


def test_no_page_types_a_fact(signs):
    offences = {
        str(path.relative_to(ROOT)): facts
        for path in sorted(DOCS.rglob("*.md"))
        if (facts := typed_facts(path.read_text(encoding="utf-8"), signs))
    }
    assert not offences, f"Use the contact(), link() or indicators() macros instead: {offences}"


@pytest.mark.parametrize(
    "typed",
    [
        "call 0800 011 3764 for advice",
        "call 01905 822666",
        "In an emergency call 999.",
        "Worcestershire Police call 101",
        "email safeguarding@ofgl.co.uk today",
        "see https://www.gov.uk/guidance",
        "see www.nspcc.org.uk",
        "- Unexplained money or gifts",
    ],
)
def test_the_check_catches_typed_facts(typed):
    assert typed_facts(typed, ["Unexplained money or gifts"]), typed


@pytest.mark.parametrize(
    "allowed",
    [
        '{{ contact("police-non-emergency") }}',
        "refreshed every 3 years",
        "under the age of 18",
        "16 and 17 year olds",
        "(See Section 8.0)",
        "Part D.4, 2022",
        'see {{ clause_link("11.5") }}',
    ],
)
def test_the_check_allows_ordinary_numbers(allowed):
    assert not typed_facts(allowed, ["Unexplained money or gifts"]), allowed
