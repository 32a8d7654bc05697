"""The answer screen, judged as a reader on a phone: on every answer page, at 360x800 and on the
small screens (an iPhone SE, what Safari leaves of it, 360x640, 320x568), with JavaScript on and
off, the summary and the first action (999 on an emergency, else the way to reach the DSL) are
in the first screen, and so is the page's first filled button; the strip keeps 999 and the DSL
on one row; nothing scrolls sideways; the reader's own steps end within two and a half screens at 360x800;
the contacts page is at most seven and a half. In the navigator the first action is in the first screen too.
Every screen of the navigator passes axe-core in light and dark mode. (To look at the screens:
`make screens`, tools/screens.py.)"""

from __future__ import annotations


import pytest
from conftest import COLOUR_RULES, SMALL_SCREENS, VIEWPORTS, axe_findings
from playwright.sync_api import expect



SIZES = {"360x800": VIEWPORTS["phone"], **SMALL_SCREENS}
# At 360x800, for all of the reader's own steps: with a complete team each step that names the
# DSL has their call button, which Bankside's team, still incomplete, does not have yet.
MAX_OWN_SCREENS = 2.5
MAX_CONTACTS_SCREENS = 7.5  # a complete team: each card with its number, email, place and who supplied them

# Where the parts of an answer's first screen end (px from the top of the screen), and what else
# a reader on a small phone would notice. The first action: the way to reach the DSL (or whom the
# answer names instead), or on an emergency the 999 button at the top of its card, or (an answer
# with no one to tell first, the language guide) the reader's first step.
FIRST_SCREEN = """(emergencyTel) => {
    const bottom = el => el ? el.getBoundingClientRect().bottom : null;
    const first = document.querySelector('.answer-first .reach__first')
        || document.querySelector(`.emergency-card a[href="tel:${emergencyTel}"]`)
        || document.querySelector('.steps--own .step__do');
    const button = [...document.querySelectorAll('article a.contact-action--call')].find(a => a.offsetParent);
    const strip = [...document.querySelectorAll('.emergency__item')].filter(li => li.offsetParent).slice(0, 2);
    const own = document.querySelector('.steps--own');
    return {
        summary: bottom(document.querySelector('.answer__summary')), first: bottom(first), button: bottom(button),
        own: own ? (bottom(own) + scrollY) / innerHeight : null,
        stripRows: new Set(strip.map(li => Math.round(li.getBoundingClientRect().top))).size,
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
}"""


def emergency_tel(site) -> str:
    return site.contacts.by_id()[site.contacts.emergency_route[0].contact].phone.tel


def first_screen_problems(found: dict, size: str, height: int) -> list[str]:
    problems = [f"{size}: the {part} ends at {found[part]}" for part in ("summary", "first")
                if found[part] is None or found[part] > height]
    if found["button"] is not None and found["button"] > height:
        problems.append(f"{size}: the first filled button ends at {found['button']}")
    if found["stripRows"] != 1:
        problems.append(f"{size}: 999 and the DSL take {found['stripRows']} rows")
    if found["sideways"] > 0:
        problems.append(f"{size}: scrolls sideways by {found['sideways']} px")
    return problems


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript on", "javascript off"])
def test_every_answer_leads_with_its_summary_and_first_action_in_the_first_screen(browser, site_url, site, graph,
                                                                                  javascript):
    context = browser.new_context(java_script_enabled=javascript, service_workers="block")
    failures = {}
    try:
        page = context.new_page()
        for outcome_id, outcome in graph["outcomes"].items():
            page.set_viewport_size(VIEWPORTS["phone"])
            page.goto(site_url + outcome["page"])
            for size, viewport in SIZES.items():
                page.set_viewport_size(viewport)
                found = page.evaluate(FIRST_SCREEN, emergency_tel(site))
                problems = first_screen_problems(found, size, viewport["height"])
                if size == "360x800" and (found["own"] is None or found["own"] > MAX_OWN_SCREENS):
                    problems.append(f"the reader's own steps end {found['own']:.2f} screens down")
                if problems:
                    failures[outcome_id] = failures.get(outcome_id, []) + problems
        page.set_viewport_size(VIEWPORTS["phone"])
        page.goto(site_url + "contacts/")
        screens = page.evaluate("(document.querySelector('article').getBoundingClientRect().bottom + scrollY) / innerHeight")
        if screens > MAX_CONTACTS_SCREENS:
            failures["contacts"] = [f"{screens:.2f} screens at 360x800"]
    finally:
        context.close()
    assert not failures, "\n".join(f"{where}: {'; '.join(problems)}" for where, problems in failures.items())


def test_in_the_navigator_each_answers_first_action_is_in_the_first_screen(browser, site_url, site, graph):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    failures = {}
    try:
        page = context.new_page()
        for outcome_id in graph["outcomes"]:
            page.goto(site_url + f"what-to-do/#nav={outcome_id}")
            expect(page.locator("#navigator[data-outcome]")).to_have_attribute("data-outcome", outcome_id)
            found = page.evaluate(FIRST_SCREEN, emergency_tel(site))
            if problems := first_screen_problems(found, "360x800", VIEWPORTS["phone"]["height"]):
                failures[outcome_id] = problems
    finally:
        context.close()
    assert not failures, failures


def every_screen(graph: dict) -> list[str]:
    return [*graph["questions"], *graph["outcomes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_navigator_screen_passes_axe(browser, site_url, graph, scheme):
    """Every rule in light mode; in dark mode, the rules that depend on colour."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme, service_workers="block")
    failures = {}
    try:
        page = context.new_page()
        for node in every_screen(graph):
            page.goto(site_url + f"what-to-do/#nav={node}")
            expect(page.locator("#navigator h1")).to_be_visible()
            if found := axe_findings(page, COLOUR_RULES if scheme == "dark" else None):
                failures[node] = found
    finally:
        context.close()
    assert not failures, failures


def test_where_this_comes_from_is_collapsed_on_screen_and_lists_every_clause(browser, site_url, graph):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    try:
        page = context.new_page()
        for outcome_id, outcome in graph["outcomes"].items():
            page.goto(site_url + outcome["page"])
            sources = page.locator(".outcome__sources")
            expect(sources).not_to_have_attribute("open", "")
            listed = sources.locator(".outcome__clauses a").all_text_contents()
            cited = {c["number"] for s in outcome["steps"] for c in s["clauses"]}
            assert set(listed) == cited, outcome_id
    finally:
        context.close()


def test_language_route_lists_the_guide_and_the_guidance_it_names(browser, site_url, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "what-to-do/language/")
        for point in [*site.training.language.do, *site.training.language.dont]:
            expect(page.locator(".outcome")).to_contain_text(point.text)
        expect(page.locator(".language__note")).to_contain_text("the policy itself gives no list of phrases")
        guidance = [link for link in site.links.links if "10.0" in link.clauses]
        assert guidance, "10.0 names its guidance"
        for link in guidance:
            expect(page.locator(".outcome")).to_contain_text(link.title)
    finally:
        context.close()
