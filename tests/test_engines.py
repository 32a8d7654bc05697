"""The journeys that matter, walked in the engines staff phones run besides Chromium
(tests/engines.py): Gecko (Firefox ESR) and WebKit (WebKitGTK, the engine of every iPhone
browser). Each journey is written once, over the engines' one small interface, and runs in each
engine at the phone size: the navigator to each outcome, a disclosure from the home page, the signs'
search and summary, the site's search, the self-check, the "who to call now" panel at a set
time, every page after one visit with no network, and every page free of console errors,
refusals of the Content Security Policy and requests to other origins.

Chromium walks the same journeys, in more depth (every answer, focus, the keyboard, axe), in the
rest of the suite; here each other engine shows that the same scripts and pages work in it. A missing engine
fails its tests (`make browser` installs them all), never skips them.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from conftest import READER_NOW, VIEWPORTS, serve_site
from engines import ENGINES, RECORDER, wait_for
from moments import SATURDAY, WEDNESDAY, london, ordinary
from test_team import OFFICE, OUT_OF_HOURS, expected_line

from macros import csp

HUB = "what-to-do/"


# Each engine starts once per run: its tests share a worker with the other tests that drive it.
pytestmark = pytest.mark.xdist_group("engines")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request, other_engines):
    return other_engines(request.param)


def serving(site: Path, engine):
    """The site as a host that reads _headers serves it (the policy as a header too), with the
    recorder first in every page for an engine that has no init scripts."""
    return serve_site(site, {"Content-Security-Policy": csp.header_policy(site)},
                      first_script=RECORDER if engine.needs_recorder else None)


@pytest.fixture(scope="session")
def served(built_site, engine):
    with serving(built_site.path, engine) as url:
        yield url


@pytest.fixture
def tab(engine):
    """A tab with nothing stored, at the phone size, its clock at a reader's now (conftest)."""
    tab = engine.open(VIEWPORTS["phone"], now=READER_NOW)
    yield tab
    tab.close()


def page_paths(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def expect_no_problems(tab, where: str) -> None:
    assert not (found := tab.problems()), f"{tab.engine}, {where}: {found}"


# --- the engines' own checks are real ---------------------------------------------------------------


BAD_PAGE = """<!doctype html><html lang="en"><head><title>t</title></head>
<body><p id="at"></p><script src="bad.js"></script><script>document.title = "inline ran";</script></body></html>"""
BAD_SCRIPT = """document.getElementById("at").textContent = new Date().toISOString();
console.error("logged on purpose");
setTimeout(() => { throw new Error("thrown on purpose"); }, 0);"""


def test_each_engine_reports_errors_and_refusals_and_starts_at_the_moment_given(engine, tmp_path):
    (tmp_path / "index.html").write_text(BAD_PAGE)
    (tmp_path / "bad.js").write_text(BAD_SCRIPT)
    moment = london(ordinary(SATURDAY), 11)
    tab = engine.open(VIEWPORTS["phone"], now=moment)
    try:
        with serve_site(tmp_path, {"Content-Security-Policy": "script-src 'self'"},
                        first_script=RECORDER if engine.needs_recorder else None) as url:
            tab.goto(url)
            wait_for(tab, "() => document.getElementById('at').textContent", what="the page's script")
            found = wait_for(tab, "() => true") and []
            for _ in range(20):
                found += tab.problems()
                if any("thrown on purpose" in p for p in found):
                    break
            at = tab.run("() => [document.getElementById('at').textContent, innerWidth]")
    finally:
        tab.close()
    assert any("logged on purpose" in p for p in found), found
    assert any("thrown on purpose" in p for p in found), found
    assert any("script-src" in p for p in found), found
    # The page's script read the moment given, not the machine's clock, as it first ran.
    started = datetime.datetime.fromisoformat(at[0].replace("Z", "+00:00"))
    assert datetime.timedelta(0) <= started - moment < datetime.timedelta(minutes=1), at[0]
    assert at[1] == VIEWPORTS["phone"]["width"]


# --- every page -------------------------------------------------------------------------------------


def test_every_page_is_free_of_errors_refusals_and_other_origins(engine, tab, built_site, served):
    """Chromium's every-page gate (test_site_in_browser.py) checks the same, and more."""
    failures = {}
    for path in page_paths(built_site.path):
        tab.goto(served + path)
        if found := tab.problems():
            failures[path or "/"] = found
    assert not failures, f"{engine.name}:\n" + "\n".join(f"{path}: {found}" for path, found in failures.items())


# --- the navigator ----------------------------------------------------------------------------------


def choose(tab, next_node: str) -> None:
    """Tap the answer leading to ``next_node`` once the screen has settled (an earlier tap is
    taken as a double tap and ignored)."""
    option = f'#navigator[data-ready] a.navigator__option[data-next="{next_node}"]'
    wait_for(tab, "(selector) => !!document.querySelector(selector)", option, what=option)
    tab.click(option)


def shown_outcome(tab, outcome_id: str) -> dict:
    return wait_for(tab, """(id) => {
        const panel = document.querySelector(`#navigator[data-outcome="${id}"]`);
        return panel && !panel.hidden && {
            title: panel.querySelector("h1").textContent.trim(),
            steps: panel.querySelectorAll(".steps > ol > li").length,
            // The steps' own calls: not "If Kerry is not available"'s (999, 12.7's chain).
            calls: [...panel.querySelectorAll('.steps a[href^="tel:"]')].filter(a => !a.closest(".reach__no-answer"))
                .map(a => a.getAttribute("href")),
        };
    }""", outcome_id, what=f"the outcome {outcome_id}")


def expect_outcome(tab, graph: dict, outcome_id: str) -> None:
    """The outcome's screen: its title, every step, and calls only to the numbers its steps name."""
    outcome = graph["outcomes"][outcome_id]
    shown = shown_outcome(tab, outcome_id)
    assert shown["title"] == outcome["title"], (tab.engine, shown)
    assert shown["steps"] == len(outcome["steps"]), (tab.engine, outcome_id, shown)
    tels = {f"tel:{graph['contacts'][c]['tel']}" for s in outcome["steps"] for c in s["contacts"]
            if graph["contacts"][c]["tel"]}
    assert set(shown["calls"]) <= tels, (tab.engine, outcome_id, shown["calls"])


def test_a_walk_through_the_navigator_by_taps(tab, served, graph):
    """The main start, three answers, the outcome; then Back, one screen at a time."""
    tab.goto(served + HUB)
    tab.click(f'a[data-navigator-start="{graph["starts"][0]["id"]}"]')
    for node in ["what-happened", "concern-about", "concern"]:
        choose(tab, node)
    expect_outcome(tab, graph, "concern")
    assert tab.run("() => location.hash") == "#nav=concern"
    wait_for(tab, "() => !!document.querySelector('#navigator[data-ready]')")
    tab.click("#navigator [data-navigator-back]")
    wait_for(tab, "() => location.hash === '#nav=concern-about'", what="Back to the last question")
    expect_no_problems(tab, "the walk")


def test_every_outcome_opens_at_its_address(tab, served, graph):
    """Each outcome's screen, as a shared or bookmarked address opens it (what the taps lead to
    is checked for every path in Chromium: test_navigator.py)."""
    for outcome_id in graph["outcomes"]:
        tab.goto(f"{served}{HUB}#nav={outcome_id}")
        expect_outcome(tab, graph, outcome_id)
        expect_no_problems(tab, outcome_id)


def test_a_disclosure_from_the_home_page(tab, served, graph):
    """The home page reads the navigator's screens from the hub on the first tap."""
    start = next(s for s in graph["starts"] if s["id"] == "told")
    tab.goto(served)
    tab.click(f'a[data-navigator-start="{start["id"]}"]')
    choose(tab, "disclosure")
    expect_outcome(tab, graph, "disclosure")
    assert tab.run("() => location.href") == served + "#nav=disclosure"
    expect_no_problems(tab, "the disclosure")


# --- signs, search, the self-check --------------------------------------------------------------------


def test_the_signs_search_and_summary(tab, served):
    tab.goto(served + "signs/")
    tab.type("input#signs-search", "hotel")
    shown = wait_for(tab, """() => {
        const shown = document.querySelectorAll("li.sign:not([hidden])");
        return shown.length === 1 && shown[0].querySelector(".sign__text").textContent.trim();
    }""", what="one sign for 'hotel'")
    assert re.search(r"(^|\D)1(\D|$)", tab.run("() => document.getElementById('signs-count').textContent"))
    tab.click("li.sign:not([hidden]) input.sign__tick")
    summary = wait_for(tab, """() => {
        const summary = document.getElementById("signs-summary");
        return summary && !summary.hidden && [...summary.querySelectorAll("li")].map(li => li.textContent);
    }""", what="the summary")
    assert len(summary) == 1 and shown in summary[0], (tab.engine, summary)
    expect_no_problems(tab, "signs")


def test_the_site_search_finds_words(tab, served):
    tab.goto(served + "policy/11-concerns/")
    tab.click('label.md-header__button[for="__search"]')
    tab.type("input.md-search__input", "county lines")
    found = wait_for(tab, """() => [...document.querySelectorAll(".md-search-result__item")].map(item => item.textContent)""",
                     timeout=20, what="search results")
    assert any("county lines" in item.lower() for item in found), (tab.engine, found[:3])
    expect_no_problems(tab, "search")


def test_the_self_check_to_its_summary(tab, served, site):
    questions = site.training.questions
    tab.goto(served + "training/self-check/")
    current = "[data-question]:not([hidden])"
    for number in range(len(questions)):
        wait_for(tab, "(s) => !!document.querySelector(s)", f"{current} input[data-correct]", what=f"question {number + 1}")
        tab.click(f"{current} input[data-correct] + label")
        tab.click(f"{current} button[type=submit]")
        verdict = wait_for(tab, "(s) => { const v = document.querySelector(s); return v && v.textContent; }",
                           f"{current} .selfcheck__result:not([hidden]) .selfcheck__verdict", what="the verdict")
        assert verdict.startswith("Correct."), (tab.engine, number, verdict)
        tab.click(f"{current} .selfcheck__result button")
    summary = wait_for(tab, """() => {
        const summary = document.getElementById("selfcheck-summary");
        return summary && !summary.hidden && summary.textContent;
    }""", what="the summary")
    assert f"You answered {len(questions)} of {len(questions)} questions correctly." in " ".join(summary.split())
    expect_no_problems(tab, "the self-check")


# --- the "who to call now" panel, on the phone's clock ----------------------------------------------------


def test_the_panel_offers_the_line_open_at_the_phones_time(engine, served, site):
    """A weekday morning and a Saturday: a different line is open at each."""
    wanted = {moment: expected_line(site, moment) for moment in [london(ordinary(WEDNESDAY), 10), london(ordinary(SATURDAY), 11)]}
    assert set(wanted.values()) == {OFFICE, OUT_OF_HOURS}
    for moment, line in wanted.items():
        tab = engine.open(VIEWPORTS["phone"], now=moment)
        try:
            tab.goto(served + "contacts/")
            shown = wait_for(tab, """() => {
                const panel = [...document.querySelectorAll("[data-now-panel].now-panel--live")].find(p => p.offsetParent);
                return panel && [panel.querySelector("[data-line]").dataset.line,
                                 panel.querySelector("[data-now-status]").textContent];
            }""", what="the live panel")
            expect_no_problems(tab, f"contacts at {moment}")
        finally:
            tab.close()
        assert shown[0] == line, (engine.name, moment, shown)
        assert f"{moment:%A} {moment:%H:%M}, UK time" in " ".join(shown[1].split()), (engine.name, shown[1])


# --- offline after one visit ------------------------------------------------------------------------------


def test_every_page_and_the_navigator_work_offline_after_one_visit(engine, tab, built_site, graph):
    """The service worker keeps the site after one visit; then the server is gone (as a phone
    without signal sees it) and every page still opens, and the navigator still answers."""
    with serving(built_site.path, engine) as url:
        tab.goto(url)
        wait_for(tab, "() => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)",
                 timeout=60, what="the service worker")
        wait_for(tab, "() => caches.keys().then(keys => keys.length === 1)", timeout=60, what="the cache")
    # Every page through the service worker (a fetch, cheaper than opening each), then a few opened.
    failed = tab.run("""(paths) => Promise.all(paths.map(path => fetch(path).then(r => r.ok, () => false)))
        .then(answers => paths.filter((path, n) => !answers[n]))""", page_paths(built_site.path))
    assert not failed, f"{engine.name}: not available offline: {failed}"
    for path in ["policy/11-concerns/", "contacts/", "what-to-do/concern/"]:
        tab.goto(url + path)
        assert tab.run("() => !!document.querySelector('.md-content h1')"), (engine.name, path)
    tab.goto(url)
    tab.click('a[data-navigator-start="worried"]')
    choose(tab, "immediate-danger")
    expect_outcome(tab, graph, "immediate-danger")
