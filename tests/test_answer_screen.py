"""The answer screen, judged as a reader on a 360 px phone: the emergency's 999 button is fully
inside the first screen (on its page and in the navigator); every screen of the navigator passes
axe-core in light and dark mode; and every question and outcome screen is rendered to an image
in test-artefacts/screens/ for a reviewer to look at."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, VIEWPORTS, axe_findings
from playwright.sync_api import expect

ARTEFACTS = ROOT / "test-artefacts" / "screens"


@pytest.fixture(scope="module")
def graph(built_site) -> dict:
    return json.loads((built_site.path / "pathways.json").read_text(encoding="utf-8"))


def emergency_outcomes(site) -> list[str]:
    return [o.id for o in site.pathways.outcomes if o.emergency]


@pytest.mark.parametrize("where", ["its own page", "the navigator"])
def test_the_999_button_is_inside_the_first_phone_screen(browser, site_url, site, graph, where):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    try:
        assert emergency_outcomes(site), "the graph has an emergency outcome"
        for outcome in emergency_outcomes(site):
            page = context.new_page()
            page.goto(site_url + (graph["outcomes"][outcome]["page"] if where == "its own page" else f"#nav={outcome}"))
            button = page.locator('.emergency-card a[href="tel:999"]:visible').first
            expect(button).to_have_text("Call 999")
            box = button.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORTS["phone"]["height"], (outcome, box)
            page.close()
    finally:
        context.close()


def every_screen(graph: dict) -> list[str]:
    return [*graph["questions"], *graph["outcomes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_navigator_screen_passes_axe(browser, site_url, graph, scheme):
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme, service_workers="block")
    failures = {}
    try:
        page = context.new_page()
        for node in every_screen(graph):
            page.goto(site_url + f"what-to-do/#nav={node}")
            expect(page.locator("#navigator h1")).to_be_visible()
            if found := axe_findings(page):
                failures[node] = found
            if scheme == "light":
                ARTEFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=ARTEFACTS / f"{node}-360.png", full_page=True)
    finally:
        context.close()
    assert not failures, failures
    if scheme == "light":
        # Every screen has its image, so that a reviewer can look at all of them.
        assert [node for node in every_screen(graph) if not (ARTEFACTS / f"{node}-360.png").exists()] == []


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


def test_artefact_folder_is_not_committed():
    assert "test-artefacts/" in (ROOT / ".gitignore").read_text(encoding="utf-8")


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
