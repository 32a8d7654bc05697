"""Works without signal: after one visit every page, the navigator and search work with the
browser offline; a new build replaces the cached one whole; the copy opened from disk works."""

from __future__ import annotations

import json
import re
import shutil
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import (RECORD_CSP_VIOLATIONS, SETTING, VIEWPORTS, build_site, copy_project, once, search, serve,
                      shared_folder)
from playwright.sync_api import expect

from sitedata import addresses


def cache_name(site_dir: Path, scope: str) -> str:
    """The cache the build's service worker fills when the build is served at ``scope``: each
    site's caches are named by its address, so two sites on one host keep their own."""
    script = (site_dir / addresses.SERVICE_WORKER).read_text(encoding="utf-8")
    build = json.loads(re.search(r'const CACHE = SITE [+] (".*?");', script)[1])
    return f"policy {scope} {build}"


def page_paths(site_dir: Path) -> list[str]:
    """Every page of the build as its address ('', 'policy/', ...)."""
    return sorted(p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("index.html"))


def poll(page, expression: str, timeout: float = 15) -> None:
    """Wait until a (possibly asynchronous) expression in the page is true. Playwright's
    wait_for_function does not wait for a promise, and service worker state is all promises."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for: {expression}"
        page.wait_for_timeout(100)


def visit_until(page, url: str, expression: str, timeout: float = 15) -> None:
    """Open ``url`` as a reader's next visit, and again until ``expression`` holds. A tab closed
    just before may not have finished unloading: a page opened meanwhile is still the old
    build's, and the waiting build takes over at the visit after."""
    deadline = time.monotonic() + timeout
    while True:
        page.goto(url)
        try:
            poll(page, expression, timeout=2)
            return
        except AssertionError:
            assert time.monotonic() < deadline, f"timed out waiting for: {expression}"


def visit_once_online(context, url: str):
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    poll(page, "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)")
    return page


# --- the app: the manifest (the precache: tests/test_first_visit.py) -------------------------

# The manifest's display modes that make an app of the site (the browsers' installability criteria).
APP_DISPLAY_MODES = {"standalone", "fullscreen", "minimal-ui", "window-controls-overlay"}


def png_facts(path: Path) -> tuple[int, int, bool]:
    """A PNG's width, height, and whether its top-left pixel is opaque (the first pixel of the
    first row reads the same whatever the row's filter)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    idat = b"".join(data[at + 8:at + 8 + struct.unpack(">I", data[at:at + 4])[0]]
                    for at in [m.start() - 4 for m in re.finditer(b"IDAT", data)])
    first = zlib.decompressobj().decompress(idat, 16)
    opaque = colour == 2 or (colour == 6 and depth == 8 and first[4] == 255)
    return width, height, opaque


def test_the_manifest_meets_the_installability_criteria(built_site):
    manifest = json.loads((built_site.path / addresses.MANIFEST).read_text(encoding="utf-8"))
    root = "https://example.org/site/"  # any address: the manifest's addresses are relative
    start = urljoin(root, manifest["start_url"])
    assert manifest["name"].startswith("Child Exploitation Policy") and manifest["short_name"]
    assert urljoin(start, manifest["id"]) == start == root
    assert start.startswith(urljoin(root, manifest["scope"]))
    assert manifest["display"] in APP_DISPLAY_MODES
    assert not manifest.get("prefer_related_applications")
    sizes = {}
    for icon in manifest["icons"]:
        assert (built_site.path / icon["src"]).is_file(), icon["src"]
        if icon["type"] == "image/png":
            width, height, opaque = png_facts(built_site.path / icon["src"])
            assert icon["sizes"] == f"{width}x{height}", icon
            sizes.setdefault(icon.get("purpose", "any"), []).append((width, opaque))
    assert {192, 512} <= {width for width, _ in sizes["any"]}
    # A maskable icon fills its square to the edges (a phone cuts its own shape out of it).
    assert sizes["maskable"] and all(width >= 512 and opaque for width, opaque in sizes["maskable"]), sizes


def test_chromium_finds_the_site_installable(full_chromium, site_url):
    """Chromium's own check, on the served home page: the manifest parses and nothing stops it
    being installed but the test's private window (Chromium installs no app from one)."""
    context = full_chromium.new_context(viewport=VIEWPORTS["phone"])
    try:
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getAppManifest")["errors"] == []
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert [error["errorId"] for error in errors] == ["in-incognito"], errors
    finally:
        context.close()


# The rules that hide the hint once the site runs as an installed app, as the page's CSSOM holds
# them (no driver can put a tab into an app's display mode).
HINT_HIDING_RULES = """() => [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
    .filter(rule => rule instanceof CSSMediaRule && /display-mode: *standalone/.test(rule.conditionText))
    .flatMap(rule => [...rule.cssRules].map(inner => inner.cssText))"""


def test_the_home_page_hints_at_the_home_screen_until_it_runs_from_there(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url)
        hint = page.locator(".install-hint")
        expect(hint).to_be_visible()
        expect(hint.locator("a")).to_have_attribute("href", "about/#keep-this-on-your-phone")
        assert page.evaluate("matchMedia('(display-mode: browser)').matches")
        assert ".install-hint { display: none; }" in page.evaluate(HINT_HIDING_RULES)
    finally:
        context.close()


def test_about_and_downloads_say_how_to_keep_the_site_on_a_phone(built_site):
    for path in ["about/", "downloads/"]:
        section = BeautifulSoup(built_site.page(path).read_text(encoding="utf-8"), "html.parser").find(id="keep-this-on-your-phone")
        assert section is not None, path
        words = " ".join(section.find_next("p").find_all_next(string=True, limit=60))
        for needed in ["Add to Home Screen", "Install app", "seven days", "without signal"]:
            assert needed in " ".join(words.split()), (path, needed)
        zip_link = section.find_next("a", href=re.compile(re.escape(addresses.offline_zip(SETTING.id)) + "$"))
        assert zip_link is not None and urljoin(f"https://x/{path}", zip_link["href"]) == \
            f"https://x/{addresses.download(addresses.offline_zip(SETTING.id))}", path


# --- offline in the browser --------------------------------------------------------------------


# Pages of each kind (the answers, the policy, the tools, paper) a reader opens with no signal.
OPENED_OFFLINE = ["what-to-do/concern/", "what-to-do/questions/in-danger/", "policy/11-concerns/", "contacts/",
                  "signs/", "training/self-check/", "print/pocket-card/"]


def test_every_page_navigator_and_search_work_offline(browser, built_site, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = visit_once_online(context, site_url)
    context.set_offline(True)

    # Every page, asked for as a browser asks for a page (through the service worker's path for
    # pages), from an open page: quicker than opening each, and the same answer from the cache.
    failed = page.evaluate("""paths => Promise.all(paths.map(path =>
        fetch(path, { headers: { Accept: "text/html" } })
            .then(r => r.ok ? null : `${path}: ${r.status}`, () => `${path}: failed`)))
        .then(results => results.filter(Boolean))""", [site_url + path for path in page_paths(built_site.path)])
    assert not failed, f"not available offline: {failed}"
    # And a page of each kind opened as a reader opens it.
    for path in OPENED_OFFLINE:
        response = page.goto(site_url + path)
        assert response and response.ok, f"{path} does not open offline"

    # The navigator, from the cached home page.
    page.goto(site_url)
    page.click('a[data-navigator-start="worried"]')
    expect(page.locator("#navigator h1.navigator__title")).to_have_text("Is a child or young person in immediate danger?")
    expect(page.locator("#navigator[data-ready]")).to_have_count(1)
    page.click('#navigator a.navigator__option:text-is("Yes")')
    expect(page.locator("#navigator")).to_have_attribute("data-outcome", "immediate-danger")

    # Search, from the cached index.
    page.goto(site_url + "policy/")
    page.set_viewport_size(VIEWPORTS["desktop"])
    search(page, "trafficking")
    # The search worker builds its index when the page opens: allow it time on a slow machine.
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    context.close()


def test_addresses_as_readers_type_them_open_online_and_offline(browser, site_url):
    """Without the trailing slash, as index.html, with a query (a search result's address), and
    an address that does not exist: online and then offline, through the service worker."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = visit_once_online(context, site_url)
    for offline_now in (False, True):
        context.set_offline(offline_now)
        # (Not ?q=: Material reads that as a search to run.)
        for address in ("contacts", "contacts/index.html", "contacts/?from=card#contact-dsl"):
            response = page.goto(site_url + address)
            assert response.ok, (address, offline_now)
            expect(page.locator(".md-content h1")).to_have_text("Contacts")
            assert page.url.split("#")[0].split("?")[0].endswith(("contacts/", "contacts/index.html")), page.url
        response = page.goto(site_url + "no-such-page/")
        assert response.status == 404, offline_now
        expect(page.locator(".md-content h1")).to_have_text("Page not found")
    context.close()


def test_a_download_is_kept_once_opened_and_the_downloads_page_says_so(browser, built_downloads, tmp_path):
    with serve(built_downloads.path) as url:
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        page = visit_once_online(context, url + "downloads/")
        card = page.locator(".downloads li", has_text="Pocket card")
        page.reload()
        expect(card.locator(".downloads__offline")).to_have_text(re.compile("Not saved on this device yet"))
        href = card.locator("a").get_attribute("href")
        assert page.evaluate("href => fetch(href).then(r => r.ok)", href)
        page.reload()
        expect(card.locator(".downloads__offline")).to_have_text(re.compile("Saved on this device"))
        context.set_offline(True)
        assert page.evaluate("href => fetch(href).then(r => r.ok)", href)
        context.close()


def test_a_failed_install_leaves_no_cache_and_backs_off(browser, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    icon = site / "assets" / "images" / "icon-512.png"
    kept = icon.read_bytes()
    icon.unlink()  # one precached file missing: the install must fail
    with serve(site) as url:
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        backoff = f"policy {url} install-backoff"
        poll(page, f"caches.has('{backoff}')")
        assert page.evaluate("caches.keys()") == [backoff]
        # The file is back, but within the back-off the worker does not fetch the site again.
        icon.write_bytes(kept)
        page.reload(wait_until="networkidle")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r && r.update()).catch(() => null)")
        page.wait_for_timeout(500)
        assert page.evaluate("caches.keys()") == [backoff]
        assert page.evaluate("navigator.serviceWorker.controller") is None
        context.close()


@dataclass(frozen=True)
class TwoBuilds:
    """Build A, and build B of the same project with one changed word, to publish in turn."""
    first: Path
    second: Path

    def publish(self, build: Path, to: Path) -> None:
        shutil.rmtree(to, ignore_errors=True)
        shutil.copytree(build, to)


@pytest.fixture(scope="session")
def two_builds(tmp_path_factory) -> TwoBuilds:
    """Made once per run, whichever worker asks first."""
    folder = shared_folder(tmp_path_factory) / "two-builds"
    builds = TwoBuilds(folder / "a", folder / "b")

    def make() -> str:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        project = copy_project(folder)
        assert build_site(project, builds.first).returncode == 0
        page_md = project / "docs" / "about" / "index.md"
        page_md.write_text(page_md.read_text(encoding="utf-8").replace("# About this site", "# About this website"))
        assert build_site(project, builds.second).returncode == 0
        return "built"

    once(shared_folder(tmp_path_factory), "two-builds", make)
    assert cache_name(builds.first, "/") != cache_name(builds.second, "/")
    return builds


def test_an_open_page_says_when_a_newer_version_is_waiting(browser, two_builds, tmp_path):
    site = tmp_path / "site"
    two_builds.publish(two_builds.first, site)
    with serve(site) as url:
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        page = visit_once_online(context, url + "about/")
        two_builds.publish(two_builds.second, site)
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        notice = page.get_by_role("status").filter(has_text="A newer version of this policy is available")
        expect(notice).to_be_visible(timeout=15000)
        expect(page.locator("h1")).to_have_text("About this site")  # nothing changes until asked
        notice.get_by_role("button", name="Reload to see it").click()
        expect(page.locator("h1")).to_have_text("About this website", timeout=15000)
        poll(page, "caches.keys().then(keys => keys.length === 1)")
        context.close()


def test_a_new_build_replaces_the_cache_whole(browser, two_builds, tmp_path):
    """Visit build A, then publish build B (a changed word) to the same address: once the old
    page is closed, the next visit gets B from the network and offline, and A's cache is gone."""
    served = tmp_path / "served"
    site = served / "site"
    two_builds.publish(two_builds.first, site)
    with serve(served) as root:
        url = root + "site/"
        first_cache, second_cache = cache_name(two_builds.first, url), cache_name(two_builds.second, url)
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        old_page = visit_once_online(context, url)
        two_builds.publish(two_builds.second, site)

        # A visit while the old build is open installs build B, which waits; once no page of
        # build A is open, the next visit activates B and A's cache is deleted.
        old_page.close()
        page = context.new_page()
        page.goto(url + "about/", wait_until="networkidle")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        poll(page, "navigator.serviceWorker.getRegistration().then(r => r.waiting !== null)")
        assert page.evaluate("caches.keys()") == [first_cache, second_cache]
        page.close()

        # The next visit: build B takes over (activation finishes just after the page opens).
        page = context.new_page()
        visit_until(page, url + "about/", "caches.keys().then(keys => keys.length === 1)")
        assert page.evaluate("caches.keys()") == [second_cache]
        context.set_offline(True)
        page.reload()
        expect(page.locator("h1")).to_have_text("About this website")
        context.close()


def page_caches(context, url: str) -> list[str]:
    """The caches on the device, as a page at ``url`` sees them (every site of the origin's)."""
    page = context.new_page()
    page.goto(url)
    names = page.evaluate("caches.keys()")
    page.close()
    return names


def test_two_settings_on_one_host_keep_their_own_offline_copies(browser, two_builds, group_build, tmp_path):
    """Two settings' sites published under one host at two paths, as scripts/build-all publishes
    the group's: a new build of one replaces its own cache only; the other still opens without
    signal."""
    other = next(path.name for path in sorted(group_build.out.iterdir())
                 if (path / "sw.js").is_file() and path.name != SETTING.id)
    served = tmp_path / "served"
    two_builds.publish(two_builds.first, served / SETTING.id)
    shutil.copytree(group_build.site(other), served / other)
    with serve(served) as root:
        one, two = root + SETTING.id + "/", root + other + "/"
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        for url in (one, two):
            visit_once_online(context, url + "about/").close()
        others_cache = cache_name(group_build.site(other), two)
        assert sorted(page_caches(context, one)) == sorted([cache_name(two_builds.first, one), others_cache])

        two_builds.publish(two_builds.second, served / SETTING.id)
        # The new build installs and waits; once no page of the old one is open, it takes over.
        page = context.new_page()
        page.goto(one + "about/")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        poll(page, "navigator.serviceWorker.getRegistration().then(r => r.waiting !== null)")
        page.close()
        page = context.new_page()
        visit_until(page, one + "about/",
                    f"caches.keys().then(keys => !keys.includes({json.dumps(cache_name(two_builds.first, one))}))")
        page.close()
        assert sorted(page_caches(context, two)) == sorted([cache_name(two_builds.second, one), others_cache])

        context.set_offline(True)
        page = context.new_page()
        page.goto(one + "about/")
        expect(page.locator("h1")).to_have_text("About this website")
        page.goto(two + "about/")
        expect(page.locator(".example-setting")).to_be_visible()
        context.close()


# --- the copy opened from disk -----------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_copy(built_downloads, site, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline-copy")
    with zipfile.ZipFile(built_downloads.path / addresses.DOWNLOADS / addresses.offline_zip(site.folder.id)) as archive:
        archive.extractall(folder)
    return folder / addresses.offline_folder(site.folder.id, site.versions.current.date)


def test_offline_copy_has_no_service_worker_and_no_remote_shim(offline_copy):
    assert not (offline_copy / addresses.SERVICE_WORKER).exists()
    home = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert addresses.IFRAME_WORKER_SHIM in home
    assert "unpkg.com" not in home


def test_offline_copy_navigates_searches_and_runs_the_navigator_from_disk(browser, offline_copy):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_copy / "index.html").as_uri())

    # Page links resolve to files on disk.
    page.click('.md-content a[href$="contacts.html"]')
    expect(page.locator("h1")).to_have_text("Contacts")
    page.click('.md-content a[href$="11-concerns.html#clause-11-1"]')
    expect(page.locator("#clause-11-1")).to_be_visible()

    # Search, through the vendored shim and the inlined index: the results are found. (Whether
    # they are on screen is the served site's test; here the panel sometimes redraws while the
    # check runs.)
    search(page, "county lines")
    expect(page.locator(".md-search-result__item").first).to_contain_text("county lines", ignore_case=True, timeout=15000)

    # The navigator, from the screens in the page: a question, an answer, an outcome.
    page.goto((offline_copy / "index.html").as_uri())
    page.click('a[data-navigator-start="told"]')
    expect(page.locator("#navigator h1")).to_have_text("What did they tell you about?")
    expect(page.locator("#navigator[data-ready]")).to_have_count(1)
    page.click('#navigator a.navigator__option:text-is("Being exploited or abused, or something else")')
    expect(page.locator("#navigator")).to_have_attribute("data-outcome", "disclosure")

    assert all(url.startswith(("file:", "data:")) for url in requests), [u for u in requests if not u.startswith("file:")]
    assert not errors
    # All of it under the copy's own Content Security Policy (macros/csp.py), search's frame too.
    assert page.evaluate("window.__violations") == []
    context.close()


# Script injected into a page of the copy, as a data file or a tool's output once managed to:
# an image that runs its onerror, an inline script, and a javascript: link.
INJECTED = ('<img src="no-such-image.png" onerror="window.__pwned=\'onerror\'">'
            "<script>window.__pwned='script'</script>"
            '<a id="injected-link" href="javascript:window.__pwned=\'link\'">tap</a>')


def test_offline_copy_refuses_script_injected_into_a_page_opened_from_disk(browser, offline_copy, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(offline_copy, copy)
    contacts = copy / "contacts.html"
    html = contacts.read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src file:' in html
    contacts.write_text(html.replace("<h1", INJECTED + "<h1", 1), encoding="utf-8")
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.goto(contacts.as_uri())
    expect(page.locator("h1")).to_have_text("Contacts")
    page.click("#injected-link")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    violations = page.evaluate("window.__violations")
    assert any(v.startswith("script-src-attr") for v in violations), violations  # the handler
    assert sum(v.startswith("script-src-elem") for v in violations) >= 2, violations  # the script and the link
    # The page's own scripts still ran: the "who to call now" panel worked out the time.
    expect(page.locator("[data-now-panel].now-panel--live").first).to_be_attached()
    context.close()
