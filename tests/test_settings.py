"""One Group policy, many settings: each setting's site is built from its own folder
(settings/<id>/) and shows only its own people and lines.

The two example settings (fictional: a children's home in Wales and a school in Scotland) are
built here beside the suite's setting; what each must and must not show is read from the
settings' data, never typed.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SETTING, copy_data, copy_project, edit_yaml, failed_build_output
from pypdf import PdfReader

from sitedata.addresses import POLICY_PDF
from sitedata.errors import DataError
from sitedata.load import SiteData
from sitedata.settings import SETTINGS_DIR, choose, is_example, setting_folders

FOLDERS = setting_folders(SETTINGS_DIR)
EXAMPLES = [folder for folder in FOLDERS if is_example(folder)]
BANNER = "Example: not a real setting"
# The files a built site holds that a reader or a phone reads.
READ_FILES = ("*.html", "*.js", "*.json", "*.webmanifest")


@functools.cache
def load(folder) -> SiteData:
    """A setting's data, loaded once per worker: the tests read each setting's facts several times."""
    return SiteData.load(ROOT / "data", folder)


def identifying_facts(site: SiteData) -> set[str]:
    """What names one setting and no other: its name, DSL, area, police force and its own numbers."""
    facts = {site.setting.name, site.setting.local_authority_area, site.setting.police_force}
    facts |= {member.name for member in site.team.members if member.name != "to be supplied"}
    facts |= {c.phone.display for c in site.contacts.contacts if c.id in site.local_contacts and c.phone}
    facts |= {member.dial.display for member in site.team.members if member.dial}
    return {fact for fact in facts if len(fact) > 3}


def sheet_text(sheet) -> str:
    """A PDF sheet's words, each space or line break as one space (a card wraps its title)."""
    return " ".join(sheet.extract_text().split())


def pdf_text(path: Path) -> str:
    return "\n".join(sheet_text(sheet) for sheet in PdfReader(path).pages)


def site_text(site_dir: Path) -> str:
    """What a reader or a phone reads of a built site: its pages, scripts, data and PDFs."""
    return "\n".join([*(path.read_text(encoding="utf-8") for pattern in READ_FILES for path in site_dir.rglob(pattern)),
                      *(pdf_text(path) for path in site_dir.rglob("*.pdf"))])


@pytest.fixture(scope="module")
def example_sites(group_build) -> dict[str, Path]:
    """Each example setting's whole site (pages, PDFs, offline copy), built once per run by
    scripts/build-all (conftest.group_build)."""
    sites = {example.id: group_build.site(example.id) for example in EXAMPLES}
    assert all((site / "downloads" / POLICY_PDF).is_file() for site in sites.values()), group_build.output
    return sites


def test_the_examples_cover_a_welsh_home_and_a_scottish_school():
    examples = {(load(f).setting.nation, load(f).setting.kind) for f in EXAMPLES}
    assert {("Wales", "childrens-home"), ("Scotland", "school")} <= examples


def test_without_setting_the_one_real_setting_is_built(monkeypatch):
    monkeypatch.delenv("SETTING", raising=False)
    real = [folder for folder in FOLDERS if not is_example(folder)]
    assert choose(SETTINGS_DIR) == real[0] and len(real) == 1


@pytest.mark.parametrize("example", [f.id for f in EXAMPLES])
def test_each_site_shows_only_its_own_people_and_lines(example_sites, built_site, example):
    sites = {**example_sites, SETTING.id: built_site.path}
    own = identifying_facts(load(next(f for f in FOLDERS if f.id == example)))
    text = site_text(sites[example])
    assert all(fact in text for fact in own), [fact for fact in own if fact not in text]
    for other in FOLDERS:
        if other.id != example:
            leaked = {fact for fact in identifying_facts(load(other)) - own if fact in text}
            assert not leaked, f"{example}'s site shows {other.id}'s {leaked}"


@pytest.mark.parametrize("example", [f.id for f in EXAMPLES])
def test_every_page_of_an_example_says_it_is_not_real(example_sites, example):
    pages = sorted(example_sites[example].rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert BANNER in html and '<meta name="robots" content="noindex">' in html, page
    for pdf in (example_sites[example] / "downloads").glob("*.pdf"):
        sheets = PdfReader(pdf).pages
        unmarked = [number for number, sheet in enumerate(sheets, start=1) if BANNER not in sheet_text(sheet)]
        assert not unmarked, f"{pdf.name}: sheets {unmarked} of {len(sheets)} do not say {BANNER!r}"


@pytest.mark.parametrize("example", [f.id for f in EXAMPLES])
def test_each_site_is_drawn_in_its_own_brand_colour(example_sites, example):
    site = example_sites[example]
    colour = load(next(f for f in EXAMPLES if f.id == example)).setting.brand_colour
    others = {load(f).setting.brand_colour for f in FOLDERS} - {colour}
    assert json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))["theme_color"] == colour
    assert f'<meta name="theme-color" content="{colour}">' in (site / "index.html").read_text(encoding="utf-8")
    drawn = [(site / "assets" / "stylesheets" / "brand.css").read_text(encoding="utf-8"),
             (site / "assets" / "images" / "icon.svg").read_text(encoding="utf-8")]
    assert all(colour in text and not any(other in text for other in others) for text in drawn)


def test_the_suites_setting_is_marked_as_an_example_only_if_it_is_one(built_site):
    marked = [BANNER in page.read_text(encoding="utf-8") for page in built_site.pages()]
    assert all(marked) if is_example(SETTING) else not any(marked)


def test_a_scottish_setting_keeps_st_andrews_day_on_its_panel(example_sites):
    scottish = next(f for f in EXAMPLES if load(f).setting.nation == "Scotland")
    site = load(scottish)
    st_andrew = next(day for day, name in site.bank_holidays.items() if name == "Saint Andrew's Day")
    html = (example_sites[scottish.id] / "contacts" / "index.html").read_text(encoding="utf-8")
    panel_days = set(re.findall(r"\d{4}-\d{2}-\d{2}", html))
    assert st_andrew.isoformat() in panel_days


@pytest.mark.parametrize("example", [f.id for f in EXAMPLES])
def test_a_setting_shows_its_nations_guidance_on_its_answers(example_sites, built_site, example):
    site = load(next(f for f in FOLDERS if f.id == example))
    own = [link.text for link in site.links.links if link.nation == site.setting.nation]
    others = [link.text for link in site.links.links if link.nation and link.nation != site.setting.nation]
    answer = html.unescape((example_sites[example] / "what-to-do" / "concern" / "index.html").read_text(encoding="utf-8"))
    assert own and all(title in answer for title in own)
    assert not any(title in answer for title in others)
    suite_setting = load(SETTING).setting
    has_guidance = any(link.nation == suite_setting.nation for link in site.links.links)
    home = (built_site.path / "what-to-do" / "concern" / "index.html").read_text(encoding="utf-8")
    assert ("Guidance for settings in" in home) == has_guidance


@pytest.mark.parametrize("example", [f.id for f in EXAMPLES])
def test_staff_are_sent_to_the_lead_by_the_title_their_kind_of_setting_uses(example_sites, example):
    """A children's home's staff tell their Safeguarding Lead; a school's, their DSL (data/group.yml)."""
    site = load(next(f for f in FOLDERS if f.id == example))
    lead, dsl = site.setting.lead, site.team.by_id()["dsl"]
    page = html.unescape((example_sites[example] / "what-to-do" / "concern" / "index.html").read_text(encoding="utf-8"))
    assert f"Tell the {lead}" in page  # the emergency strip
    assert f"Call the {lead}, {dsl.name}" in page if dsl.dial else f"Tell the {lead}, {dsl.name}, in person" in page
    assert f"{lead}/{lead}" not in page


@pytest.mark.parametrize("example", [f.id for f in EXAMPLES])
def test_an_examples_manifest_and_offline_copy_are_its_own(example_sites, example):
    manifest = json.loads((example_sites[example] / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert load(next(f for f in FOLDERS if f.id == example)).setting.name in manifest["name"]
    downloads = (example_sites[example] / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f"{example}-child-exploitation-policy-offline.zip" in downloads


# --- bad settings: one message naming the setting's file, the item and the fix --------------


def first_example(tmp_path) -> Path:
    copy_data(tmp_path)
    return tmp_path / "settings" / EXAMPLES[0].id


def load_copy(tmp_path, setting: str | None = None) -> str:
    folder = next(f for f in setting_folders(tmp_path / "settings") if f.id == (setting or EXAMPLES[0].id))
    with pytest.raises(DataError) as caught:
        SiteData.load(tmp_path / "data", folder)
    return str(caught.value)


def test_a_setting_without_a_required_file_is_named(tmp_path):
    (first_example(tmp_path) / "local-procedures.yml").unlink()
    message = load_copy(tmp_path)
    assert f"settings/{EXAMPLES[0].id}/local-procedures.yml: the file: is missing. Fix:" in message


def test_a_role_the_pathways_need_and_the_setting_lacks_is_named(tmp_path):
    edit_yaml(lambda d: d["contacts"].pop(0))(first_example(tmp_path) / "contacts.yml")
    message = load_copy(tmp_path)
    assert f"settings/{EXAMPLES[0].id}/contacts.yml: role 'police-non-emergency': is needed by data/pathways.yml" in message
    assert "Fix: add the setting's contact for it with id: police-non-emergency" in message


def test_a_drama_number_in_a_real_setting_is_refused(tmp_path):
    edit_yaml(lambda d: d.pop("example"))(first_example(tmp_path) / "setting.yml")
    message = load_copy(tmp_path)
    assert f"settings/{EXAMPLES[0].id}/" in message and "drama" in message and "example: true" in message


def test_a_real_number_in_an_example_is_refused(tmp_path):
    edit_yaml(lambda d: d["contacts"][0].update(phone="0808 800 5000"))(first_example(tmp_path) / "contacts.yml")
    message = load_copy(tmp_path)
    assert f"settings/{EXAMPLES[0].id}/contacts.yml: contact 'police-non-emergency': has the number 0808 800 5000" in message
    assert "Fix: use a number from Ofcom's drama ranges" in message


def test_an_address_not_known_yet_is_refused_with_how_to_leave_it_out(tmp_path):
    """"to be supplied" is how team.yml marks a value not known yet; a link's address is left out."""
    edit_yaml(lambda d: d[0].update(url="to be supplied"))(first_example(tmp_path) / "links.yml")
    message = load_copy(tmp_path)
    assert f"settings/{EXAMPLES[0].id}/links.yml" in message and "'to be supplied' is not a web address" in message
    assert "url: null, with confidence: none" in message


def test_a_nation_outside_the_four_is_refused(tmp_path):
    edit_yaml(lambda d: d.update(nation="Cornwall"))(first_example(tmp_path) / "setting.yml")
    message = load_copy(tmp_path)
    assert f"settings/{EXAMPLES[0].id}/setting.yml: field 'nation': 'Cornwall' is not allowed" in message


@pytest.mark.parametrize("written, says", [
    ("#ffcc00", "field 'brand_colour': #ffcc00 has a contrast of 1.5:1 with the white text"),
    # Unquoted, YAML reads the colour as a comment: the field is empty.
    (None, "field 'brand_colour': is empty. Fix: write the colour in quotes"),
])
def test_a_brand_colour_white_text_cannot_sit_on_is_refused(tmp_path, written, says):
    edit_yaml(lambda d: d.update(brand_colour=written))(first_example(tmp_path) / "setting.yml")
    assert f"settings/{EXAMPLES[0].id}/setting.yml: {says}" in load_copy(tmp_path)


def test_two_settings_at_one_address_are_refused(tmp_path):
    copy_data(tmp_path)
    for folder in EXAMPLES[:2]:
        edit_yaml(lambda d: d.update(site_url="https://example-group.github.io/policy/"))(
            tmp_path / "settings" / folder.id / "setting.yml")
    message = load_copy(tmp_path)
    assert "site_url: is https://example-group.github.io/policy, the address of the setting" in message


def test_an_unknown_setting_stops_the_build_with_the_list(tmp_path):
    output = failed_build_output(copy_project(tmp_path), tmp_path, SETTING="no-such-setting")
    assert "SETTING=no-such-setting: the setting: is not a folder in settings/. Fix: use one of:" in output
    assert all(folder.id in output for folder in FOLDERS)
