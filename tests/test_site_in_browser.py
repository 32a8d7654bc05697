"""Every built page in a real Chromium, and axe-core on one page of each layout.

Every page, at the phone size and served with the Content Security Policy as a header (as hosts
that read _headers serve it): nothing loads from another origin, nothing logs an error, the
policy refuses nothing, nothing scrolls sideways at 360 px, and dark mode is applied.

axe-core (its default rules: WCAG 2 A and AA and best practice) on one page of each layout, at
the phone and desktop sizes in light mode, and its colour rules again in dark mode. Pages of one
layout share their template, scripts and stylesheets, and are made of the same components: what
axe finds on one it finds on the others. A page's layout is what its front matter changes (the
scripts and stylesheets of ours it loads beyond every page's, the sidebars it hides); its
components are the class blocks and the elements of its article. A page whose layout or a
component no page of AXE_PAGES shows fails test_the_axe_pages_cover_every_layout_and_component:
add a page of the new kind to the list.

The navigator's screens (test_answer_screen.py), the signs explorer's states (test_signs.py) and
the training pages' states (test_training_browser.py) have axe runs of their own.
"""

from __future__ import annotations

import re

import pytest
from conftest import COLOUR_RULES, RECORD_CSP_VIOLATIONS, VIEWPORTS, axe_findings, serve, serve_site

from macros import csp

# One page of each layout, and the components only it shows.
AXE_PAGES = {
    "": "the home page: the navigator and the 'who to call now' panel, no sidebars",
    "what-to-do/": "the What to do now hub: the navigator, with the sidebars",
    "what-to-do/concern/": "an outcome page: steps, the 'who to call now' panel, the DSL's card",
    "what-to-do/questions/in-danger/": "a question page: the navigator without JavaScript",
    "what-to-do/flowchart/": "the flowchart: the drawings (SVG) and their lists",
    "policy/": "the policy's index",
    "policy/11-concerns/": "a policy section: clause numbers and anchors, an email address",
    "signs/": "the signs explorer",
    "contacts/": "contacts: the cards, the 'who to call now' panel, a table of hours",
    "training/": "the training index (the training stylesheet)",
    "training/scenarios/": "the trainer view, no sidebars",
    "training/self-check/": "the self-check",
    "training/handout/": "the handout, no contents sidebar",
    "downloads/": "the downloads list",
    "about/setup/": "an About page: the setup checklist, with a code block",
    "print/policy/": "a page for paper: the policy's cover and contents",
    "print/what-to-do/": "a page for paper: what to do, in one page",
    "print/contacts/": "a page for paper: every contact in one table",
    "print/pocket-card/": "the pocket card (its own stylesheet)",
    "404.html": "Material's page for an address that does not exist",
}
# Exclusions from the axe run, each with its reason. None so far.
AXE_EXCLUSIONS: dict[str, str] = {}
EXCLUDED = list(AXE_EXCLUSIONS)
# Every page is checked in this many groups, so that parallel workers can share them.
GROUPS = 4

# Our own scripts and stylesheets, as the pages name them (with their version, ?v=).
OWN_ASSET = re.compile(r'assets/(?:javascripts|stylesheets)/([\w-]+\.(?:js|css))\?v=')
EVERY_PAGES_ASSETS = {"review.js", "offline.js", "site.css", "no-script.css"}


def site_paths(built_site) -> list[str]:
    return [p.relative_to(built_site.path).as_posix().removesuffix("index.html") for p in built_site.pages()]


def watch(page, url: str) -> dict[str, list]:
    """What goes wrong on ``page`` from now on: requests to another origin than ``url``'s, and
    errors (logged or thrown)."""
    problems: dict[str, list] = {"requests": [], "console": []}
    origin = url.split("/", 3)[:3]
    page.on("request", lambda r: None if r.url.split("/", 3)[:3] == origin or r.url.startswith(("data:", "blob:"))
            else problems["requests"].append(r.url))
    page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems["console"].append(str(e)))
    return problems


def visit(context, url: str):
    """Load ``url`` in a new tab; return the tab and what went wrong on the way."""
    page = context.new_page()
    problems = watch(page, url)
    page.goto(url, wait_until="load")
    return page, problems


def gate(page, problems: dict) -> dict:
    """The checks every loaded page passes, on a phone: nothing refused by the Content Security
    Policy, no sideways scroll, and dark mode applied."""
    problems["refused by the Content Security Policy"] = page.evaluate("window.__violations || []")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems["sideways scroll on a phone (px)"] = [overflow]
    page.emulate_media(color_scheme="dark")
    if page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)":
        problems["dark mode"] = ["not applied"]
    page.emulate_media(color_scheme="light")
    return {k: v for k, v in problems.items() if v}


def axe_passes(page) -> dict:
    """axe on the loaded page at both sizes in light mode, and its colour rules in dark mode."""
    found = {}
    for scheme, rules in [("light", None), ("dark", COLOUR_RULES)]:
        page.emulate_media(color_scheme=scheme)
        for size in ["phone", "desktop"]:
            page.set_viewport_size(VIEWPORTS[size])
            found[f"axe, {size}, {scheme}"] = axe_findings(page, rules, EXCLUDED)
    return {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("group", range(GROUPS))
def test_every_page_passes_the_browser_gates(browser, built_site, group):
    """One tab for the group's pages, as a reader goes from page to page."""
    headers = {"Content-Security-Policy": csp.header_policy(built_site.path)}
    failures = {}
    with serve_site(built_site.path, headers) as url:
        context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme="light")
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        try:
            page = context.new_page()
            problems = watch(page, url)
            for path in site_paths(built_site)[group::GROUPS]:
                page.goto(url + path, wait_until="load")
                if found := gate(page, problems):
                    failures[path or "/"] = found
                problems.update(requests=[], console=[])
        finally:
            context.close()
    assert not failures, "\n".join(f"{path}: {problems}" for path, problems in failures.items())


def test_the_groups_cover_every_page(built_site):
    paths = site_paths(built_site)
    assert sorted(p for g in range(GROUPS) for p in paths[g::GROUPS]) == sorted(paths)


@pytest.mark.parametrize("path", list(AXE_PAGES))
def test_axe_finds_nothing_on_a_page_of_each_layout(browser, site_url, path):
    # The service worker would cache the whole site meanwhile: the gates above load the pages with it.
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme="light", service_workers="block")
    try:
        page, _ = visit(context, site_url + path)
        found = axe_passes(page)
    finally:
        context.close()
    assert not found, "\n".join(f"{where}: {findings}" for where, findings in found.items())


# --- which pages axe sees ---------------------------------------------------------------------------


def layout(html: str) -> tuple:
    """What a page's front matter changes: our scripts and stylesheets it loads beyond every
    page's (scripts:, styles:), and the sidebars it hides (hide:)."""
    assets = tuple(sorted(set(OWN_ASSET.findall(html)) - EVERY_PAGES_ASSETS))
    hidden = tuple(side for side in ("navigation", "toc") if re.search(rf'data-md-type="{side}"\s*hidden', html))
    return assets, hidden


def components(html: str) -> set[str]:
    """The class blocks (``step`` of ``step__who``, ``steps--own``) of the page's article, but
    Material's own (md-), and the elements it is made of."""
    article = html[html.index("<article"):html.index("</article>")]
    blocks = {re.split("__|--", name)[0] for names in re.findall(r'class="([^"]*)"', article)
              for name in names.split() if not name.startswith("md-")}
    return blocks | {f"<{tag}>" for tag in re.findall(r"<([a-z][a-z0-9-]*)[\s/>]", article)}


def uncovered(pages: dict[str, str], checked: list[str]) -> dict[str, list[str]]:
    """Each layout and component of ``pages`` ({path: html}) that none of ``checked`` shows,
    with the pages that show it."""
    seen_layouts = {layout(pages[path]) for path in checked}
    seen_components = set().union(*(components(pages[path]) for path in checked))
    missing: dict[str, list[str]] = {}
    for path, html in pages.items():
        if layout(html) not in seen_layouts:
            missing.setdefault(f"layout {layout(html)}", []).append(path)
        for component in sorted(components(html) - seen_components):
            missing.setdefault(f"component {component}", []).append(path)
    return missing


def built_pages(built_site) -> dict[str, str]:
    return {path: built_site.page(path).read_text(encoding="utf-8") for path in site_paths(built_site)}


def test_the_axe_pages_cover_every_layout_and_component(built_site):
    pages = built_pages(built_site)
    assert set(AXE_PAGES) <= set(pages), set(AXE_PAGES) - set(pages)
    missing = uncovered(pages, list(AXE_PAGES))
    assert not missing, "add a page of each to AXE_PAGES:\n" + "\n".join(f"{what}: {where}" for what, where in missing.items())


def test_a_page_of_a_new_kind_is_not_covered(built_site):
    """The coverage check is real: a new page script, a hidden sidebar, a new component, a new
    element: each is found."""
    pages = built_pages(built_site)
    contacts = pages["contacts/"]
    new_kinds = {
        "a new script": contacts.replace("</body>", '<script src="assets/javascripts/map.js?v=1"></script></body>'),
        "a hidden sidebar": contacts.replace('data-md-type="toc" >', 'data-md-type="toc" hidden>'),
        "a new component": contacts.replace("</article>", '<div class="timeline__entry"></div></article>'),
        "a new element": contacts.replace("</article>", "<iframe></iframe></article>"),
    }
    for kind, html in new_kinds.items():
        assert html != contacts, kind
        assert uncovered({**pages, "new/": html}, list(AXE_PAGES)), kind


# --- the gates can fail ---------------------------------------------------------------------------


def test_a_page_with_a_remote_request_fails_the_gate(browser, tmp_path):
    """The gate is real: a page that loads from another origin is caught (the request is made to
    a closed port of another loopback address, so nothing leaves the machine)."""
    (tmp_path / "index.html").write_text('<html lang="en"><title>t</title><img src="http://127.0.0.2:9/x.png" alt="x"></html>')
    context = browser.new_context()
    with serve(tmp_path) as url:
        _, problems = visit(context, url)
    context.close()
    assert problems["requests"] == ["http://127.0.0.2:9/x.png"]


def test_the_gate_catches_a_refused_script_sideways_scroll_and_no_dark_mode(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<html lang="en"><head><title>t</title><link rel="icon" href="data:,">'
        "<style>body { background: #fff } div { width: 500px }</style></head>"
        '<body><div>Wide</div><script>document.title = "ran"</script></body></html>')
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    with serve(tmp_path, {"Content-Security-Policy": "script-src 'self'"}) as url:
        page, problems = visit(context, url)
        found = gate(page, problems)
    context.close()
    assert set(found) == {"refused by the Content Security Policy", "console", "sideways scroll on a phone (px)",
                          "dark mode"}, found
    assert "Content Security Policy" in found["console"][0]


def test_the_axe_run_catches_low_contrast_in_dark_mode_only(browser, tmp_path):
    """The dark-mode pass is real: text readable in light mode but not in dark is caught."""
    (tmp_path / "index.html").write_text(
        '<html lang="en"><head><title>t</title><style>@media (prefers-color-scheme: dark) {'
        "body { background: #222 } p { color: #333 } }</style></head><body><main><h1>t</h1><p>Text</p></main></body></html>")
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    with serve(tmp_path) as url:
        page, _ = visit(context, url)
        found = axe_passes(page)
    context.close()
    assert set(found) == {"axe, phone, dark", "axe, desktop, dark"}, found
    assert "color-contrast" in found["axe, phone, dark"][0]
