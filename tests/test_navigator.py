"""The navigator in a real Chromium: every path through the questions, walked by clicking, ends at
the outcome the graph (pathway_pages.navigator_graph) gives, with its steps, clauses and tap-to-call
numbers; the shortcuts, Back, the browser's back button and "Start again" go where they should;
focus and the live region follow each screen; the whole walk works from the keyboard alone; with
JavaScript off the same links lead through the static pages; and nothing is stored or fetched.

At the phone size, where the navigator is used most: what it does is the same at any size. Only the
walk from the keyboard alone runs at the desktop size too, since the Tab key's path to the
navigator crosses a different header and sidebars there.

The DOM this protects (the navigator's contract):
  start links    a[data-navigator-start="<start id>"][data-navigator-node="<node id>"] on the hub
                 and the home page
  screens        template[data-nav-node="<id>"], rendered by macros/screens.py like the static pages
  panel          section#navigator, data-outcome="<id>" on an outcome; h1.navigator__title (the
                 page's one main heading while the walk is open); p.navigator__help;
                 a.navigator__option; .steps--own / .steps--next > ol > li with .step__who,
                 .step__when, a.step__clause, a[href^="tel:"]; a.navigator__page;
                 button[data-navigator-print]
  controls       a[data-navigator-back] (at the top), button[data-navigator-restart]
  announcements  focus moves to the title: one announcement, no live region
  address        location.hash is "#nav=<node id>" and nothing else; history.state holds the depth
"""

from __future__ import annotations


import re
from dataclasses import dataclass

import pytest
from conftest import BOTH_SIZES, ROOT, VIEWPORTS
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

HUB = "what-to-do/"
# The site's name, as every page's title ends with it ("What to do now - <site name>").
SITE_NAME = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)
# The line pair of data/contacts.yml whose numbers the "who to call now" panel offers.
PANEL_LINES = {"local-authority-office", "local-authority-out-of-hours"}
HASH = re.compile(r"^#nav=[a-z0-9-]+$")
# Enough Tab presses to cross Material's header, the emergency strip and the page's links.
MAX_TABS = 120


# --- the graph, read from the build --------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    start: str
    answers: tuple[tuple[str, str], ...]  # (question id, option id)
    outcome: str

    def __str__(self) -> str:
        return " -> ".join([self.start, *(option for _, option in self.answers), self.outcome])


def all_paths(graph: dict) -> list[Route]:
    """Every way from every start to an outcome, in the graph's order."""
    paths = []

    def walk(start: str, node: str, answers: tuple) -> None:
        if node in graph["outcomes"]:
            paths.append(Route(start, answers, node))
            return
        for option in graph["questions"][node]["options"]:
            walk(start, option["next"], (*answers, (node, option["id"])))

    for start in graph["starts"]:
        walk(start["id"], start["node"], ())
    return paths


def covering_paths(graph: dict) -> list[Route]:
    """Few paths that, between them, take every start, every answer of every question and reach
    every outcome: in the graph's order, each path kept only if it takes something new. (Every
    path's end is checked without a browser: tests/test_pathways.py.)"""
    chosen, seen = [], set()
    for path in all_paths(graph):
        steps = {("start", path.start), ("outcome", path.outcome), *path.answers}
        if not steps <= seen:
            chosen.append(path)
            seen |= steps
    return chosen


def start_with_id(graph: dict, start_id: str) -> dict:
    return next(s for s in graph["starts"] if s["id"] == start_id)


def main_start(graph: dict) -> dict:
    return graph["starts"][0]


# --- looking at the navigator ---------------------------------------------------------------------


def navigator(page: Page):
    return page.locator("section#navigator")


def title(page: Page):
    return page.locator("#navigator h1.navigator__title")


def options(page: Page):
    return page.locator("#navigator a.navigator__option")


def start_link(page: Page, start_id: str):
    return page.locator(f'a[data-navigator-start="{start_id}"]')


def current_hash(page: Page) -> str:
    return page.evaluate("location.hash")


def expect_node_in_address(page: Page, node_id: str) -> None:
    """The hash is #nav=<node id>: the node id only, nothing about the reader."""
    expect(page).to_have_url(re.compile(rf"#nav={re.escape(node_id)}$"))
    assert HASH.match(current_hash(page)), current_hash(page)


def back_control(page: Page):
    return page.locator("#navigator [data-navigator-back]")


def expect_controls(page: Page) -> None:
    expect(back_control(page)).to_contain_text("Back")
    expect(page.locator("#navigator button[data-navigator-restart]")).to_contain_text("Start again")


# What a question screen shows, read in one go once it is shown.
QUESTION_SCREEN = """() => {
    const text = (e) => e ? e.textContent.replace(/\\s+/g, " ").trim() : null;
    const nav = document.querySelector("#navigator");
    return {
        help: [...nav.querySelectorAll("p.navigator__help")].map(text),
        options: [...nav.querySelectorAll("a.navigator__option")].map(text),
        headings: [...document.querySelectorAll("h1")].filter(h => h.checkVisibility()).length,
        title: document.title,
        back: text(nav.querySelector("[data-navigator-back]")),
        restart: text(nav.querySelector("button[data-navigator-restart]")),
        words: nav.innerText,
    };
}"""


def expect_question(page: Page, graph: dict, question_id: str) -> None:
    question = graph["questions"][question_id]
    expect_node_in_address(page, question_id)
    expect(navigator(page)).to_be_visible()
    expect(title(page)).to_have_text(question["text"])
    shown = page.evaluate(QUESTION_SCREEN)
    expected = {
        "help": [question["help"]] if question["help"] else [],
        "options": [o["label"] for o in question["options"]],
        "headings": 1,
        # Each screen names the browser's tab, as a page would (WCAG 2.4.2).
        "title": f"{question['text']} - {SITE_NAME}",
    }
    assert {key: shown[key] for key in expected} == expected, question_id
    assert "Back" in shown["back"] and "Start again" in shown["restart"], shown
    assert not LEAKED_VALUES.search(shown["words"]), LEAKED_VALUES.search(shown["words"]).group(0)


def choose(page: Page, graph: dict, question_id: str, option_id: str) -> None:
    """Click the option with this id (its position in the graph, once the labels are checked)."""
    question = graph["questions"][question_id]["options"]
    expect(options(page)).to_have_text([o["label"] for o in question])
    settled(page)
    options(page).nth([o["id"] for o in question].index(option_id)).click()


SETTLE_MS = 500  # longer than the navigator's own (navigator.js)


def settled(page: Page) -> None:
    """Let the screen settle, as a reader's pause does: a tap before then is taken as a double tap
    and ignored. The page's clock is moved on rather than waited for (Playwright's clock fires the
    timers due meanwhile)."""
    page.clock.run_for(SETTLE_MS)
    expect(page.locator("#navigator[data-ready]")).to_have_count(1)


def is_own_step(step: dict) -> bool:
    return step["by"][0] == "reader"


def in_shown_order(outcome: dict) -> list[dict]:
    """The reader's own steps first ("What you do now"), then the others ("What happens next")."""
    return [s for s in outcome["steps"] if is_own_step(s)] + [s for s in outcome["steps"] if not is_own_step(s)]


def shown_steps(page: Page) -> list[dict]:
    """What each step on the outcome screen shows, read in one go."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#navigator .steps > ol > li')].map(li => ({
            own: !!li.closest('.steps--own'),
            text: li.textContent.replace(/\\s+/g, ' '),
            who: [...li.querySelectorAll('.step__who')].map(e => e.textContent.replace(/\\s+/g, ' ')),
            when: [...li.querySelectorAll('.step__when')].map(e => e.textContent.replace(/\\s+/g, ' ')),
            clauses: [...li.querySelectorAll('.step-source a.step__clause')].map(a => ({
                text: a.textContent.trim(), href: a.getAttribute('href'), url: a.href})),
            // The step's own calls: not those of "If Kerry is not available" (999, 12.7's chain).
            tels: [...li.querySelectorAll('a[href^="tel:"]')].filter(a => !a.closest('.reach__no-answer'))
                .map(a => a.getAttribute('href')),
        }))"""
    )


def step_problems(graph: dict, site_url: str, step: dict, shown: dict, panel: bool) -> list[str]:
    """How one shown step differs from the graph's step (empty when it matches). ``panel``: this
    step shows the screen's one "who to call now" panel, if it names its lines."""
    problems = []
    if step["do"] not in shown["text"]:
        problems.append(f"missing its words {step['do']!r}")
    if len(shown["who"]) != 1 or step["who"] not in shown["who"][0]:
        problems.append(f".navigator__who {shown['who']} should say {step['who']!r}")
    if step["when"] and (len(shown["when"]) != 1 or step["when"] not in shown["when"][0]):
        problems.append(f".navigator__when {shown['when']} should say {step['when']!r}")
    if not step["when"] and shown["when"]:
        problems.append(f".navigator__when {shown['when']} shown for a step without a deadline")
    expected = [c["number"] for c in step["clauses"]]
    if [c["text"] for c in shown["clauses"]] != expected:
        problems.append(f"clause links {[c['text'] for c in shown['clauses']]} should be {expected}")
    for clause, link in zip(step["clauses"], shown["clauses"], strict=False):
        anchor = "#" + clause["url"].partition("#")[2]
        if not link["href"] or not link["href"].endswith(anchor):
            problems.append(f"clause {clause['number']} href {link['href']!r} should end with {anchor}")
        elif link["url"] != site_url + clause["url"]:
            problems.append(f"clause {clause['number']} leads to {link['url']}, not {site_url + clause['url']}")
    if shown["own"] != is_own_step(step):
        problems.append("shown under the wrong heading")
    # The reader's own steps call every contact that has a number; the others call only from the
    # "who to call now" panel, which offers the local authority's two lines, once a screen.
    in_panel = [c for c in step["contacts"] if c in PANEL_LINES and panel]
    callable_contacts = in_panel + [c for c in step["contacts"] if is_own_step(step) and c not in PANEL_LINES]
    tels = {f"tel:{graph['contacts'][c]['tel']}" for c in callable_contacts if graph["contacts"][c]["tel"]}
    if set(shown["tels"]) != tels:
        problems.append(f"tel: links {sorted(set(shown['tels']))} should be {sorted(tels)}")
    return problems


# Words a script writes when it has a value it should not: none may reach a reader.
LEAKED_VALUES = re.compile(r"\b(null|undefined|NaN)\b|\[object")


def expect_no_leaked_values(page: Page) -> None:
    text = navigator(page).inner_text()
    assert not LEAKED_VALUES.search(text), LEAKED_VALUES.search(text).group(0)


def expect_outcome(page: Page, graph: dict, site_url: str, outcome_id: str) -> None:
    outcome = graph["outcomes"][outcome_id]
    expect_no_leaked_values(page)
    expect_node_in_address(page, outcome_id)
    expect(navigator(page)).to_have_attribute("data-outcome", outcome_id)
    expect(title(page)).to_have_text(outcome["title"])
    expect(page).to_have_title(f"{outcome['title']} - {SITE_NAME}")
    expect(page.locator("#navigator .steps > ol > li")).to_have_count(len(outcome["steps"]))
    assert page.locator("#navigator [data-now-panel].now-panel--lines").count() <= 1, "one 'who to call now' panel"
    shown = shown_steps(page)
    steps = in_shown_order(outcome)
    panel_step = next((s for s in steps if PANEL_LINES <= set(s["contacts"])), None)
    problems = {
        number: found
        for number, (step, seen) in enumerate(zip(steps, shown, strict=True), start=1)
        if (found := step_problems(graph, site_url, step, seen, step is panel_step))
    }
    assert not problems, f"{outcome_id}: " + "; ".join(f"step {n}: {p}" for n, p in problems.items())
    page_link = page.locator("#navigator a.navigator__page")
    expect(page_link).to_have_count(1)
    assert page_link.evaluate("a => a.href") == site_url + outcome["page"]
    expect(page.locator("#navigator button[data-navigator-print]")).to_be_visible()
    expect_controls(page)


def walk(page: Page, graph: dict, site_url: str, path: Route) -> None:
    """From the hub, click the path's start and then its answers; check every screen on the way."""
    page.goto(site_url + HUB)
    start_link(page, path.start).click()
    for question_id, option_id in path.answers:
        expect_question(page, graph, question_id)
        choose(page, graph, question_id, option_id)
    expect_outcome(page, graph, site_url, path.outcome)
    assert page.url.split("#")[0] == site_url + HUB, f"the walk left the hub: {page.url}"


def walk_main_start(page: Page, graph: dict, site_url: str, *answers: str) -> None:
    """The main start, then these options (ids) in turn."""
    page.goto(site_url + HUB)
    start_link(page, main_start(graph)["id"]).click()
    node = main_start(graph)["node"]
    for option_id in answers:
        expect_question(page, graph, node)
        choose(page, graph, node, option_id)
        node = next(o["next"] for o in graph["questions"][node]["options"] if o["id"] == option_id)


def script_errors(page: Page) -> list[str]:
    """The uncaught script errors of ``page``, collected as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def page(context) -> Page:
    """A tab in the test's context (the phone, unless the test runs at both sizes); the test
    fails if a script throws."""
    page = context.new_page()
    errors = script_errors(page)
    yield page
    assert errors == [], f"script errors: {errors}"


# --- every path -----------------------------------------------------------------------------------


def test_graph_has_paths_to_walk(graph):
    paths, walked = all_paths(graph), covering_paths(graph)
    assert len(paths) >= len(graph["outcomes"])
    assert {p.outcome for p in walked} == set(graph["outcomes"])
    assert {p.start for p in walked} == {s["id"] for s in graph["starts"]}
    every_answer = {(q, o["id"]) for q, question in graph["questions"].items() for o in question["options"]}
    assert {answer for p in walked for answer in p.answers} == every_answer


def test_hub_has_a_start_link_for_every_start(page, site_url, graph):
    page.goto(site_url + HUB)
    links = page.locator("a[data-navigator-start]")
    expect(links).to_have_count(len(graph["starts"]))
    assert [a.get_attribute("data-navigator-start") for a in links.all()] == [s["id"] for s in graph["starts"]]
    expect(links).to_have_text([s["label"] for s in graph["starts"]])


def test_every_answer_through_the_navigator_reaches_where_the_graph_says(page, site_url, graph):
    """Every start, every answer and every outcome, walked on one tab to keep the run short."""
    failures = {}
    for path in covering_paths(graph):
        try:
            walk(page, graph, site_url, path)
        except (AssertionError, PlaywrightError) as error:
            failures[str(path)] = str(error).strip().splitlines()[0]
    assert not failures, "\n".join(f"{path}: {error}" for path, error in failures.items())


# --- shortcuts on the home page --------------------------------------------------------------------


def test_home_danger_shortcut_goes_straight_to_the_emergency(page, site_url, graph):
    start = start_with_id(graph, "danger")
    assert start["node"] == "immediate-danger", "the graph no longer sends this shortcut to this outcome"
    page.goto(site_url)
    link = start_link(page, start["id"])
    expect(link).to_have_text(start["label"])
    expect(link).to_have_class(re.compile(r"\bstart--emergency\b"))
    link.click()
    expect_outcome(page, graph, site_url, "immediate-danger")
    assert page.url.split("#")[0] == site_url, f"the shortcut left the home page: {page.url}"


@pytest.mark.parametrize(("answer", "outcome"), [
    ("exploited", "disclosure"),
    ("trafficked", "disclosure-trafficking"),
    ("online", "disclosure-online"),
])
def test_home_told_shortcut_asks_what_it_was_about(page, site_url, graph, answer, outcome):
    """A disclosure about trafficking or about someone online keeps those routes' own steps."""
    start = start_with_id(graph, "told")
    page.goto(site_url)
    start_link(page, start["id"]).click()
    expect_question(page, graph, start["node"])
    choose(page, graph, start["node"], answer)
    expect_outcome(page, graph, site_url, outcome)


def test_home_page_main_start_opens_the_navigator_in_place(page, site_url, graph):
    """The home page's ways in: the emergency first (as NHS 111 puts it), then the main start."""
    page.goto(site_url)
    shortcuts = [s for s in graph["starts"][1:] if s.get("on_home")]
    expected = ([s["id"] for s in shortcuts if s.get("emergency")] + [main_start(graph)["id"]]
                + [s["id"] for s in shortcuts if not s.get("emergency")])
    links = page.locator("a[data-navigator-start]")
    expect(links).to_have_count(len(expected))
    assert [a.get_attribute("data-navigator-start") for a in links.all()] == expected
    start_link(page, main_start(graph)["id"]).click()
    expect_question(page, graph, main_start(graph)["node"])
    assert page.url.split("#")[0] == site_url


# --- Back, the browser's back button, and Start again ---------------------------------------------


def test_back_control_returns_to_the_previous_question(page, site_url, graph):
    """From the third question, Back twice: one question at a time, not straight to the first."""
    walk_main_start(page, graph, site_url, "no", "worried")
    expect_question(page, graph, "concern-about")
    back_control(page).click()
    expect_question(page, graph, "what-happened")
    back_control(page).click()
    expect_question(page, graph, "in-danger")


def test_browser_back_returns_to_the_previous_node_then_leaves_the_navigator(page, site_url, graph):
    walk_main_start(page, graph, site_url, "no", "worried",
                          "not-sure")
    expect_outcome(page, graph, site_url, "concern")
    page.go_back()
    expect_question(page, graph, "concern-about")
    page.go_back()
    expect_question(page, graph, "what-happened")
    page.go_back()
    expect_question(page, graph, "in-danger")
    page.go_back()
    expect(page).to_have_url(site_url + HUB)
    assert "nav=" not in current_hash(page)
    expect(navigator(page)).to_be_hidden()
    expect(page).to_have_title(re.compile(rf" - {re.escape(SITE_NAME)}$"))
    assert page.title() != f"{graph['questions']['in-danger']['text']} - {SITE_NAME}", "the hub's own title is back"


def test_browser_back_then_the_in_page_back_stay_in_the_walk(page, site_url, graph):
    """Browser Back, then the navigator's own Back: both step back one screen, never off the page."""
    walk_main_start(page, graph, site_url, "no", "worried",
                          "not-sure")
    page.go_back()
    expect_question(page, graph, "concern-about")
    back_control(page).click()
    expect_question(page, graph, "what-happened")
    assert page.url.split("#")[0] == site_url + HUB
    page.go_forward()
    expect_question(page, graph, "concern-about")
    back_control(page).click()
    expect_question(page, graph, "what-happened")
    back_control(page).click()
    expect_question(page, graph, "in-danger")
    back_control(page).click()
    expect(navigator(page)).to_be_hidden()
    expect(page).to_have_url(site_url + HUB)


def test_a_double_tap_answers_one_question_only(page, site_url, graph):
    """A second tap landing on the next screen's answers while it is changing is ignored."""
    page.goto(site_url + HUB)
    start_link(page, main_start(graph)["id"]).click()
    expect_question(page, graph, "in-danger")
    settled(page)
    no = option_named(page, graph, "in-danger", "no")
    box = no.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect_question(page, graph, "what-happened")
    page.wait_for_timeout(600)
    expect_question(page, graph, "what-happened")


@pytest.mark.parametrize("hostile", ["constructor", "__proto__", "toString", "hasOwnProperty", "nowhere"])
def test_an_address_naming_no_screen_leaves_the_page_as_it_is(page, site_url, graph, hostile):
    page.goto(site_url + HUB + "#nav=" + hostile)
    expect(navigator(page)).to_be_hidden()
    expect(start_link(page, main_start(graph)["id"])).to_be_visible()
    start_link(page, main_start(graph)["id"]).click()
    expect_question(page, graph, "in-danger")


def test_start_again_returns_to_the_first_question(page, site_url, graph):
    page.goto(site_url + HUB)
    start_link(page, "staff").click()
    choose(page, graph, "staff-about", "someone-else")
    expect_outcome(page, graph, site_url, "staff-concern")
    page.locator("#navigator button[data-navigator-restart]").click()
    expect(page).to_have_url(re.compile(r"#nav=in-danger$"))
    expect_question(page, graph, main_start(graph)["node"])


# --- focus and announcements -----------------------------------------------------------------------


def test_focus_moves_to_the_title_so_each_screen_is_announced_once(page, site_url, graph):
    """Moving focus to the new title is the one announcement: no live region repeats it."""
    page.goto(site_url + HUB)
    start_link(page, main_start(graph)["id"]).click()
    expect(title(page)).to_be_focused()
    for question_id, option_id in [("in-danger", "no"), ("what-happened", "worried")]:
        expect_question(page, graph, question_id)
        choose(page, graph, question_id, option_id)
        expect(title(page)).to_be_focused()
        expect(title(page)).not_to_have_text(graph["questions"][question_id]["text"])
    back_control(page).click()
    expect(title(page)).to_have_text(graph["questions"]["what-happened"]["text"])
    expect(title(page)).to_be_focused()
    expect(page.locator("[aria-live]")).to_have_count(0)


# --- the keyboard alone ------------------------------------------------------------------------------


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page: Page, locator) -> None:
    """Press Tab until ``locator`` has focus, as a keyboard user would."""
    expect(locator).to_have_count(1)
    for _ in range(MAX_TABS):
        if is_focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} is not reached by Tab within {MAX_TABS} presses")


def option_named(page: Page, graph: dict, question_id: str, option_id: str):
    """The option with this id on the question's screen, found by the label a reader sees."""
    label = next(o["label"] for o in graph["questions"][question_id]["options"] if o["id"] == option_id)
    return options(page).filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


@BOTH_SIZES
def test_a_whole_walk_works_from_the_keyboard_alone(page, site_url, graph):
    page.goto(site_url + HUB)
    tab_to(page, start_link(page, main_start(graph)["id"]))
    page.keyboard.press("Enter")
    expect_question(page, graph, "in-danger")
    for question_id, option_id, key in [("in-danger", "no", "Enter"), ("what-happened", "worried", "Enter"),
                                        ("concern-about", "not-sure", "Enter")]:
        expect(title(page)).to_be_focused()
        settled(page)
        tab_to(page, option_named(page, graph, question_id, option_id))
        page.keyboard.press(key)
    expect_outcome(page, graph, site_url, "concern")
    expect(title(page)).to_be_focused()


# --- JavaScript off: the same journey through static pages ----------------------------------------------


def follow(page: Page, link) -> None:
    """Follow a link the way a reader does (a real click), and wait for the next page."""
    with page.expect_navigation():
        link.click()


def test_without_javascript_links_lead_through_static_pages(browser, site_url, graph):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        page.goto(site_url)
        for start in graph["starts"][1:]:
            if start.get("on_home"):
                link = start_link(page, start["id"])
                node = graph["outcomes"].get(start["node"]) or graph["questions"][start["node"]]
                assert link.evaluate("a => a.href") == site_url + node["page"]
        follow(page, start_link(page, main_start(graph)["id"]))
        expect(page).to_have_url(site_url + HUB)
        follow(page, start_link(page, main_start(graph)["id"]))
        expect(page).to_have_url(site_url + graph["questions"]["in-danger"]["page"])
        expect(page.locator("h1")).to_have_text(graph["questions"]["in-danger"]["text"])
        follow(page, page.locator(".options a").filter(has_text=re.compile(r"^\s*Yes\s*$")))
        outcome = graph["outcomes"]["immediate-danger"]
        expect(page).to_have_url(site_url + outcome["page"])
        expect(page.locator(".steps > ol > li")).to_have_count(len(outcome["steps"]))
        expect(page.locator('.steps--own a[href="tel:999"]').first).to_be_visible()
    finally:
        context.close()


def test_without_javascript_every_question_page_links_its_options(browser, site_url, graph):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        pages = {**graph["questions"], **graph["outcomes"]}
        for question in graph["questions"].values():
            page.goto(site_url + question["page"])
            links = page.locator(".options a")
            expect(links).to_have_text([o["label"] for o in question["options"]])
            targets = [a.evaluate("a => a.href") for a in links.all()]
            assert targets == [site_url + pages[o["next"]]["page"] for o in question["options"]], question["text"]
    finally:
        context.close()


# --- nothing stored, nothing fetched ---------------------------------------------------------------------


def stored_in_page(page: Page) -> dict:
    return page.evaluate(
        """async () => ({
            localStorage: localStorage.length,
            sessionStorage: sessionStorage.length,
            indexedDB: (await indexedDB.databases()).map(db => db.name),
            cookie: document.cookie,
        })"""
    )


def test_nothing_is_stored_or_fetched_during_a_walk_and_a_tick_list(browser, site_url, graph):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        errors = script_errors(page)
        page.goto(site_url + HUB, wait_until="networkidle")
        # The service worker keeps the site once the page has loaded and the network is quiet.
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        loaded = len(requests)
        start_link(page, main_start(graph)["id"]).click()
        for question_id, option_id in [("in-danger", "no"), ("what-happened", "worried"),
                                       ("concern-about", "not-sure")]:
            expect_question(page, graph, question_id)
            choose(page, graph, question_id, option_id)
        expect_outcome(page, graph, site_url, "concern")
        # Chromium fetches the tab's icon again on each change of the hash: the page's own
        # <link rel=icon>, not the navigator. Anything else is the walk fetching something.
        icons = page.evaluate("[...document.querySelectorAll('link[rel~=icon]')].map(link => link.href)")
        assert [url for url in requests[loaded:] if url not in icons] == [], "the walk fetched after the page had loaded"
        after_walk = stored_in_page(page)

        page.goto(site_url + "signs/", wait_until="networkidle")
        page.locator("li.sign input.sign__tick").first.check()
        expect(page.locator("#signs-summary li")).to_have_count(1)

        assert context.cookies() == []
        nothing = {"localStorage": 0, "sessionStorage": 0, "indexedDB": [], "cookie": ""}
        assert after_walk == nothing
        assert stored_in_page(page) == nothing
        # data: and blob: addresses are made in the page, not fetched from anywhere.
        elsewhere = [url for url in requests if not url.startswith(site_url) and not url.startswith(("data:", "blob:"))]
        assert elsewhere == []
        assert errors == [], f"script errors: {errors}"
    finally:
        context.close()
