"""Valid inputs that were once refused or shown wrongly: each builds, and each reads right on the page.

One site is built with all of them at once (built once per run): Relay UK's number for the police,
an 0845 council number, `short_name: 999`, `label: No` and `id: no` unquoted, a scenario answered
with those ids unquoted, the DSL without a short name, a 24/7 line written `open: always`, and the DSL's
values with `supplied:` exactly as the documentation shows it. The documentation's own example
is also loaded as it is written.
"""

from __future__ import annotations

import datetime
import html
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, VIEWPORTS, build_site, copy_data, copy_project, once, serve, shared_folder
from playwright.sync_api import expect

from sitedata import hours
from sitedata.load import SiteData
from sitedata.settings import SETTINGS_DIR, SettingFolder, is_example, setting_folders
from sitedata.models import Phone

# Real numbers' rules (text relay, service numbers) need a real setting, as an example may use
# drama numbers only: the documented inputs are tried in the one real setting's files, whichever
# setting the suite builds.
REAL = next(folder for folder in setting_folders(SETTINGS_DIR) if not is_example(folder))
REAL_DATA = SiteData.load(ROOT / "data", REAL)
# Fixture numbers: this build is never published.
DSL_NUMBER = "01905 960101"
# The DSL as the setting's team.yml names them, whoever they are; as the pages write the name.
DSL = REAL_DATA.team.by_id()["dsl"]
DSL_NAME = DSL.name
COUNCIL_NUMBER = "0845 600 7000"
RELAY = "18001 101"


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "display", "tel", "words"),
    [
        (RELAY, RELAY, "18001101", "text relay"),
        ("18001 0800 011 3764", "18001 0800 011 3764", "1800108000113764", "text relay"),
        (COUNCIL_NUMBER, COUNCIL_NUMBER, "+448456007000", "service number: calls cost a service charge"),
        ("0870 010 0451", "0870 010 0451", "+448700100451", "service number"),
        ("(01905) 822-666", "01905 822666", "+441905822666", None),
        # Copied from a web page: a no-break space and an en dash.
        ("01905\u00a0822\u2013666", "01905 822666", "+441905822666", None),
    ],
)
def test_relay_and_service_numbers_are_accepted_with_what_to_know(written, display, tel, words):
    phone = Phone.parse(written)
    assert (phone.display, phone.tel) == (display, tel)
    assert (words is None and phone.words is None) or words in phone.words


# --- the documented `supplied:` block --------------------------------------------------------------


SUPPLIED_EXAMPLE = "# Example, once the setting has supplied it:\n"


def documented_examples() -> dict[str, str]:
    """The `supplied:` example as docs/about/setup.md and each setting's team.yml comment show it."""
    setup = (ROOT / "docs" / "about" / "setup.md").read_text(encoding="utf-8")
    examples = {"docs/about/setup.md": re.search(r"```text\n(.*?)```", setup, re.S)[1]}
    for folder in setting_folders(SETTINGS_DIR):
        _, marker, comment = (folder.path / "team.yml").read_text(encoding="utf-8").partition(SUPPLIED_EXAMPLE)
        if marker:
            examples[f"{folder.shown}/team.yml"] = "\n".join(line[1:] for line in comment.splitlines()
                                                             if line.startswith("#  ")) + "\n"
    return examples


def with_documented_block(team: str, example: str, number: str) -> str:
    """team.yml with the DSL's `phone: to be supplied` replaced by the documented example, as
    a DSL would paste it (the example's placeholder number replaced by a real one)."""
    block = textwrap.indent(textwrap.dedent(example), "    ").replace("(the number, as dialled in the UK)", number)
    name = team.index(f"    name: {DSL_NAME}\n")
    phone = team.index("    phone: to be supplied\n", name)
    assert phone < team.find("  - id:", name), "update the test: the DSL's entry has no number to supply"
    return team[:phone] + block + team[phone + len("    phone: to be supplied\n"):]


@pytest.mark.parametrize("where", list(documented_examples()))
def test_the_documented_supplied_block_works_as_written(tmp_path, where):
    example = documented_examples()[where]
    assert "on: 2026-12-01" in example, "the example no longer shows an unquoted date"
    data = copy_data(tmp_path)
    team = data.parent / REAL.shown / "team.yml"
    team.write_text(with_documented_block(team.read_text(encoding="utf-8"), example, DSL_NUMBER), encoding="utf-8")
    dsl = SiteData.load(data, SettingFolder(REAL.id, data.parent / REAL.shown)).team.by_id()["dsl"]
    assert dsl.supplied.on == datetime.date(2026, 12, 1)
    assert dsl.dial.display == DSL_NUMBER


# --- one build with every valid input ---------------------------------------------------------------


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


RELAY_CONTACT = f"""
  - id: police-text-relay
    group: police
    name: Worcestershire Police (non-emergency) by text relay
    use_when: "For deaf, hard of hearing or speech-impaired callers: the police's non-emergency number by Relay UK."
    phone: "{RELAY}"
    source:
      url: https://www.relayuk.bt.com/
      checked_on: 2026-12-01
      note: "Relay UK's prefix for calling from a textphone or the Relay UK app."

  - id: council-contact-centre
    group: local-authority
    name: Worcestershire County Council contact centre
    use_when: "General enquiries to the council."
    phone: "{COUNCIL_NUMBER}"
    source:
      url: https://www.worcestershire.gov.uk/
      checked_on: 2026-12-01
      note: "A fixture: an 0845 number, which Ofcom classes as a service number."
"""


def make_valid_inputs(project: Path) -> None:
    data = project / "data"
    contacts = data / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8") + RELAY_CONTACT, encoding="utf-8")
    replace(contacts, '    short_name: "999"', "    short_name: 999")
    # The NSPCC's helpline as a 24/7 line, its hours in one source.
    replace(contacts, """      open:
        - days: [mon, tue, wed, thu, fri]
          opens: "08:00"
          closes: "22:00"
        - days: [sat, sun]
          opens: "09:00"
          closes: "18:00"
      bank_holidays: not stated""", "      open: always\n      bank_holidays: open all day")
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(re.sub(r"      sources_disagree: >-\n        These hours are from 2020.*?\n(?=    link: nspcc-helpline)",
                               "", text, count=1, flags=re.S), encoding="utf-8")
    team = data.parent / REAL.shown / "team.yml"
    team.write_text(with_documented_block(team.read_text(encoding="utf-8"), documented_examples()["docs/about/setup.md"],
                                          DSL_NUMBER).replace(f"    short_name: {DSL.short_name}\n", "", 1), encoding="utf-8")
    replace(data / "pathways.yml", '      - id: "no"\n        label: "No"', "      - id: no\n        label: No")
    replace(data / "training.yml", 'answers: ["no", worried, not-sure]', "answers: [no, worried, not-sure]")


@pytest.fixture(scope="module")
def valid_site(tmp_path_factory) -> Path:
    folder = shared_folder(tmp_path_factory) / "valid-inputs"

    def make() -> str:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        project = copy_project(folder)
        make_valid_inputs(project)
        result = build_site(project, folder / "site", SETTING=REAL.id)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stderr

    once(shared_folder(tmp_path_factory), "valid-inputs", make)
    return folder / "site"


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def test_relay_uk_and_a_service_number_are_tap_to_call_with_what_to_know(valid_site):
    contacts = page(valid_site, "contacts")
    relay = re.search(r'<a class="contact-action contact-action--call" href="tel:18001101">(.*?)</a>', contacts)
    assert relay and "18001 101" in relay[1] and "text relay: for a textphone or the Relay UK app" in relay[1]
    council = re.search(r'<a class="contact-action contact-action--call" href="tel:\+448456007000">(.*?)</a>', contacts)
    assert council and "service number: calls cost a service charge plus your phone company&#39;s access charge" in council[1]


def test_the_dsl_as_documented_is_on_every_page_and_named_without_a_short_name(valid_site):
    home = page(valid_site, "")
    strip = home[home.index('<nav class="emergency"'):home.index("</nav>")]
    assert 'href="tel:+441905960101"' in strip and 'href="tel:999"' in strip
    policy = page(valid_site, "policy/07-trafficking")
    assert f"in the absence of {DSL_NAME}'s please raise with any DSL" in html.unescape(policy)
    for built in valid_site.rglob("*.html"):
        assert not re.search(r">[^<]*\bNone\b", built.read_text(encoding="utf-8")), built


def test_unquoted_words_read_as_written(valid_site):
    question = page(valid_site, "what-to-do/questions/in-danger")
    assert ">No</a>" in question
    scenarios = page(valid_site, "training/scenarios")
    # The scenario's answers, walked by their unquoted ids, are shown as the navigator words them.
    assert "<strong>I&#39;m worried a young person is being exploited</strong>" in scenarios


def test_a_24_7_line_shows_as_open(valid_site, browser):
    outcome = page(valid_site, "what-to-do/disclosure-trafficking")
    first_year = int(re.search(r'data-years="(\d{4})-', outcome)[1])
    night = datetime.datetime(first_year, 2, 1, 3, 0, tzinfo=hours.LONDON)  # whatever the weekday, at 3am
    with serve(valid_site) as url:
        context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
        try:
            tab = context.new_page()
            tab.clock.set_fixed_time(night)
            tab.goto(url + "what-to-do/disclosure-trafficking/")
            panel = tab.locator("[data-now-panel]:has([data-line='nspcc-helpline'])").first
            expect(panel).to_have_class(re.compile(r"\bnow-panel--live\b"))
            expect(panel.locator("[data-now-status]")).to_contain_text("is open.")
        finally:
            context.close()
