"""Paper: every kind of page printed (print media in Chromium) keeps what a reader needs and
drops what only a screen can use: no buttons to tap, no "select" or "click", no "See also"."""

from __future__ import annotations

import base64
import io
import re

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from conftest import real_data
from playwright.sync_api import Page, expect
from pypdf import PdfReader

# One page of each kind.
PAGE_KINDS = [
    "", "what-to-do/", "what-to-do/concern/", "what-to-do/immediate-danger/", "what-to-do/flowchart/",
    "contacts/", "policy/11-concerns/", "signs/", "training/", "training/scenarios/", "training/handout/",
    "downloads/", "about/", "about/setup/", "about/guidance-links/", "print/policy/", "print/what-to-do/",
    "print/contacts/", "print/pocket-card/", "training/self-check/",
]
DSL = real_data().team.by_id()["dsl"]
SCREEN_WORDS = re.compile(rf"\b(?:tap|tapping|select|click|press|See also|Find the|Find {re.escape(DSL.called)})\b",
                          re.IGNORECASE)
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
    write_in = printed.locator(".answer-first .write-in")
    if DSL.dial:  # the number prints: nothing to write in
        assert write_in.count() == 0 and DSL.dial.display in printed.locator(".answer-first").inner_text()
    else:
        line = printed.locator(".answer-first .print-only").first
        assert line.is_visible() and line.inner_text().startswith(f"The DSL, {DSL.name}, number:")
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


# --- pages printed with their scripts running, read back from the PDF -----------------------


def printed_pages(page: Page) -> list[str]:
    """The text of each sheet of the page printed on A4, every run of white space one space."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join(sheet.extract_text().split()) for sheet in reader.pages]


@pytest.fixture
def with_scripts(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def test_the_scenarios_print_each_on_a_sheet_with_its_outcome_and_discussion(with_scripts, site_url, site, training):
    """The trainer view shows one scenario at a time; paper has every one, revealed."""
    with_scripts.goto(site_url + "training/scenarios/")
    expect(with_scripts.locator("[data-scenario]:visible")).to_have_count(1)
    sheets = printed_pages(with_scripts)
    assert len(sheets) == len(training.scenarios)
    for number, (sheet, scenario) in enumerate(zip(sheets, training.scenarios, strict=True), start=1):
        assert f"Scenario {number}: {scenario.title}" in sheet
        assert f"Outcome: {site.pathways.outcome(scenario.outcome).title}" in sheet
        assert "Discussion" in sheet
        for point in scenario.discussion:
            assert " ".join(point.text.split()) in sheet, point.text


def test_the_self_check_prints_its_questions_then_the_answers_on_their_own_sheet(with_scripts, site_url, training):
    with_scripts.goto(site_url + "training/self-check/")
    expect(with_scripts.locator("[data-question]:visible")).to_have_count(1)
    sheets = printed_pages(with_scripts)
    answers = next(i for i, sheet in enumerate(sheets) if sheet.startswith("Answers"))
    questions, answer_sheets = " ".join(sheets[:answers]), " ".join(sheets[answers:])
    for question in training.questions:
        assert " ".join(question.question.split()) in questions, question.id
        for option in question.options:
            assert option in questions, option
        assert " ".join(question.feedback.split()) not in questions, question.id
        assert " ".join(question.feedback.split()) in answer_sheets, question.id


def test_a_navigator_screen_prints_without_its_controls_naming_its_own_page(browser, site_url, site):
    """The steps the navigator shows on the home page print as that situation's page would:
    no Back, no links onward, and the footer names the situation's page, not the home page."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="block")
    page = context.new_page()
    outcome = site.pathways.outcomes[1]
    page.goto(f"{site_url}#nav={outcome.id}")
    expect(page.locator("#navigator h1")).to_have_text(outcome.title)
    page.emulate_media(media="print")
    text = page.inner_text("body")
    assert not SCREEN_WORDS.findall(text), [line for line in text.splitlines() if SCREEN_WORDS.search(line)]
    assert not visible(page, f"{SCREEN_CONTROLS}, .navigator__back, .navigator__links")
    assert f"what-to-do/{outcome.id}/" in page.locator(".print-address").inner_text()
    context.close()


# --- headings, in every engine that prints ---------------------------------------------------

# The pages whose headings are followed by blocks kept whole: steps, contact cards, clauses.
PRINTED_IN_EVERY_ENGINE = ["what-to-do/disclosure-trafficking/", "contacts/", "policy/11-concerns/"]
# What a page of paper has below its text: the page margin (site.css, @page) and a little more.
FOOTER_ROOM = 16 * 72 / 25.4


def headings_of(html: str) -> set[str]:
    """The text of every heading of a page's article, and the headings its steps print (screens.py)."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    if article is None:
        return set()
    found = {" ".join(h.get_text().split()) for h in article.select("h1, h2, h3, h4")}
    return found | {step["data-paper-heading"] for step in article.select("[data-paper-heading]")}


def stranded(pdf, headings: set[str]) -> list[str]:
    """Each sheet but the last whose last line of text is a heading: "page N: heading"."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages[:-1], start=1):
            lines = (page.crop((0, 0, page.width, page.height - FOOTER_ROOM)).extract_text() or "").splitlines()
            if lines and " ".join(lines[-1].split()) in headings:
                found.append(f"page {number}: {lines[-1]}")
    return found


def printed_in(engine: str, browser, other_engines, url: str) -> bytes:
    """``url`` printed on A4 by Chromium or by Firefox (over WebDriver BiDi). WebKit's
    WebDriver cannot print: Safari keeps blocks whole as the others do (break-inside), which
    is all the print stylesheet asks of it."""
    if engine == "chromium":
        page = browser.new_page()
        page.goto(url)
        pdf = page.pdf(format="A4")
        page.close()
        return pdf
    firefox = other_engines("firefox")
    tab = firefox.open({"width": 1280, "height": 800})
    tab.goto(url)
    data = firefox.bidi.send("browsingContext.print", context=tab.context, page={"width": 21.0, "height": 29.7})["data"]
    tab.close()
    return base64.b64decode(data)


@pytest.mark.xdist_group("engines")  # Firefox starts once per run (conftest.other_engines)
@pytest.mark.parametrize("engine", ["chromium", "firefox"])
def test_no_printed_page_ends_with_a_heading_in_either_engine(engine, browser, other_engines, site_url, built_site):
    """Firefox, like Safari, ignores break-after: avoid: a heading is kept with what follows it
    by blocks that no engine breaks (site.css)."""
    found = {}
    for path in PRINTED_IN_EVERY_ENGINE:
        headings = headings_of(built_site.page(path).read_text(encoding="utf-8"))
        if problems := stranded(io.BytesIO(printed_in(engine, browser, other_engines, site_url + path)), headings):
            found[path] = problems
    assert not found, found
