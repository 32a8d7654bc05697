"""Paper: every kind of page printed (print media in Chromium) keeps what a reader needs and
drops what only a screen can use: no buttons to tap, no "select" or "click", no "See also"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

# One page of each kind.
PAGE_KINDS = [
    "", "what-to-do/", "what-to-do/concern/", "what-to-do/immediate-danger/", "what-to-do/flowchart/",
    "contacts/", "policy/11-concerns/", "signs/", "training/", "training/scenarios/", "training/handout/",
    "downloads/", "about/", "about/setup/", "about/guidance-links/", "print/policy/", "print/what-to-do/",
]
SCREEN_WORDS = re.compile(r"\b(?:tap|tapping|select|click|press|See also|Find the|Find Kerry)\b", re.IGNORECASE)
# Controls that only work on a screen: a "Find ..." link to a card, the navigator's start.
SCREEN_CONTROLS = "a.contact-action--primary[href*='#contact-'], button:not([hidden]), .navigator__option"


@pytest.fixture(scope="module")
def printed(browser):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def visible(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.checkVisibility()).map(e => e.outerHTML.slice(0, 120))")


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_a_printed_page_has_no_screen_words_or_controls(printed, site_url, path):
    printed.goto(site_url + path)
    text = printed.inner_text("body")
    assert not SCREEN_WORDS.findall(text), [line for line in text.splitlines() if SCREEN_WORDS.search(line)]
    assert not visible(printed, SCREEN_CONTROLS)
    # The page's address is printed (or where to get it); the training pages print as the
    # trainer's and the handout's own sheets, and the print pages' PDFs have their own footers.
    if not path.startswith(("training/", "print/")):
        assert printed.locator(".print-address").is_visible()
    # Paper is read at any time: it never says which line to call "now" (see the timetable below).
    assert "Now (" not in text


def test_on_paper_each_pair_of_lines_is_a_timetable(printed, site_url, site):
    """Which line to ring on weekdays in office hours, which at other times: each line's hours in
    words and its number, in the build's order, whatever the printing device's clock says."""
    printed.goto(site_url + "what-to-do/concern/")
    expect(printed.locator("[data-now-panel]").first).to_have_class(re.compile(r"\bnow-panel--live\b"))
    table = printed.locator(".now-panel__timetable").first
    assert table.is_visible() and not printed.locator("[data-now-status]").first.is_visible()
    pair = site.contacts.line_pairs[0]
    rows = table.locator("tbody tr")
    for number, line_id in enumerate([pair.office, pair.out_of_hours]):
        contact = site.contacts.by_id()[line_id]
        assert contact.hours.in_words in rows.nth(number).inner_text()
        assert contact.phone.display in rows.nth(number).inner_text()


def test_on_paper_a_person_without_a_number_gets_a_line_to_write_it_on(printed, site_url):
    printed.goto(site_url + "what-to-do/concern/")
    line = printed.locator(".steps--own .print-only").first
    assert line.is_visible() and line.inner_text().startswith("The DSL, Kerry O'Brien, number:")
    # The steps keep their clauses on paper.
    assert printed.locator(".step-source").first.is_visible()


def test_the_check_finds_screen_words(printed, site_url):
    printed.goto(site_url + "what-to-do/concern/")
    printed.emulate_media(media="screen")
    try:
        assert SCREEN_WORDS.search(printed.inner_text("body"))  # "Find the DSL", "See also"
        assert visible(printed, SCREEN_CONTROLS)
    finally:
        printed.emulate_media(media="print")
