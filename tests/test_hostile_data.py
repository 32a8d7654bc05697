"""Data is shown as text, never run: hostile text in every text field of every data file is built
into a site, and every page of it is opened in Chromium.

The fields are found from the models, not listed by hand: each string in each file of data/ is
given the payload in turn, and keeps it wherever that file's model accepts it (ids, numbers,
dates and addresses refuse it, which is a protection of its own). A field added later is
covered without changing this test. The one exception is listed: the fields that hold the
policy's own words, which the build checks against the policy as received, word for word.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SETTING, SETTING_DIR, VIEWPORTS, build_site, copy_project, once, serve, shared_folder

from sitedata.errors import DataError
from sitedata.files import read_yaml
from sitedata.load import DATA_FILES, SETTING_FILES, SiteData, load_file
from sitedata.phones import drama_allowed
from sitedata.settings import is_example

# Markup for each reader of a page: HTML (a script, an image that runs code, a foreign image),
# Markdown (a heading, a javascript: link, an image) and the page templates ({{ }}).
SCRIPT = '<script>window.__pwned="script"</script>'
PAYLOAD = (f' {SCRIPT} <img src=x onerror="window.__pwned=\'img\'"> [tap](javascript:window.__pwned=1)'
           ' ![p](https://hostile.example/p.png) {{ 6*7331 }}')
TEMPLATE_RESULT = str(6 * 7331)


# The fields that hold the policy's own words, word for word: the build refuses any change to
# them, markup included (sitedata/load.py check_quoted_text, and macros/fidelity.py for the
# values the policy's pages show), a protection of its own. (file, test on the path to a string)
POLICY_WORDS = {
    "indicators.yml": lambda raw, path: path[-1] == "text",  # each sign, and the 6.4 reminder
    "links.yml": lambda raw, path: path[-1] == "text",  # a link's text as the policy shows it
    # The recording systems 12.2 names (issue 26 makes them the setting's).
    "setting.yml": lambda raw, path: path[0] == "recording_systems",
    # The words a clause's local procedures start with ("Local Procedures."), in the Group's
    # sections.yml and in each setting's own paragraphs (whose first paragraph starts with them).
    "sections.yml": lambda raw, path: "local" in path,
    "local-procedures.yml": lambda raw, path: path[-1] == "strong",
}


def hostile(text: str) -> str:
    return f"# {text}{PAYLOAD}"


def string_paths(node, path=()):
    """The path to every string in a parsed YAML file."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from string_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_paths(value, (*path, index))
    elif isinstance(node, str):
        yield path


def set_at(node, path, value) -> None:
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def get_at(node, path):
    for step in path:
        node = node[step]
    return node


def make_hostile(project: Path) -> dict[str, int]:
    """Put the payload into every string of every file (the Group's and the setting's) that its
    model accepts; return how many fields took it, per file."""
    taken = {}
    files = [(f"data/{name}", DATA_FILES) for name in DATA_FILES]
    files += [(f"{SETTING_DIR}/{name}", SETTING_FILES) for name in SETTING_FILES if (project / SETTING_DIR / name).exists()]
    for shown, table in files:
        path, name = project / shown, Path(shown).name
        raw = read_yaml(path)  # as the build reads it: `on:` is a word
        taken[shown] = 0
        for where in list(string_paths(raw)):
            if name in POLICY_WORDS and POLICY_WORDS[name](raw, where):
                continue
            original = get_at(raw, where)
            set_at(raw, where, hostile(original))
            try:
                with drama_allowed(is_example(SETTING)):  # an example's numbers are drama numbers
                    load_file(path, raw, table)
                taken[shown] += 1
            except DataError:
                set_at(raw, where, original)
        if path.suffix == ".json":  # the link check's report
            path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return taken


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = shared_folder(tmp_path_factory) / "hostile"

    def make() -> str:
        shutil.rmtree(folder / "project", ignore_errors=True)
        folder.mkdir(exist_ok=True)
        project = copy_project(folder)
        taken = make_hostile(project)
        SiteData.load(project / "data")  # the checks across files accept it too
        result = build_site(project, folder / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        return yaml.safe_dump(taken)

    taken = yaml.safe_load(once(shared_folder(tmp_path_factory), "hostile", make))
    return folder / "site", taken


def test_every_data_file_has_text_fields_that_take_the_payload(hostile_site):
    _, taken = hostile_site
    # Each file holds text a reader sees; sections.yml holds only numbers and page paths, and
    # the link check's report, until a check has written its results, only addresses (which
    # refuse markup: tests/test_data.py), ids and page paths.
    assert {name for name, count in taken.items() if count == 0} == {"data/sections.yml", "data/link-report.json"}
    assert sum(taken.values()) > 500, taken


def test_no_page_runs_data_as_markup(browser, hostile_site):
    site_dir, _ = hostile_site
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    assert len(pages) > 40
    with serve(site_dir) as url:
        context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
        page = context.new_page()
        foreign, dialogs, shown_as_text = [], [], 0
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(url) else None)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(f"{url}/{path}")
            assert page.evaluate("window.__pwned") is None, f"{path}: data ran as script"
            assert page.locator('a[href^="javascript:" i], img[src*="hostile.example"]').count() == 0, path
            text = page.inner_text("body")
            assert TEMPLATE_RESULT not in text, f"{path}: a template expression from data was evaluated"
            shown_as_text += SCRIPT in text
        # The navigator builds its screens from the same data: walk to an outcome there too.
        page.goto(f"{url}/what-to-do/")
        page.locator("[data-navigator-start]").first.click()
        page.locator("[data-nav-screen] .navigator__option, .navigator__option").first.click()
        page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned") is None, "the navigator ran data as script"
        assert SCRIPT in page.inner_text("main")
        context.close()
    assert not foreign, f"requests left the site: {foreign[:5]}"
    assert not dialogs
    # The payload is on the pages, as text: the test is not passing on an empty site.
    assert shown_as_text > len(pages) // 2, f"the payload was shown as text on only {shown_as_text} pages"
