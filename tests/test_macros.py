"""Each renderer on its own: a record in, the expected Markdown out."""

from __future__ import annotations

import datetime
import html

import markdown
import pytest
from bs4 import BeautifulSoup

from macros import reach, render
from macros.text import Html
from sitedata.addresses import Linker
from sitedata.models import Contact, IndicatorList, Link, Phone
from sitedata.versions import Version


def contact(**fields) -> Contact:
    base = {"id": "police-non-emergency", "group": "police", "name": "Police", "use_when": "Not an emergency.",
            "clauses": ["7.4"]}
    return Contact.model_validate(base | fields)


def link(**fields) -> Link:
    base = {"id": "kcsie-2024", "text": "KCSiE 2024", "title": "Keeping children safe in education 2024",
            "publisher": "Department for Education", "url": "https://www.gov.uk/kcsie", "confidence": "high",
            "kind": "statutory-guidance", "clauses": ["3.2"]}
    return Link.model_validate(base | fields)


# --- phone numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "display", "tel"),
    [
        ("999", "999", "999"),
        ("101", "101", "101"),
        ("0800 011 3764", "0800 011 3764", "+448000113764"),
        ("08088005000", "0808 800 5000", "+448088005000"),
        ("01905 822666", "01905 822666", "+441905822666"),
    ],
)
def test_phone_numbers_are_stored_for_dialling_and_shown_for_reading(written, display, tel):
    assert Phone.parse(written) == Phone(display=display, tel=tel)


@pytest.mark.parametrize("written", ["0800 011", "12345", "+1 202 555 0100"])
def test_invalid_phone_numbers_are_refused(written):
    with pytest.raises(ValueError, match="not a valid UK phone number"):
        Phone.parse(written)


# --- contacts ---------------------------------------------------------------------------------


def test_inline_phone_is_tap_to_call():
    assert render.contact_inline(contact(phone="101")) == '<a class="contact-phone" href="tel:101">101</a>'


def test_inline_email_is_mailto():
    rendered = render.contact_inline(contact(email="safeguarding@ofgl.co.uk"))
    assert rendered == '<a class="contact-email" href="mailto:safeguarding@ofgl.co.uk">safeguarding@ofgl.co.uk</a>'


def test_inline_contact_refuses_a_channel_it_does_not_have():
    with pytest.raises(ValueError, match="has no email"):
        render.contact_inline(contact(phone="101"), "email")


def test_contact_card_has_call_button_clauses_and_anchor():
    card = render.contact_card(contact(phone="0800 011 3764"), Html('<a href="x/#clause-7-4">7.4</a>'), None)
    assert '<h3 id="contact-police-non-emergency">Police</h3>' in card
    assert ('<a class="contact-action contact-action--call" href="tel:+448000113764">Call 0800 011 3764'
            '<span class="visually-hidden">, Police</span></a>') in card
    assert '(In the policy: <a href="x/#clause-7-4">7.4</a>)' in card
    assert "Not in the policy" not in card


def test_contact_cards_buttons_show_an_address_as_it_is_written():
    """The contacts page's buttons are the site's one call and email button (macros/reach.py),
    which writes Markdown's characters as text: no emphasis is made of an address."""
    card = render.contact_card(contact(email="safe*guard*ing@ofgl.co.uk"), "", None)
    page = markdown.markdown(card, extensions=["md_in_html", "attr_list"])
    assert "<em>" not in page
    assert BeautifulSoup(page, "html.parser").find("a", class_="contact-action").get_text() == \
        "Email safe*guard*ing@ofgl.co.uk, Police"


def test_contact_card_flags_a_number_that_is_not_in_the_policy():
    outside = contact(
        phone="01905 822666", clauses=[],
        source={"url": "https://www.example.gov.uk/page", "checked_on": "2026-11-28", "note": "From the council."},
    )
    card = render.contact_card(outside, "", None)
    # Said on the line that opens "Where this comes from", which holds the source.
    assert ('<summary><span class="contact-card__check">Not in the policy: check with your DSL.</span> '
            "Where this comes from</summary>") in card
    sources = html.unescape(card[card.index("<summary>"):card.index("</details>")])
    assert ('Source: <a href="https://www.example.gov.uk/page">https://www.example.gov.uk/page</a>, checked on '
            "28 November 2026.") in sources


# --- clauses ----------------------------------------------------------------------------------


def test_clause_anchor_links_to_itself():
    assert render.clause_anchor("11.5") == "[11.5](#clause-11-5){ #clause-11-5 .clause-number }"


@pytest.mark.parametrize(
    ("from_page", "directory_urls", "expected"),
    [
        ("index.md", True, "policy/11-concerns/#clause-11-5"),
        ("about/editing.md", True, "../../policy/11-concerns/#clause-11-5"),
        ("policy/07-trafficking.md", True, "../11-concerns/#clause-11-5"),
        ("policy/11-concerns.md", True, "#clause-11-5"),
        # The copy opened from disk.
        ("about/editing.md", False, "../policy/11-concerns.html#clause-11-5"),
    ],
)
def test_a_clause_link_leads_to_the_clause_from_any_page(site, from_page, directory_urls, expected):
    link = reach.clause_links(site, ["11.5"], Linker(from_page, directory_urls), beside_step=False)
    assert html.unescape(link) == f'<a href="{expected}">11.5</a>'


# --- indicators -------------------------------------------------------------------------------


def test_indicator_list_is_verbatim_with_an_id_per_item():
    lst = IndicatorList.model_validate({
        "clause": "6.4", "name": "Indicators", "kind": "indicators",
        "items": [{"id": "unexplained-money", "text": "Unexplained money or gifts"},
                  {"id": "drug-misuse", "text": "Drug or alcohol misuse"}],
    })
    assert render.indicator_list(lst) == (
        "- Unexplained money or gifts\n  { #sign-unexplained-money }\n"
        "- Drug or alcohol misuse\n  { #sign-drug-misuse }\n"
    )


def test_sentence_list_renders_as_its_sentence():
    lst = IndicatorList.model_validate({
        "clause": "8.8", "name": "Areas", "kind": "county-lines", "form": "sentence",
        "items": [{"id": "area-risk-factors", "text": "Key risk factors of areas are towns."}],
    })
    assert render.indicator_list(lst) == "Key risk factors of areas are towns."


# --- external links ---------------------------------------------------------------------------


def test_confirmed_link_is_a_link():
    assert render.external_link(link()) == '<a href="https://www.gov.uk/kcsie">KCSiE 2024</a>'


def test_a_pages_own_words_for_a_link_stay_markdown():
    page = markdown.markdown("See " + render.external_link(link(), text="the *statutory* guidance") + ".")
    assert page == '<p>See <a href="https://www.gov.uk/kcsie">the <em>statutory</em> guidance</a>.</p>'


def test_superseded_link_shows_its_successor():
    rendered = render.external_link(link(superseded_by={
        "title": "Keeping children safe in education 2025", "url": "https://www.gov.uk/kcsie-2025", "since": "2025-09-01"}))
    assert rendered.startswith('<a href="https://www.gov.uk/kcsie">KCSiE 2024</a>')
    assert ('replaced from 1 September 2025 by <a href="https://www.gov.uk/kcsie-2025">Keeping children safe in '
            "education 2025</a>") in rendered


@pytest.mark.parametrize("confidence", ["low", "none"])
def test_unconfirmed_address_is_not_guessed(confidence):
    rendered = render.external_link(link(confidence=confidence))
    assert "https://" not in rendered
    assert rendered == (
        'KCSiE 2024<span class="editorial"> (Department for Education: '
        "address to be confirmed by the policy owner)</span>"
    )


def test_internal_document_has_no_address():
    rendered = render.external_link(link(kind="internal", url=None, confidence="none"), text="Wellbeing")
    assert rendered == 'Wellbeing<span class="editorial"> (an internal Group document: ask your DSL)</span>'


# --- setting ----------------------------------------------------------------------------------


@pytest.fixture
def version() -> Version:
    return Version.model_validate({"date": "2024-09-01", "review_due": "2025-09-01", "review_due_basis": "annual"})


def test_review_status_before_the_due_date(version):
    status = render.review_status(version, datetime.date(2025, 9, 1))
    assert status["text"] == "Dated 1 September 2024."
    assert status["overdue"] is False
    # The policy states no review date: the site never says one is due or overdue.
    assert "due" not in status["text"].lower() + status["overdue_text"].lower()


def test_review_status_after_the_due_date(version):
    status = render.review_status(version, datetime.date(2025, 9, 2))
    assert status["overdue"] is True
    assert status["overdue_text"] == ("This policy is dated 1 September 2024. Policies are usually reviewed every "
                                      "year: check with your DSL that this is the current version.")
