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


def parts_of(scenario) -> list[str]:
    """The headings of a scenario's parts, in the order the trainer view reveals them."""
    return ["In the navigator", *(["Signs in this scenario"] if scenario.signs else []), "Discussion"]


def test_trainer_view_steps_through_each_scenario_by_keyboard(desktop_page, site_url, site, training):
    """R, Page Down and the right arrow reveal a scenario's parts in turn (the outcome, the signs,
    the discussion) before moving on; Page Up and the left arrow go back the same way."""
    page = desktop_page
    page.goto(site_url + SCENARIOS)
    expect_scenario(page, training, 0)
    expect(page.locator("[data-trainer-previous]")).to_be_disabled()
    reveal_button = page.locator("[data-trainer-reveal]")
    # The keys belong to the trainer view once it has focus.
    reveal_button.focus()
    keys = ["PageDown", "r", "ArrowRight"]
    for index, scenario in enumerate(training.scenarios):
        expect_scenario(page, training, index)
        reveal = page.locator(f"#scenario-{scenario.id}-reveal")
        expect(reveal.locator(".scenario__outcome")).to_be_hidden()
        for step, heading in enumerate(parts_of(scenario)):
            page.keyboard.press(keys[(index + step) % len(keys)])
            expect(reveal.get_by_role("heading", name=heading)).to_be_visible()
            expect(reveal_button).to_have_attribute("aria-expanded", "true")
            expect(page.locator("#trainer-status")).to_contain_text(heading)
        outcome = reveal.locator(".scenario__outcome a")
        expect(outcome).to_have_text(site.pathways.outcome(scenario.outcome).title)
        expect(outcome).to_be_visible()  # on the page the parts add up
        if index == 0:  # R once more hides them all, and reveals them again in turn
            page.keyboard.press("R")
            expect(reveal.locator(".scenario__outcome")).to_be_hidden()
            expect(reveal_button).to_have_attribute("aria-expanded", "false")
            for _ in parts_of(scenario):
                page.keyboard.press("R")
            expect(reveal.locator(".scenario__outcome")).to_be_visible()
        if index < len(training.scenarios) - 1:
            page.keyboard.press(keys[index % 2 * 2])  # PageDown or ArrowRight: on to the next
    # At the last scenario, revealed, Next goes nowhere.
    last = len(training.scenarios) - 1
    expect_scenario(page, training, last)
    expect(page.locator("[data-trainer-next]")).to_be_disabled()
    # Back: the last part, then the one before it, then the scenario before, all revealed.
    for _ in parts_of(training.scenarios[last]):
        page.keyboard.press("ArrowLeft")
    expect_scenario(page, training, last)
    expect(reveal_button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("PageUp")
    expect_scenario(page, training, last - 1)
    expect(shown_scenario(page).locator("h2")).to_be_focused()
    expect(shown_scenario(page).locator(".scenario__outcome")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"#scenario-{training.scenarios[last - 1].id}$"))
    expect(page.locator("#trainer-status")).to_contain_text(training.scenarios[last - 1].title)


def test_the_arrow_keys_scroll_the_page_until_the_trainer_view_has_focus(desktop_page, site_url, training):
    page = desktop_page
    page.goto(site_url + SCENARIOS)
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("r")
    expect_scenario(page, training, 0)
    expect(page.locator("[data-trainer-reveal]")).to_have_attribute("aria-expanded", "false")


# What a slide is measured by: the page does not scroll, the slide is the largest 16:9 box the
# window holds, nothing inside it runs past its edge, and the size of its smallest text.
SLIDE = """() => {
  const slide = document.querySelector('[data-slide]:not([hidden])');
  const box = slide.getBoundingClientRect();
  const text = [...slide.querySelectorAll('p, li, td, th, em, a')].filter(e => e.checkVisibility() && e.textContent.trim());
  return {
    scrolls: document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth,
    width: box.width, height: box.height,
    overflows: slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1,
    smallest: Math.min(...text.map(e => parseFloat(getComputedStyle(e).fontSize))),
  };
}"""
PROJECTORS = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]


def expect_slide_fits(page: Page, size: dict, smallest_at_1080: float, where: str) -> None:
    slide = page.evaluate(SLIDE)
    assert not slide["scrolls"] and not slide["overflows"], (where, slide)
    assert abs(slide["width"] - size["width"]) < 2 and abs(slide["height"] - size["height"]) < 2, (where, slide)
    assert slide["smallest"] >= smallest_at_1080 * size["height"] / 1080 - 0.1, (where, slide)


@pytest.fixture
def projector(browser, request):
    """A tab at a projector's size: (the tab, its size)."""
    context = browser.new_context(viewport=request.param, service_workers="block")
    yield context.new_page(), request.param
    context.close()


@pytest.mark.parametrize("projector", PROJECTORS, indirect=True, ids=["720p", "1080p"])
def test_every_scenario_fits_its_slide_through_every_reveal(projector, site_url, training):
    """Present: a 16:9 slide, text 28 px at 1080p, the situation beside each part as Page Down
    reveals it; the page never scrolls."""
    page, size = projector
    page.goto(site_url + SCENARIOS)
    page.locator("[data-trainer-present]").click()
    expect(page.locator("[data-trainer-present]")).to_have_attribute("aria-pressed", "true")
    for chrome in [".md-header", ".emergency", ".md-sidebar--primary", ".md-footer", "h1"]:
        expect(page.locator(chrome).first).to_be_hidden()
    for index, scenario in enumerate(training.scenarios):
        expect_scenario(page, training, index)
        expect_slide_fits(page, size, 28, f"{scenario.id}, the situation")
        for heading in parts_of(scenario):
            page.keyboard.press("PageDown")
            part = shown_scenario(page).get_by_role("heading", name=heading)
            expect(part).to_be_visible()
            expect(shown_scenario(page).locator("[data-slide-part]:visible")).to_have_count(1)  # one part at a time
            expect(shown_scenario(page).locator(".scenario__situation")).to_be_visible()
            expect_slide_fits(page, size, 28, f"{scenario.id}, {heading}")
        page.keyboard.press("PageDown")
    page.keyboard.press("Escape")
    expect(page.locator(".md-header")).to_be_visible()


@pytest.mark.parametrize("projector", PROJECTORS[1:], indirect=True, ids=["1080p"])
@pytest.mark.parametrize("path, slides, smallest", [
    ("what-to-do/flowchart/", "starts", 24), ("training/", "plan", 28)])
def test_the_flowchart_and_the_session_plan_have_slides_that_fit(projector, site_url, site, training, path, slides, smallest):
    """The flowchart a way in a slide, its text 24 px at 1080p; the session plan's timetable and
    then each part, 28 px."""
    page, size = projector
    page.goto(site_url + path)
    page.locator("[data-trainer-present]").click()
    count = len(site.pathways.starts) if slides == "starts" else 1 + len(training.session.parts)
    titles = [s.label for s in site.pathways.starts] if slides == "starts" else [training.session.title]
    for index in range(count):
        expect(page.locator(".trainer__position")).to_have_text(f"{index + 1} of {count}")
        if index < len(titles):
            expect(page.locator("[data-slide]:not([hidden]) :is(h2, h3)").first).to_have_text(titles[index])
        expect_slide_fits(page, size, smallest, f"{path}, slide {index + 1}")
        page.keyboard.press("PageDown")


@pytest.mark.parametrize("projector", PROJECTORS[1:], indirect=True, ids=["1080p"])
def test_present_has_a_full_screen_button(projector, site_url):
    page, size = projector
    page.goto(site_url + SCENARIOS)
    button = page.locator("[data-trainer-fullscreen]")
    expect(button).to_be_hidden()
    page.locator("[data-trainer-present]").click()
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-pressed", "true")  # Present asks for the whole screen
    assert page.evaluate("document.fullscreenElement === document.documentElement")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_text("Full screen")
    assert page.evaluate("document.fullscreenElement") is None
    expect_slide_fits(page, size, 28, "out of full screen")  # the window, filled
    page.keyboard.press("Escape")
    expect(button).to_be_hidden()


def test_trainer_reveal_button_works_from_the_keyboard(desktop_page, site_url, training):
    page = desktop_page
    page.goto(site_url + SCENARIOS)
    button = page.locator("[data-trainer-reveal]")
    tab_to(page, button)
    expect(button).to_have_text("Reveal the outcome")
    page.keyboard.press("Enter")
    expect(page.locator(f"#scenario-{training.scenarios[0].id}-reveal .scenario__outcome")).to_be_visible()
    expect(button).to_have_text(f"Show: {parts_of(training.scenarios[0])[1]}")
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
        if viewport == "desktop":  # the projector view: on a laptop, not a phone
            page.locator("[data-trainer-present]").click()
            page.keyboard.press("PageDown")
            failures["scenarios, presented"] = axe_violations(page)
            for path in ["what-to-do/flowchart/", "training/"]:
                page.goto(site_url + path)
                page.locator("[data-trainer-present]").click()
                failures[f"{path}, presented"] = axe_violations(page)
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
