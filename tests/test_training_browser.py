"""The training pages in a real Chromium: the self-check from the keyboard alone, with feedback
citing its clauses, a summary and a printable record dated today with the policy's version, and
nothing stored or fetched; the trainer view moved by the arrow keys and Page Up/Page Down, its
outcome revealed by R or the Reveal button; everything shown with JavaScript off; axe-core finds
nothing in the states the scripts make; and the handout prints on exactly two sides of A4.

The DOM this protects (the scripts' contract with macros/training.py):
  trainer view   [data-trainer] > section.scenario[data-scenario]#scenario-<id> > h2,
                 details#scenario-<id>-reveal > .scenario__outcome a; with JavaScript:
                 .trainer__controls button[data-trainer-previous|-reveal|-next], .trainer__position,
                 #trainer-status (aria-live), address #scenario-<id>
  self-check     [data-selfcheck] > section[data-question] > h2, .selfcheck__options li[data-correct],
                 details .selfcheck__feedback a; with JavaScript: form > fieldset > input[type=radio],
                 .selfcheck__result; #selfcheck-summary, #selfcheck-record [data-selfcheck-date],
                 button[data-selfcheck-print], #selfcheck-status (aria-live)
"""

from __future__ import annotations

import io
import re

import pytest
from conftest import READER_NOW, VIEWPORTS, add_test_style, axe_findings
from playwright.sync_api import Page, expect

from macros.render import long_date
from sitedata.models import Training

SCENARIOS = "training/scenarios/"
SELF_CHECK = "training/self-check/"
HANDOUT = "training/handout/"
# Enough Tab presses to cross Material's header, the emergency strip and the navigation.
MAX_TABS = 150



def new_page(browser, viewport: str = "phone", javascript: bool = True):
    """A tab in a fresh context (no cookies, no storage). The site's service worker is blocked:
    it caches the site in the background by design, and these tests watch what the training
    scripts store and fetch."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=javascript, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return context, page, errors


@pytest.fixture
def phone_page(browser):
    context, page, errors = new_page(browser, "phone")
    yield page
    context.close()
    assert errors == [], f"script errors: {errors}"


@pytest.fixture
def desktop_page(browser):
    context, page, errors = new_page(browser, "desktop")
    yield page
    context.close()
    assert errors == [], f"script errors: {errors}"


def tab_to(page: Page, locator) -> None:
    """Press Tab until ``locator`` has focus, as a keyboard user would."""
    expect(locator).to_have_count(1)
    for _ in range(MAX_TABS):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} is not reached by Tab within {MAX_TABS} presses")


def stored(page: Page) -> dict:
    return page.evaluate(
        """async () => ({
            localStorage: localStorage.length,
            sessionStorage: sessionStorage.length,
            indexedDB: (await indexedDB.databases()).map(db => db.name),
            caches: await caches.keys(),
            cookie: document.cookie,
        })"""
    )


NOTHING_STORED = {"localStorage": 0, "sessionStorage": 0, "indexedDB": [], "caches": [], "cookie": ""}


# --- the self-check ------------------------------------------------------------------------------------


def choose_by_keyboard(page: Page, section, option_index: int) -> None:
    """Tab into the radio group, select the first option with Space, then move with the arrows."""
    tab_to(page, section.locator("input[type=radio]").first)
    page.keyboard.press("Space")
    for _ in range(option_index):
        page.keyboard.press("ArrowDown")
    expect(section.locator("input[type=radio]").nth(option_index)).to_be_checked()


def test_self_check_by_keyboard_alone_with_feedback_summary_and_record(browser, site_url, site, training):
    context, page, errors = new_page(browser, "phone")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + SELF_CHECK, wait_until="networkidle")
    loaded = len(requests)
    expect(page.locator("#selfcheck-status")).to_have_attribute("aria-live", "polite")
    sections = page.locator("[data-question]")
    expect(sections).to_have_count(len(training.questions))
    right = 0
    for number, question in enumerate(training.questions):
        section = sections.nth(number)
        expect(section).to_be_visible()
        expect(page.locator("[data-question]:visible")).to_have_count(1)
        if number:
            expect(section.locator("h2")).to_be_focused()
        expect(section.locator("legend")).to_have_text(question.question)
        expect(section.locator("label")).to_have_text(question.options)
        # Every other answer is wrong, so both kinds of feedback are seen.
        correct = number % 2 == 0
        chosen = question.options.index(question.answer)
        if not correct:
            chosen = next(i for i, option in enumerate(question.options) if option != question.answer)
        choose_by_keyboard(page, section, chosen)
        tab_to(page, section.get_by_role("button", name="Check my answer"))
        page.keyboard.press("Enter")
        result = section.locator(".selfcheck__result")
        expect(result).to_be_focused()
        expect(result.locator(".selfcheck__verdict")).to_contain_text("Correct." if correct else "Not quite.")
        if not correct:
            expect(result).to_contain_text(f"The answer is: {question.answer}")
        links = result.locator("a")
        expect(links).to_have_text(question.clauses)
        for link, clause in zip(links.all(), question.clauses, strict=True):
            assert link.get_attribute("href").endswith("#clause-" + clause.replace(".", "-")), clause
        right += correct
        last = number == len(training.questions) - 1
        tab_to(page, result.get_by_role("button", name="See your summary" if last else "Next question"))
        page.keyboard.press("Enter")

    summary = page.locator("#selfcheck-summary")
    expect(summary.locator("h2")).to_be_focused()
    expect(summary).to_contain_text(f"You answered {right} of {len(training.questions)} questions correctly.")
    items = summary.locator(".selfcheck-summary__list li")
    expect(items).to_have_count(len(training.questions))
    for number, question in enumerate(training.questions):
        expect(items.nth(number)).to_contain_text(question.question)
        expect(items.nth(number).locator("a")).to_have_text(question.clauses)
    record = page.locator("#selfcheck-record")
    expect(record).to_be_visible()
    expect(record).to_contain_text(f"{site.setting.policy.title}, updated {long_date(site.versions.current.date)}")
    expect(record.locator("[data-selfcheck-date]")).to_have_text(long_date(READER_NOW.date()))
    expect(record.locator("[data-selfcheck-result]")).to_contain_text(f"{right} correct")
    assert record.locator("input, textarea").count() == 0, "the record asks for nothing"

    # "Print your record" prints the record alone: the script marks the page while it prints.
    page.evaluate("window.print = () => { window.printedWith = document.documentElement.className; }")
    tab_to(page, page.locator("[data-selfcheck-print]"))
    page.keyboard.press("Enter")
    assert "printing-selfcheck-record" in page.evaluate("window.printedWith")
    assert "printing-selfcheck-record" not in page.evaluate("document.documentElement.className")
    page.emulate_media(media="print")
    page.evaluate("document.documentElement.classList.add('printing-selfcheck-record')")
    expect(record).to_be_visible()
    expect(record).to_contain_text(long_date(READER_NOW.date()))
    expect(summary).to_be_hidden()
    expect(page.locator("h1")).to_be_hidden()

    assert context.cookies() == []
    assert stored(page) == NOTHING_STORED
    # Tabbing through the header focuses the search box, which opens search (the theme's way):
    # search then starts, and fetches its worker and index. Nothing else may be fetched.
    fetched = [url for url in requests[loaded:] if not re.search(r"/search/search_index\.json$|/workers/search\.", url)]
    assert fetched == [], "the self-check fetched something after the page had loaded"
    context.close()
    assert errors == [], f"script errors: {errors}"


def test_self_check_asks_for_an_answer_before_checking(phone_page, site_url):
    phone_page.goto(site_url + SELF_CHECK)
    section = phone_page.locator("[data-question]").first
    section.get_by_role("button", name="Check my answer").click()
    expect(phone_page.locator("#selfcheck-status")).to_have_text("Choose an answer first.")
    # WCAG 3.3.1: the error is shown beside the question, not only announced.
    error = section.locator(".selfcheck__error")
    expect(error).to_be_visible()
    expect(error).to_have_text("Error: Choose an answer first.")
    expect(section.locator("fieldset")).to_have_attribute("aria-describedby", error.get_attribute("id"))
    expect(section.locator(".selfcheck__result")).to_be_hidden()
    expect(section.locator("input[type=radio]").first).to_be_focused()


def test_self_check_starts_again_from_the_summary(phone_page, site_url, training):
    phone_page.goto(site_url + SELF_CHECK)
    for number in range(len(training.questions)):
        section = phone_page.locator("[data-question]").nth(number)
        section.locator("label").first.click()
        section.get_by_role("button", name="Check my answer").click()
        section.locator(".selfcheck__result button").click()
    phone_page.locator("[data-selfcheck-restart]").click()
    first = phone_page.locator("[data-question]").first
    expect(first.locator("h2")).to_be_focused()
    expect(first.locator("input[type=radio]:checked")).to_have_count(0)
    expect(first.locator("input[type=radio]:disabled")).to_have_count(0)
    expect(phone_page.locator("#selfcheck-record")).to_be_hidden()


# --- the trainer view ------------------------------------------------------------------------------------


def shown_scenario(page: Page):
    return page.locator("[data-scenario]:visible")


def expect_scenario(page: Page, training: Training, index: int) -> None:
    scenario = training.scenarios[index]
    expect(shown_scenario(page)).to_have_count(1)
    expect(shown_scenario(page)).to_have_id(f"scenario-{scenario.id}")
    expect(page.locator(".trainer__position")).to_have_text(f"{index + 1} of {len(training.scenarios)}")


def test_trainer_view_moves_with_the_arrow_keys_and_reveals_by_keyboard(desktop_page, site_url, site, training):
    page = desktop_page
    page.goto(site_url + SCENARIOS)
    expect_scenario(page, training, 0)
    expect(page.locator("[data-trainer-previous]")).to_be_disabled()
    # The keys belong to the trainer view once it has focus.
    page.locator("[data-trainer-reveal]").focus()
    for index, scenario in enumerate(training.scenarios):
        expect_scenario(page, training, index)
        reveal = page.locator(f"#scenario-{scenario.id}-reveal")
        expect(reveal.locator(".scenario__outcome")).to_be_hidden()
        page.keyboard.press("r")
        outcome = reveal.locator(".scenario__outcome a")
        expect(outcome).to_be_visible()
        expect(outcome).to_have_text(site.pathways.outcome(scenario.outcome).title)
        expect(page.locator("[data-trainer-reveal]")).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#trainer-status")).to_contain_text(site.pathways.outcome(scenario.outcome).title)
        page.keyboard.press("R")
        expect(reveal.locator(".scenario__outcome")).to_be_hidden()
        expect(page.locator("[data-trainer-reveal]")).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("ArrowRight")
    # At the last scenario, Next goes nowhere.
    last = len(training.scenarios) - 1
    expect_scenario(page, training, last)
    expect(page.locator("[data-trainer-next]")).to_be_disabled()
    page.keyboard.press("ArrowLeft")
    expect_scenario(page, training, last - 1)
    expect(shown_scenario(page).locator("h2")).to_be_focused()
    expect(page).to_have_url(re.compile(rf"#scenario-{training.scenarios[last - 1].id}$"))
    expect(page.locator("#trainer-status")).to_contain_text(training.scenarios[last - 1].title)
    # Presentation clickers send Page Up and Page Down.
    page.keyboard.press("PageUp")
    expect_scenario(page, training, last - 2)
    page.keyboard.press("PageDown")
    expect_scenario(page, training, last - 1)


def test_the_arrow_keys_scroll_the_page_until_the_trainer_view_has_focus(desktop_page, site_url, training):
    page = desktop_page
    page.goto(site_url + SCENARIOS)
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("r")
    expect_scenario(page, training, 0)
    expect(page.locator("[data-trainer-reveal]")).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("size", [{"width": 1280, "height": 800}, {"width": 1920, "height": 1080}])
def test_presentation_mode_fills_the_screen_and_reveal_stays_in_view(browser, site_url, training, size):
    context = browser.new_context(viewport=size, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + SCENARIOS)
        page.locator("[data-trainer-present]").click()
        expect(page.locator("[data-trainer-present]")).to_have_attribute("aria-pressed", "true")
        for chrome in [".md-header", ".emergency", ".md-sidebar--primary", ".md-footer"]:
            expect(page.locator(chrome).first).to_be_hidden()
        scenario = shown_scenario(page)
        box = scenario.bounding_box()
        assert box["width"] >= 0.9 * size["width"] and box["height"] >= 0.75 * size["height"], box
        page.keyboard.press("ArrowRight")
        expect_scenario(page, training, 1)
        page.keyboard.press("r")
        outcome = shown_scenario(page).locator(".scenario__outcome")
        expect(outcome).to_be_visible()
        outcome_box = outcome.bounding_box()
        assert 0 <= outcome_box["y"] and outcome_box["y"] + outcome_box["height"] <= size["height"], outcome_box
        page.keyboard.press("Escape")
        expect(page.locator(".md-header")).to_be_visible()
    finally:
        context.close()


def test_trainer_reveal_button_works_from_the_keyboard(desktop_page, site_url, training):
    page = desktop_page
    page.goto(site_url + SCENARIOS)
    button = page.locator("[data-trainer-reveal]")
    tab_to(page, button)
    expect(button).to_have_text("Reveal the outcome")
    page.keyboard.press("Enter")
    expect(page.locator(f"#scenario-{training.scenarios[0].id}-reveal .scenario__outcome")).to_be_visible()
    expect(button).to_have_text("Hide the outcome")
    tab_to(page, page.locator("[data-trainer-next]"))
    page.keyboard.press("Enter")
    expect_scenario(page, training, 1)


def test_a_scenario_linked_by_its_address_is_shown_first(desktop_page, site_url, training):
    third = training.scenarios[2]
    desktop_page.goto(f"{site_url}{SCENARIOS}#scenario-{third.id}")
    expect_scenario(desktop_page, training, 2)


def test_arrow_keys_in_the_search_box_do_not_move_the_scenarios(desktop_page, site_url, training):
    page = desktop_page
    page.goto(site_url + SCENARIOS)
    page.locator("input.md-search__input").focus()
    page.keyboard.type("r")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    expect_scenario(page, training, 0)


def test_trainer_view_stores_and_fetches_nothing(browser, site_url, training):
    context, page, errors = new_page(browser, "desktop")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + SCENARIOS, wait_until="networkidle")
    loaded = len(requests)
    for _ in training.scenarios:
        page.keyboard.press("r")
        page.keyboard.press("ArrowRight")
    assert requests[loaded:] == []
    assert context.cookies() == [] and stored(page) == NOTHING_STORED
    context.close()
    assert errors == []


# --- JavaScript off: everything is on the page ----------------------------------------------------------------


def test_without_javascript_every_scenario_and_answer_is_on_the_page(browser, site_url, site, training):
    context, page, _ = new_page(browser, "phone", javascript=False)
    try:
        page.goto(site_url + SCENARIOS)
        expect(page.locator("[data-scenario]:visible")).to_have_count(len(training.scenarios))
        expect(page.locator(".trainer__controls")).to_have_count(0)
        for scenario in training.scenarios:
            section = page.locator(f"#scenario-{scenario.id}")
            expect(section.locator(".scenario__situation")).to_have_text(scenario.situation)
            section.locator("summary").click()  # a native <details>: no script needed
            expect(section.locator(".scenario__outcome a")).to_have_text(site.pathways.outcome(scenario.outcome).title)

        page.goto(site_url + SELF_CHECK)
        expect(page.locator("[data-question]:visible")).to_have_count(len(training.questions))
        for number, question in enumerate(training.questions):
            section = page.locator("[data-question]").nth(number)
            expect(section.locator(".selfcheck__options li")).to_have_text(question.options)
            section.locator("summary").click()
            expect(section.locator(".selfcheck__correct")).to_have_text(f"The answer: {question.answer}")
        # The summary and record need the script (the date and the result come from it).
        expect(page.locator("#selfcheck-summary")).to_be_hidden()
        expect(page.locator("#selfcheck-record")).to_be_hidden()
    finally:
        context.close()


# --- accessibility ------------------------------------------------------------------------------------------


def axe_violations(page: Page) -> list[str]:
    # A scroll may still be settling after a click: wait for Material's animations to end.
    page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
    return axe_findings(page)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_axe_finds_nothing_in_the_training_scripts_states(browser, site_url, viewport):
    """The states the scripts make: a revealed outcome, feedback shown, the summary and the record.
    (Each training page as loaded is one of the pages of each layout in test_site_in_browser.py.)"""
    context, page, errors = new_page(browser, viewport)
    failures = {}
    try:
        page.goto(site_url + SCENARIOS)
        page.locator("[data-trainer-reveal]").click()
        failures["scenarios, revealed"] = axe_violations(page)
        page.goto(site_url + SELF_CHECK)
        sections = page.locator("[data-question]")
        for number in range(sections.count()):
            sections.nth(number).locator("label").first.click()
            sections.nth(number).get_by_role("button", name="Check my answer").click()
            if number == 0:
                failures["self-check, feedback"] = axe_violations(page)
            sections.nth(number).locator(".selfcheck__result button").click()
        failures["self-check, summary and record"] = axe_violations(page)
    finally:
        context.close()
    failures = {where: found for where, found in failures.items() if found}
    assert not failures, "\n".join(f"{where}: {found}" for where, found in failures.items())
    assert errors == [], f"script errors: {errors}"


# --- the handout on paper -------------------------------------------------------------------------------------


def pdf_page_count(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf comes with the PDF build step; without it, count the page objects
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_handout_prints_on_two_sides_of_a4(desktop_page, site_url):
    desktop_page.goto(site_url + HANDOUT, wait_until="networkidle")
    desktop_page.emulate_media(media="print")
    expect(desktop_page.locator(".emergency")).to_be_hidden()
    assert pdf_page_count(desktop_page.pdf(format="A4", print_background=True)) == 2


def test_the_page_count_tells_two_pages_from_three(desktop_page, site_url):
    """The count is not vacuous: the same handout with larger type runs onto a third side."""
    desktop_page.goto(site_url + HANDOUT, wait_until="networkidle")
    desktop_page.emulate_media(media="print")
    add_test_style(desktop_page, "@media print { .md-typeset .handout { font-size: 14pt !important } }")
    assert pdf_page_count(desktop_page.pdf(format="A4")) > 2
