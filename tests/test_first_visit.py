"""A first visit downloads only what the page needs, and nothing is lost by it: search starts
when the reader opens it, the home page reads the navigator's screens when a reader first taps
a way in, and the service worker keeps the site only after the page has loaded, and only the
files the pages use. The budgets themselves are measured by `make bench`, not here.

The search stand-in (overrides/assets/javascripts/search.js) relies on Material for MkDocs'
own workings: these tests are what says a new Material still works with it."""

from __future__ import annotations

import json
import re

from conftest import VIEWPORTS, axe_findings, search
from playwright.sync_api import expect

from sitedata import addresses

SEARCH_FILES = re.compile(r"/(search/search_index\.json|assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)$")


def precached(site_dir) -> list[str]:
    script = (site_dir / addresses.SERVICE_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"const PRECACHE = (\[.*?\]);", script)[1])


def test_search_loads_when_the_reader_opens_it_and_finds_words(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "policy/11-concerns/", wait_until="networkidle")
    assert not [url for url in requested if SEARCH_FILES.search(url)], "search loaded before it was opened"

    search(page, "county lines")
    expect(page.locator(".md-search-result__item").first).to_contain_text("county lines", ignore_case=True)
    assert len([url for url in requested if SEARCH_FILES.search(url)]) == 2, requested
    context.close()


def test_without_the_index_search_says_so_and_offers_the_signs_and_contacts_then_tries_again(browser, site_url):
    """No signal and no saved copy of the index: never "Initializing search" for ever."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    page = context.new_page()
    page.route(re.compile(r".*/search/search_index\.json$"), lambda route: route.abort())
    page.goto(site_url + "policy/11-concerns/", wait_until="load")
    search(page, "county")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("Search is not available offline yet")
    expect(meta.locator("a")).to_have_count(2)
    for link, page_path in zip(meta.locator("a").all(), ["signs/", "contacts/"], strict=True):
        assert link.get_attribute("href") == "../../" + page_path
    assert axe_findings(page) == []
    # With signal again, opening search again fetches the index.
    page.unroute(re.compile(r".*/search/search_index\.json$"))
    page.keyboard.press("Escape")
    page.locator("body").press("/")
    expect(page.locator(".md-search-result__item").first).to_contain_text("county", ignore_case=True)
    context.close()


def test_the_search_keys_start_search_too(browser, site_url):
    """Material's "/" key focuses the search box without a click: search starts all the same."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    page = context.new_page()
    page.goto(site_url + "contacts/", wait_until="load")
    page.locator("body").press("/")
    page.keyboard.type("trafficking")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    context.close()


def test_the_home_page_reads_the_screens_and_now_js_from_the_hub_when_first_tapped(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url.removeprefix(site_url)))
    page.goto(site_url, wait_until="networkidle")
    assert page.locator("template[data-nav-node]").count() == 0
    assert "what-to-do/" not in requested and not any("now.js" in url for url in requested)

    page.click('a[data-navigator-start="danger"]')
    expect(page.locator("#navigator")).to_have_attribute("data-outcome", "immediate-danger")
    # The screen's links work from the home page, and its "who to call now" panel is live.
    page_link = page.locator("#navigator a.navigator__page")
    assert page_link.get_attribute("href").endswith("/what-to-do/immediate-danger/")
    expect(page.locator("#navigator [data-now-panel].now-panel--live").first).to_be_attached()
    page_link.click()
    expect(page.locator(".md-content h1")).to_contain_text("immediate danger")
    context.close()


def test_a_tap_without_the_screens_follows_its_link(browser, site_url):
    """No signal and nothing saved yet: the way in works as it does without JavaScript."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.route(re.compile(r".*/what-to-do/$"), lambda route: route.abort(), times=1)
    page.click('a[data-navigator-start="told"]')
    expect(page).to_have_url(site_url + "what-to-do/questions/disclosure-about/")
    context.close()


def test_the_service_worker_starts_after_the_page_has_loaded(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site_url + "contacts/", wait_until="load")
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    context.close()


def test_the_precache_holds_every_page_and_only_the_files_pages_use(built_site):
    listed = precached(built_site.path)
    files = [p.relative_to(built_site.path).as_posix() for p in built_site.pages()]
    pages = {f.removesuffix("index.html") or "./" if f.endswith("index.html") else f for f in files}
    assert pages == {a for a in listed if a.endswith(("/", ".html"))}
    assert {"./", "what-to-do/", "404.html"} <= pages
    assert addresses.SEARCH_INDEX in listed and any("/workers/search." in a for a in listed)
    assert any(a.startswith(addresses.EVERY_PAGE_SCRIPT + "?v=") for a in listed)
    assert any(a.startswith("assets/stylesheets/site.css?v=") for a in listed)
    unused = [a for a in listed if re.search(r"/lunr/|\.map$|iframe-worker|\.pdf$|\.zip$|palette\.|pathways\.json", a)]
    assert not unused, unused
    for address in listed:
        assert (built_site.path / addresses.served_file(address)).is_file(), address
    sizes = [(built_site.path / addresses.served_file(a)).stat().st_size for a in listed]
    assert sizes == sorted(sizes), "not smallest first"


def test_every_page_runs_one_joined_script_before_the_theme(built_site):
    folder = built_site.path / "assets" / "javascripts"
    assert not [name for name in ("search.js", "review.js", "offline.js") if (folder / name).exists()]
    for page in built_site.pages():
        sources = re.findall(r'<script src="([^"]+)"', page.read_text(encoding="utf-8"))
        ours = [i for i, source in enumerate(sources) if "/site.js?v=" in "/" + source]
        theirs = [i for i, source in enumerate(sources) if "/bundle." in source]
        assert len(ours) == 1 and ours[0] < theirs[0], (page, sources)


def test_our_stylesheets_and_scripts_are_minified(built_site):
    for path in [built_site.path / "assets/stylesheets/site.css", built_site.path / "assets/javascripts/navigator.js"]:
        text = path.read_text(encoding="utf-8")
        assert "/*" not in text and "\n\n" not in text, path
