"""Every built page in a real Chromium, at phone and desktop sizes: nothing loads from another
origin, nothing logs an error, nothing scrolls sideways on a phone, and axe-core finds no
WCAG 2 A or AA violation."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

# axe-core's rule tags for WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Exclusions from the axe run, each with its reason. None so far.
AXE_EXCLUSIONS: dict[str, str] = {}

axe = Axe()


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
    page.goto(url, wait_until="networkidle")
    return page, problems


def test_every_page_passes_the_browser_gates(built_site, site_url, context, viewport):
    failures = {}
    for path in site_paths(built_site):
        page, problems = visit(context, site_url + path)
        if viewport == "phone":
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems["sideways scroll (px)"] = [overflow]
        results = axe.run(page, context={"exclude": list(AXE_EXCLUSIONS)} if AXE_EXCLUSIONS else None,
                          options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]})
        problems["axe"] = [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in results.response["violations"]
        ]
        page.close()
        if any(problems.values()):
            failures[path or "/"] = {k: v for k, v in problems.items() if v}
    assert not failures, "\n".join(f"{path}: {problems}" for path, problems in failures.items())


def test_a_page_with_a_remote_request_fails_the_gate(context, tmp_path):
    """The gate is real: a page that loads from another origin is caught (the request is made to
    a closed port of another loopback address, so nothing leaves the machine)."""
    from conftest import serve

    (tmp_path / "index.html").write_text('<html lang="en"><title>t</title><img src="http://127.0.0.2:9/x.png" alt="x"></html>')
    with serve(tmp_path) as url:
        _, problems = visit(context, url)
    assert problems["requests"] == ["http://127.0.0.2:9/x.png"]


# One page of each layout: dark mode changes colours only, so a sample covers every style.
DARK_MODE_SAMPLE = [
    "", "policy/11-concerns/", "what-to-do/", "what-to-do/concern/", "what-to-do/questions/in-danger/",
    "what-to-do/flowchart/", "signs/", "contacts/", "training/scenarios/", "training/self-check/",
    "about/guidance-links/", "downloads/", "about/setup/",
    # The navigator's screens: a question and outcomes, shown in the page from its templates.
    "what-to-do/#nav=in-danger", "what-to-do/#nav=concern", "#nav=immediate-danger",
]


def test_dark_mode_meets_the_same_contrast(browser, site_url):
    """The site follows the device's dark setting (site.css): its colours must pass axe too."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme="dark")
    failures = {}
    for path in DARK_MODE_SAMPLE:
        page, problems = visit(context, site_url + path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)", f"{path}: dark mode is not applied"
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]})
        found = [f"{v['id']}: {', '.join(n['target'][0] for n in v['nodes'][:3])}" for v in results.response["violations"]]
        page.close()
        if found:
            failures[path or "/"] = found
    context.close()
    assert not failures, failures
