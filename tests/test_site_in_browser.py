"""Every built page in a real Chromium: nothing loads from another origin, nothing logs an error,
nothing scrolls sideways on a phone, and axe-core (its default rules: WCAG 2 A and AA and best
practice) finds nothing, at phone and desktop sizes and in light and dark mode."""

from __future__ import annotations

import pytest
from conftest import VIEWPORTS, axe_findings

# Exclusions from the axe run, each with its reason. None so far.
AXE_EXCLUSIONS: dict[str, str] = {}
EXCLUDED = list(AXE_EXCLUSIONS)
# Dark mode changes colours and nothing else (site.css): in dark mode only the rules about colour
# can find anything new, so only they run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The pages are checked in this many groups, so that parallel workers can share them.
GROUPS = 4



def site_paths(built_site) -> list[str]:
    return [p.relative_to(built_site.path).as_posix().removesuffix("index.html") for p in built_site.pages()]


def visit(context, url: str):
    """Load ``url`` in a new tab and wait until the network is quiet; return the tab and what
    went wrong on the way."""
    page = context.new_page()
    problems: dict[str, list] = {"requests": [], "console": []}
    origin = url.split("/", 3)[:3]
    page.on("request", lambda r: None if r.url.split("/", 3)[:3] == origin or r.url.startswith(("data:", "blob:"))
            else problems["requests"].append(r.url))
    page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems["console"].append(str(e)))
    page.goto(url, wait_until="load")
    return page, problems


def gate(page, problems: dict) -> dict:
    """Every check of one loaded page, at both sizes and in both colour schemes."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems["sideways scroll on a phone (px)"] = [overflow]
    problems["axe, phone, light"] = axe_findings(page, exclude=EXCLUDED)
    page.set_viewport_size(VIEWPORTS["desktop"])
    problems["axe, desktop, light"] = axe_findings(page, exclude=EXCLUDED)
    page.emulate_media(color_scheme="dark")
    if page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)":
        problems["dark mode"] = ["not applied"]
    problems["axe, desktop, dark"] = axe_findings(page, COLOUR_RULES, EXCLUDED)
    page.set_viewport_size(VIEWPORTS["phone"])
    problems["axe, phone, dark"] = axe_findings(page, COLOUR_RULES, EXCLUDED)
    return {k: v for k, v in problems.items() if v}


@pytest.mark.parametrize("group", range(GROUPS))
def test_every_page_passes_the_browser_gates(browser, built_site, site_url, group):
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme="light")
    failures = {}
    try:
        for path in site_paths(built_site)[group::GROUPS]:
            page, problems = visit(context, site_url + path)
            if found := gate(page, problems):
                failures[path or "/"] = found
            page.close()
    finally:
        context.close()
    assert not failures, "\n".join(f"{path}: {problems}" for path, problems in failures.items())


def test_the_groups_cover_every_page(built_site):
    paths = site_paths(built_site)
    assert sorted(p for g in range(GROUPS) for p in paths[g::GROUPS]) == sorted(paths)


def test_a_page_with_a_remote_request_fails_the_gate(browser, tmp_path):
    """The gate is real: a page that loads from another origin is caught (the request is made to
    a closed port of another loopback address, so nothing leaves the machine)."""
    from conftest import serve

    (tmp_path / "index.html").write_text('<html lang="en"><title>t</title><img src="http://127.0.0.2:9/x.png" alt="x"></html>')
    context = browser.new_context()
    with serve(tmp_path) as url:
        _, problems = visit(context, url)
    context.close()
    assert problems["requests"] == ["http://127.0.0.2:9/x.png"]


def test_the_gate_catches_low_contrast_in_dark_mode_only(browser, tmp_path):
    """The dark-mode pass is real: text readable in light mode but not in dark is caught."""
    from conftest import serve

    (tmp_path / "index.html").write_text(
        '<html lang="en"><head><title>t</title><style>@media (prefers-color-scheme: dark) {'
        "body { background: #222 } p { color: #333 } }</style></head><body><main><h1>t</h1><p>Text</p></main></body></html>")
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    with serve(tmp_path) as url:
        page, problems = visit(context, url)
        found = gate(page, problems)
    context.close()
    assert "axe, phone, dark" in found and "color-contrast" in found["axe, phone, dark"][0]
    assert "axe, phone, light" not in found
