"""Shared fixtures: the site is built once per test run (in the background, while the tests that
need no build run), and served on 127.0.0.1 when needed."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from filelock import FileLock
from playwright.sync_api import expect

from macros import template_cache
from tools import pages
from tools.browser import CHROMIUM, CHROMIUM_ARGS, HEADLESS_CHROMIUM, HEADLESS_MISSING, MISSING
from tools.local_server import serve
from sitedata import build_date
from sitedata.files import read_yaml
from sitedata.hours import LONDON
from sitedata.load import SiteData
from sitedata.models import Phone, Training
from sitedata.phones import drama_allowed
from sitedata.settings import SETTINGS_DIR, choose, is_example, setting_folders

ROOT = Path(__file__).resolve().parent.parent
# The setting the suite is run for: $SETTING, else the one that is not an example. Its files,
# as messages name them: f"{SETTING_DIR}/team.yml".
SETTING = choose(SETTINGS_DIR)
SETTING_DIR = SETTING.shown


def team_number(n: int = 1) -> str:
    """A team member's number for a test's copy of the data, never dialled: Ofcom's drama range
    in an example setting (which must call no one real), and beside it in a real one (which must
    not use a drama number)."""
    return f"07700 9001{n:02d}" if is_example(SETTING) else f"01905 9601{n:02d}"


def tel_of(number: str) -> str:
    """A number from team_number as the build writes its tel: address (+447700900101)."""
    with drama_allowed(is_example(SETTING)):
        return Phone.parse(number).tel

# --- time: the build's date, and the readers' clocks ---------------------------------------------

# Every build of the run, the copies of the project included (which have no git history), is for
# the one date of sitedata/build_date.py: SOURCE_DATE_EPOCH if set (`make test-future`), else the
# last commit's. Every moment a test uses is derived from it, never from the machine's clock or a
# year typed into a test, so the suite passes on any day.
build_date.export()
BUILD_DATE = build_date.build_date()
# A browser page's "now" unless its test sets its own (Playwright's clock): noon on the build's
# day in the UK, a reader opening the site the day it was built.
READER_NOW = datetime.datetime.combine(BUILD_DATE, datetime.time(12), tzinfo=LONDON)


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str

    def pages(self) -> list[Path]:
        """Every HTML page of the build (Material's 404 page included)."""
        return sorted(self.path.rglob("*.html"))

    def page(self, url_path: str) -> Path:
        """The HTML file for a site path such as 'policy/11-concerns/'."""
        return self.path / url_path / "index.html" if url_path.endswith("/") or not url_path else self.path / url_path


def build_site(project: Path, out: Path, **env_vars: str) -> subprocess.CompletedProcess:
    """Run the real strict MkDocs build of ``project`` into ``out`` (with ``env_vars`` set)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env_vars}
    return subprocess.run(pages.command(out), cwd=project, env=env, capture_output=True, text=True, timeout=300)


# --- copies of the project, to break on purpose ------------------------------------------------


def copy_data(tmp_path: Path) -> Path:
    """A copy of data/ and settings/ to break, beside the real docs/ (the loader checks the pages
    it names)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "settings", tmp_path / "settings")
    for beside in ["docs", "source"]:
        (tmp_path / beside).symlink_to(ROOT / beside)
    return data


def edit_yaml(change):
    """A mutation that parses the file, lets ``change`` edit it, and writes it back."""

    def mutate(path: Path) -> None:
        data = read_yaml(path)  # the build's own YAML: `on:` is a word, not YAML 1.1's true
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    return mutate


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    # __pycache__ comes too (copytree keeps the sources' times, so the compiled modules that
    # `make install` wrote stay valid), and the compiled templates (macros/template_cache.py): a
    # copy's build then starts as quickly as the real one.
    for folder in ["docs", "data", "settings", "source", "sitedata", "macros", "overrides", "tools"]:
        shutil.copytree(ROOT / folder, project / folder)
    if template_cache.FOLDER.is_dir():
        shutil.copytree(template_cache.FOLDER, project / template_cache.FOLDER.relative_to(ROOT))
    return project


def failed_build_output(project: Path, tmp_path: Path, **env_vars: str) -> str:
    """The output of a build that must be refused as every mistake is: exit code 1, and a message
    without a Python traceback (unless MKDOCS_DEBUG asks for one)."""
    result = build_site(project, tmp_path / "out", **env_vars)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"the build exited with {result.returncode}, not 1:\n{output}"
    if "MKDOCS_DEBUG" not in env_vars:
        assert "Traceback" not in output, output
    return output




def shared_folder(tmp_path_factory) -> Path:
    """One folder for the whole run: shared by the workers when the tests run in parallel
    (pytest-xdist), so that the site is built once per run, not once per worker."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(folder: Path, name: str, make) -> str:
    """Run ``make`` (returning its log) once per run, whichever worker asks first; the others wait."""
    done = folder / f"{name}.log"
    with FileLock(str(folder / f"{name}.lock")):
        if not done.exists():
            done.write_text(make(), encoding="utf-8")
    return done.read_text(encoding="utf-8")


def run_build_step(command: list[str], project: Path = ROOT) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


# The folder the run's build goes to. Unset: the run's temporary folder. With SITE_DIR=site, the
# run leaves its whole build there, as `make build` makes it (the PDFs and the offline copy are
# built whichever tests run). SITE_URL reaches the build as it does `make build`'s.
SITE_DIR = os.environ.get("SITE_DIR")


def site_dir(tmp_path_factory) -> Path:
    return ROOT / SITE_DIR if SITE_DIR else shared_folder(tmp_path_factory) / "site"


def build_pages(tmp_path_factory) -> BuiltSite:
    """The pages, exactly as `make build` makes them (its first step), built once per run."""
    out = site_dir(tmp_path_factory)
    log = once(shared_folder(tmp_path_factory), "pages", lambda: run_build_step(pages.command(out)))
    return BuiltSite(out, log)


def build_downloads(tmp_path_factory) -> BuiltSite:
    """The rest of scripts/build, into the same folder: the PDFs, then the offline copy (which
    holds them)."""
    pages = build_pages(tmp_path_factory)
    log = once(shared_folder(tmp_path_factory), "downloads",
               lambda: run_build_step([sys.executable, "-m", "tools.pdf", str(pages.path)])
               + run_build_step([sys.executable, "-m", "tools.offline_copy", str(pages.path)]))
    return BuiltSite(pages.path, pages.log + log)


# libfaketime moves the wall clock of the build's Python steps (Debian's faketime package, which
# `make test` installs). Chromium cannot run under it.
FAKETIME = shutil.which("faketime")


def build_on_another_day(tmp_path_factory) -> Path:
    """scripts/build's steps again, in a copy of the project in another folder, with the clock
    1234 days on (the PDF step on the real clock, itself a later moment than the run's build):
    tests/test_time.py compares it with the run's whole build, byte for byte. Made once per run."""
    folder = shared_folder(tmp_path_factory) / "another-day"
    out = folder / "elsewhere" / "site"

    def make() -> str:
        assert FAKETIME, "faketime is missing. Fix: run `make test`, which installs Debian's faketime package"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        project = copy_project(folder)
        other_day = datetime.datetime.combine(BUILD_DATE + datetime.timedelta(days=1234), datetime.time(3, 21))
        on_another_day = [FAKETIME, "-f", f"@{other_day:%Y-%m-%d %H:%M:%S}"]
        steps = [[*on_another_day, *pages.command(out, quiet=True)],
                 [sys.executable, "-m", "tools.pdf", str(out)],
                 [*on_another_day, sys.executable, "-m", "tools.offline_copy", str(out)]]
        return "".join(run_build_step(step, project) for step in steps)

    once(shared_folder(tmp_path_factory), "another-day", make)
    return out


@pytest.fixture(scope="session")
def built_on_another_day(tmp_path_factory) -> Path:
    return build_on_another_day(tmp_path_factory)


PAGES_FIXTURES = {"built_site", "site_url", "built_downloads"}
# The fixtures of the last stage: what they build takes longest, and is built ahead.
LAST_STAGE_FIXTURES = {"built_downloads", "group_build", "built_on_another_day"}


def needs(items, fixtures: set[str]) -> bool:
    return any(fixtures & set(item.fixturenames) for item in items)


def in_background(tmp_path_factory, *builds) -> None:
    """Builds started ahead (build_ahead), one after the other: the fixture that needs one runs
    it again, and reports why it failed."""
    with contextlib.suppress(Exception):
        for build in builds:
            build(tmp_path_factory)


@pytest.fixture(scope="session", autouse=True)
def build_ahead(request, tmp_path_factory):
    """Start the run's builds in the background as the run starts: the pages if a test reads them,
    the PDFs and the offline copy too if a test reads those or SITE_DIR is set, the group's
    sites (group_build) if a test reads them, and after the whole build, the same again on
    another day (built_on_another_day) if a test compares them. The tests that need no build
    run first (pytest_collection_modifyitems), so no worker sits waiting; a test that needs a
    build waits in its fixture, which also reports a failed build."""
    items = request.session.items
    # The run's temporary folder is made here, once: made by two threads at once, one of them fails.
    tmp_path_factory.getbasetemp()
    whole = bool(SITE_DIR) or needs(items, {"built_downloads"})
    builders = []
    if whole or needs(items, PAGES_FIXTURES):
        build = build_downloads if whole else build_pages
        builders.append(threading.Thread(target=in_background, args=(tmp_path_factory, build), daemon=True))
    if needs(items, {"group_build"}):
        builders.append(threading.Thread(target=in_background, args=(tmp_path_factory, run_group_build), daemon=True))
    if needs(items, {"built_on_another_day"}):
        # After the whole build, which more tests need, and sooner.
        builders.append(threading.Thread(target=in_background, daemon=True,
                                         args=(tmp_path_factory, build_downloads, build_on_another_day)))
    for builder in builders:
        builder.start()
    yield
    for builder in builders:
        builder.join()
    if SITE_DIR:
        build_downloads(tmp_path_factory)  # a failed build fails the run


def build_stage(item) -> int:
    """0: needs no build; 1: reads the pages; 2: reads the PDFs, the offline copy, the group's
    sites or the build on another day."""
    names = set(item.fixturenames)
    return 2 if names & LAST_STAGE_FIXTURES else 1 if names & PAGES_FIXTURES else 0


def pytest_collection_modifyitems(items) -> None:
    # The tests that need no build first, while build_ahead builds; those that read the PDFs last.
    # (A stable sort: the same order on every worker, as pytest-xdist requires.)
    items.sort(key=build_stage)


def pytest_runtest_setup(item) -> None:
    """A test of an xdist_group runs on its group's worker only if pytest-xdist could add the
    group to its id. Where it cannot (pytest 9.2 with pytest-xdist 3.8), --dist loadgroup quietly
    runs as plain load, and each browser starts on both workers: fail instead."""
    if getattr(item.config.option, "loadgroup", False) and item.get_closest_marker("xdist_group") \
            and "@" not in item.nodeid:
        pytest.fail("pytest-xdist could not put this test in its group."
                    " Fix: pin a pytest and a pytest-xdist that work together (pyproject.toml).", pytrace=False)


@dataclass(frozen=True)
class GroupBuild:
    """scripts/build-all's run over the example settings and one broken on purpose (BROKEN)."""

    out: Path
    project: Path
    returncode: int
    output: str

    def site(self, setting: str) -> Path:
        return self.out / setting


# The setting that group_build breaks: a copy of an example with a kind no setting can have.
BROKEN = "broken-example"


def build_group(folder: Path) -> GroupBuild:
    """The example settings built by scripts/build-all (pages, PDFs, offline copy, index), in a
    copy of the project whose settings are the examples and a broken one, which fails alone."""
    project = folder / "project"
    if not project.exists():
        copy_project(folder)
        for setting in setting_folders(project / "settings"):
            if not is_example(setting):
                shutil.rmtree(setting.path)
        shutil.copytree(setting_folders(project / "settings")[0].path, project / "settings" / BROKEN)
        facts = project / "settings" / BROKEN / "setting.yml"
        facts.write_text(re.sub(r"^kind: .*$", "kind: academy", facts.read_text(encoding="utf-8"), flags=re.M),
                         encoding="utf-8")
    out = folder / "out"
    result = run_build_all(project, out, "--examples", "--jobs", "2")
    return GroupBuild(out, project, result.returncode, result.stdout + result.stderr)


def run_build_all(project: Path, *arguments) -> subprocess.CompletedProcess:
    """scripts/build-all's tool, run in ``project``."""
    return subprocess.run([sys.executable, "-m", "tools.build_all", *map(str, arguments)], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)


def run_group_build(tmp_path_factory) -> GroupBuild:
    """build_group, run once per run whichever worker asks first."""
    folder = shared_folder(tmp_path_factory) / "group-build"
    folder.mkdir(exist_ok=True)
    log = once(shared_folder(tmp_path_factory), "group-build",
               lambda: json.dumps(dataclasses.asdict(build_group(folder)), default=str))
    built = json.loads(log)
    return GroupBuild(Path(built["out"]), Path(built["project"]), built["returncode"], built["output"])


@pytest.fixture(scope="session")
def group_build(tmp_path_factory) -> GroupBuild:
    return run_group_build(tmp_path_factory)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    return build_pages(tmp_path_factory)


@pytest.fixture(scope="session")
def built_downloads(tmp_path_factory) -> BuiltSite:
    """The whole build: the pages, then the PDFs and the offline copy (the rest of scripts/build),
    for the tests that read them. A module whose tests all read them sets its built_site to this."""
    return build_downloads(tmp_path_factory)


@functools.cache
def real_data() -> SiteData:
    """Everything in data/, loaded and checked once per worker: the ``site`` fixture, and what a
    test module reads from the data where it is written (the DSL's name, the bank holidays)."""
    return SiteData.load(ROOT / "data", SETTING)


@pytest.fixture(scope="session")
def site() -> SiteData:
    """Everything in data/, loaded and checked."""
    return real_data()


@pytest.fixture(scope="session")
def graph(site) -> dict:
    """What the navigator shows (macros/pathway_pages.navigator_graph): the tests walk the built
    pages against it."""
    from macros import pathway_pages

    return pathway_pages.navigator_graph(site)


@pytest.fixture(scope="session")
def training(site) -> Training:
    """data/training.yml, loaded and checked with the rest of the data."""
    return site.training


# The path the site is served at: SITE_URL's, or /. The build writes it into the 404 page's links
# (that page is served at any address), so the tests serve the site there, as its host does.
SITE_PATH = urlsplit(os.environ.get("SITE_URL", "")).path.rstrip("/") + "/"


@contextlib.contextmanager
def serve_site(site: Path, headers: dict[str, str] | None = None, first_script: str | None = None):
    """Serve the build ``site`` at SITE_PATH on 127.0.0.1; yields its address. ``first_script``:
    see tools.local_server.serve."""
    if SITE_PATH == "/":
        with serve(site, headers, first_script=first_script) as url:
            yield url
        return
    with tempfile.TemporaryDirectory() as root:
        served = Path(root) / SITE_PATH.strip("/")
        served.parent.mkdir(parents=True, exist_ok=True)
        served.symlink_to(site.resolve(), target_is_directory=True)
        with serve(Path(root), headers, first_script=first_script) as url:
            yield url + SITE_PATH.lstrip("/")


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on 127.0.0.1, for browsers and linkchecker."""
    with serve_site(built_site.path) as url:
        yield url


# --- the browser kit: Debian's Chromium, driven by Playwright -----------------------------------

VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 800}}
# The phones whose first screen an answer is checked on (tests/test_answer_screen.py): a common
# Android, an iPhone SE, what Safari leaves of an iPhone SE's screen, and the oldest in use.
SMALL_SCREENS = {"360x640": {"width": 360, "height": 640}, "375x667": {"width": 375, "height": 667},
                 "375x548": {"width": 375, "height": 548}, "320x568": {"width": 320, "height": 568}}


class ReadersBrowser:
    """Playwright's browser, whose every new context and page starts with its clock at
    READER_NOW (and ticks from there), whatever the machine's clock says."""

    def __init__(self, browser) -> None:
        self.browser = browser

    def new_context(self, **options):
        context = self.browser.new_context(**options)
        context.clock.set_system_time(READER_NOW)
        return context

    def new_page(self, **options):
        page = self.browser.new_page(**options)
        page.clock.set_system_time(READER_NOW)
        return page

    def __getattr__(self, name: str):
        return getattr(self.browser, name)


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


def launched(playwright, path: Path, missing: str):
    """Chromium at ``path``, launched once per worker. A missing browser fails the run: browser
    tests are never skipped."""
    if not path.exists():
        pytest.fail(missing)
    chromium = playwright.chromium.launch(executable_path=str(path), args=CHROMIUM_ARGS)
    yield ReadersBrowser(chromium)
    chromium.close()


@pytest.fixture(scope="session")
def browser(playwright):
    """Chromium's headless shell (tools/browser.py): the engine, without the browser around it."""
    yield from launched(playwright, HEADLESS_CHROMIUM, HEADLESS_MISSING)


@pytest.fixture(scope="session")
def full_chromium(playwright):
    """The whole browser, for what only it does (judging a site installable as an app)."""
    yield from launched(playwright, CHROMIUM, MISSING)


@pytest.fixture(scope="session")
def other_engines():
    """Firefox and WebKit (tests/engines.py), each started once per worker when a test first asks
    for it: ``other_engines("firefox")``. Their tests share one worker (xdist_group "engines"),
    so each starts once per run. A missing engine fails the test."""
    import engines  # it imports this module

    started = {}

    def started_engine(name: str):
        if name not in started:
            if reason := engines.missing(name):
                pytest.fail(reason)
            started[name] = engines.launch(name)
        return started[name]

    yield started_engine
    for engine in started.values():
        engine.quit()


@pytest.fixture
def viewport() -> str:
    """The phone: what a script does is the same at any size. A test of something that changes
    with the size (layout, tap targets, the keyboard's path through the header and sidebars)
    runs at both: @BOTH_SIZES."""
    return "phone"


BOTH_SIZES = pytest.mark.parametrize("viewport", list(VIEWPORTS))


@pytest.fixture
def context(browser, viewport):
    """A fresh browser context (no cookies, no storage) at the test's viewport. The service worker
    is blocked: test_offline.py tests it, and here it would only cache the whole site in the
    background of every test."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    yield context
    context.close()


def search(page, words: str) -> None:
    """Search as a reader does: open the search box (desktop header), then type. Wait for the
    page to finish loading first: a click before Material's script listens opens nothing."""
    page.wait_for_load_state("load")
    toggle = page.locator("#__search")
    # On a slow machine the first click can land before the search box listens, and a focused
    # box gets no second focus event: click again (after leaving it) until the panel is open.
    for _ in range(10):
        page.click("input.md-search__input")
        if toggle.is_checked():
            break
        page.locator("input.md-search__input").blur()
        page.wait_for_timeout(300)
    expect(toggle).to_be_checked()
    page.keyboard.type(words)


def add_test_style(page, css: str) -> None:
    """A stylesheet that a test adds to the page (say, to stop transitions). Added through the
    CSSOM, which the pages' Content Security Policy allows, rather than as an inline <style>,
    which it refuses."""
    page.evaluate("""css => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }""", css)


# Records every refusal of the Content Security Policy in window.__violations, from before any of
# the page's own scripts run (context.add_init_script).
RECORD_CSP_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


# --- axe-core -----------------------------------------------------------------------------------

# Material eases its header, colours and buttons: a colour caught halfway through a fade is not
# the colour readers see, and without the easing no check has to wait for it.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


# Dark mode changes colours and nothing else (site.css): in dark mode only the rules about colour
# can find anything new, so only they run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


# Whether the theme has fitted its sidebars to the page's size: it lays out the navigation sidebar
# from 76.25em and the contents sidebar from 60em, and in an animation frame after it takes one on
# sets the height of its scrolling part (and scrolls to the page's own link); below, that height
# is unset. Checked against the width the page has taken on, not a width it may still be given.
SIDEBARS_FITTED = """width => innerWidth === width && [...document.querySelectorAll("[data-md-component=sidebar]")]
    .every(sidebar => {
        const query = sidebar.dataset.mdType === "navigation" ? "(min-width: 76.25em)" : "(min-width: 60em)";
        return (sidebar.querySelector(".md-sidebar__scrollwrap").style.height !== "") === matchMedia(query).matches;
    })"""


def settle(page) -> None:
    """Waits until the page has answered its last change of size. Until the theme has fitted its
    sidebars, a page that has just turned desktop-sized shows the navigation sidebar at its full
    height, unscrolled, hanging over the footer: on a busy machine axe now and then measured its
    links on the footer's dark background."""
    page.wait_for_function(SIDEBARS_FITTED, arg=page.viewport_size["width"], polling="raf")


def axe_findings(page, rules: list[str] | None = None, exclude: list[str] | None = None) -> list[str]:
    """axe-core's findings on the page as it is now: its default rules (WCAG 2 A and AA, and best
    practice), or only ``rules``; ``exclude``: selectors left out, each with its reason where
    the caller names it."""
    from axe_playwright_python.base import AXE_SCRIPT

    add_test_style(page, NO_MOTION)
    settle(page)
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    # axe-core (half a megabyte of script) goes into each page once, however often it runs there.
    if not page.evaluate("typeof window.axe?.run === 'function'"):
        page.evaluate(AXE_SCRIPT)
    found = page.evaluate("([context, options]) => context ? axe.run(context, options) : axe.run(options)",
                          [{"exclude": exclude} if exclude else None, options])["violations"]
    return [f"{v['id']}: {v['help']} ({', '.join(measured(n) for n in v['nodes'][:3])})" for v in found]


def measured(node: dict) -> str:
    """An axe finding's element, with the colours axe measured where it measured them: a colour
    finding that comes and goes says what it saw."""
    colours = next((check["data"] for check in node["any"] if isinstance(check.get("data"), dict)
                    and "contrastRatio" in check["data"]), None)
    if not colours:
        return node["target"][0]
    return f"{node['target'][0]} [{colours['fgColor']} on {colours['bgColor']}: {colours['contrastRatio']}]"
