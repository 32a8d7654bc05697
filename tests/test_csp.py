"""The strict Content Security Policy (macros/csp.py): every page carries it, the host's headers
file carries it, and what runs after a page has loaded (the navigator, search, the service worker,
offline use) works under it with zero violations. That every page loads under it with zero
violations is one of every page's browser gates (test_site_in_browser.py)."""

from __future__ import annotations

import re

from conftest import RECORD_CSP_VIOLATIONS, VIEWPORTS, serve_site
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
    assert "serviceWorker" not in "".join(m["body"] for m in csp.INLINE_SCRIPT.finditer(html))
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
