"""The strict Content Security Policy (macros/csp.py): every page carries it, the host's headers
file carries it, and what runs after a page has loaded (the navigator, search, the service worker,
offline use) works under it with zero violations. That every page loads under it with zero
violations is one of every page's browser gates (test_site_in_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import RECORD_CSP_VIOLATIONS, ROOT, VIEWPORTS, serve_site
from mkdocs.exceptions import PluginError
from mkdocs.theme import Theme
from playwright.sync_api import expect

from macros import csp

def test_every_page_carries_the_policy_before_any_script(built_site):
    for page in built_site.pages():
        html = page.read_text(encoding="utf-8")
        meta = html.find('http-equiv="Content-Security-Policy"')
        assert 0 < meta < html.find("<script"), page
        content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1]
        assert "'unsafe-inline'" not in content and "'unsafe-eval'" not in content
        assert content.startswith("default-src 'self'; script-src 'self'")
        # Every inline script the page has is allowed by its hash, and only those.
        assert sorted(re.findall(r"'sha256-[^']+'", content)) == sorted(csp.inline_script_hashes(html)), page


def test_the_headers_file_holds_the_policy_for_every_page(built_site):
    header = csp.header_policy(built_site.path)
    assert "frame-ancestors 'none'" in header
    for page in built_site.pages():
        for digest in csp.inline_script_hashes(page.read_text(encoding="utf-8")):
            assert digest in header, page


def test_our_own_scripts_are_files(built_site):
    # Only the theme's own small inline scripts are hashed; ours (the service worker's
    # registration included) are files.
    html = built_site.page("").read_text(encoding="utf-8")
    assert "serviceWorker" not in "".join(script.body for script in csp.read_page(html).inline)
    assert re.search(r'<script src="assets/javascripts/site\.js\?v=\w+" data-worker="sw\.js">', html)


def test_what_runs_after_load_works_under_the_policy_as_a_header_with_zero_violations(browser, built_site):
    with serve_site(built_site.path, {"Content-Security-Policy": csp.header_policy(built_site.path)}) as url:
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        # The navigator, search (a worker) and the service worker.
        page.goto(url + "what-to-do/")
        page.locator("[data-navigator-start]").first.click()
        expect(page.locator(".navigator__option").first).to_be_visible()
        assert page.evaluate("window.__violations") == []
        page.set_viewport_size(VIEWPORTS["desktop"])
        page.goto(url)
        page.click("input.md-search__input")
        page.keyboard.type("county lines")
        expect(page.locator(".md-search-result__item").first).to_be_attached(timeout=15000)
        page.evaluate("navigator.serviceWorker.ready")
        page.reload()
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        assert page.evaluate("window.__violations") == []
        # Offline, under the same policy: the cached pages load and run.
        context.set_offline(True)
        page.goto(url + "contacts/")
        expect(page.locator("h1")).to_have_text("Contacts")
        assert page.evaluate("window.__violations") == []
        assert not errors, errors
        context.close()


# --- only the theme's known inline scripts: anything else stops the build, naming the page ------


@pytest.fixture(scope="module")
def theme_env():
    return Theme(name="material", custom_dir=str(ROOT / "overrides")).get_env()


def theme_script(theme_env, name: str, base: str) -> str:
    """One of the theme's known inline scripts, as it writes it into a page ``base`` deep."""
    source = theme_env.loader.get_source(theme_env, name)[0]
    rendered = theme_env.from_string(source).render(config={"extra": {}}, base_url=base, features=[])
    return re.search(r"<script>.*?</script>", rendered, re.S)[0]


def site_with(tmp_path, body: str) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>',
                                                  encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("<p>Hello</p><script>window.__pwned=1</script>", "an inline script that is not the theme's (<script>window.__pwned=1"),
        ('<img src="x" onerror="window.__pwned=1">', 'an event-handler attribute, <img onerror="window.__pwned=1">'),
        ('<IMG SRC=x ONERROR=alert(1)>', 'an event-handler attribute, <img onerror="alert(1)">'),
        ('<svg><script>alert(1)</script></svg>', "an inline script that is not the theme's"),
        ('<a href="javascript:alert(1)">tap</a>', 'a script address, <a href="javascript:alert(1)">'),
        ('<a href=" &#106;ava&#x09;script:alert(1)">tap</a>', "a script address, <a href="),
        ('<form action="JavaScript:alert(1)"></form>', "a script address, <form action="),
        ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "a script address, <meta content="),
        ('<script>__md_scope=new URL("..",location);alert(1)</script>', "an inline script that is not the theme's"),
    ],
    ids=["inline-script", "handler", "handler-in-capitals", "svg-script", "javascript-link", "encoded-javascript-link",
         "javascript-form", "meta-refresh", "theme-script-changed"],
)
def test_script_that_is_not_the_themes_stops_the_build_naming_the_page(tmp_path, theme_env, body, found):
    with pytest.raises(PluginError) as refused:
        csp.apply(site_with(tmp_path, body), theme_env)
    assert f"page/index.html: {found}" in str(refused.value)
    assert "Fix:" in str(refused.value)


def test_only_the_themes_own_inline_scripts_are_hashed(tmp_path, theme_env):
    known = [theme_script(theme_env, name, "../..") for name in csp.THEME_SCRIPTS]
    config = '<script id="__config" type="application/json">{"base": "../.."}</script>'
    site = site_with(tmp_path, "".join(known) + config)
    csp.apply(site, theme_env)
    html = (site / "page" / "index.html").read_text(encoding="utf-8")
    bodies = [re.search(r"<script>(.*)</script>", script, re.S)[1] for script in known]
    allowed = re.findall(r"'sha256-[^']+'", re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1])
    assert sorted(allowed) == sorted(csp.digest(body) for body in bodies)
