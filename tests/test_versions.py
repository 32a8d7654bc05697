"""A new version of the policy: loaded with `make new-version` (tools/new_version.py), shown on
"What changed", marked on its pages, with old addresses still leading somewhere sensible, the
previous version's PDF kept, and the service worker and offline copy moving to it at once.

The second version is tests/fixtures/2025-03-03.md, made for these tests and not the Group's: from
the 2024 text, 4.2 loses a sentence, 11.5's words change, 12.7 becomes 11.8, 9.3 is new and
section 13.0 (with its page) is removed. It is loaded once per run, into a copy of the project, as
a DSL would: the tool, the changes it lists, the tool again (SECOND_VERSION below).
"""

from __future__ import annotations

import datetime
import functools
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, VIEWPORTS, axe_findings, build_site, copy_project, edit_yaml, failed_build_output, once, shared_folder
from playwright.sync_api import expect
from pypdf import PdfWriter

from macros.fidelity import check_page
from macros.render import long_date
from macros.versions import NEW_FOR, mark_changes
from sitedata import addresses
from sitedata.clauses import anchor_id
from sitedata.errors import DataError
from sitedata.load import SiteData
from sitedata.policy_text import parse, read
from sitedata.versions import VersionBook, clause_aliases, dated, source_file
from tools.local_server import serve
from test_offline import poll, visit_once_online
from tools.new_version import is_version_pdf

FIXTURE = ROOT / "tests" / "fixtures" / "2025-03-03.md"
FIRST = datetime.date(2024, 9, 1)
SECOND = datetime.date(2025, 3, 3)
# Where each old address of the 2024 version leads in the second: the clauses whose number changed.
MOVED = {"12.7": "11.8", "13.0": "7.4"}  # 13.0: removed, and the DSL chose 7.4 (handle_second_version)


# --- the second version, loaded once per run -----------------------------------------------------


def run_tool(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.new_version", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=600)


def project_with_tools(folder: Path) -> Path:
    """A copy of the project that the tool can change, with a PDF standing for the 2024 version's
    (the PDF from a build is test_the_current_pdf_is_recognised_as_its_version's)."""
    project = copy_project(folder)
    (project / addresses.ARCHIVE).mkdir()
    pdf = PdfWriter()
    pdf.add_blank_page(595, 842)
    pdf.write(project / addresses.ARCHIVE / addresses.superseded_pdf(FIRST))
    return project


def edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path}: update the test"
    file.write_text(text.replace(old, new), encoding="utf-8")


def handle_second_version(project: Path) -> None:
    """What a DSL does after the tool's first run: the pages, the data that cites the renumbered
    and removed clauses, where 13.0's address leads, and each clause checked."""
    edit(project, "docs/policy/04-child-sexual-exploitation.md",
         "There can be an interchangeable status between victim and perpetrator. ", "")
    edit(project, "docs/policy/11-concerns.md", "within one working day unless", "within 24 hours unless")
    disclosures = project / "docs/policy/12-disclosures.md"
    text = disclosures.read_text(encoding="utf-8")
    moved = text[text.index('{{ clause("12.7") }}'):]
    disclosures.write_text(text.replace(moved, "").rstrip() + "\n", encoding="utf-8")
    concerns = project / "docs/policy/11-concerns.md"
    concerns.write_text(f"{concerns.read_text(encoding='utf-8').rstrip()}\n\n{moved.replace('12.7', '11.8')}",
                        encoding="utf-8")
    violence = project / "docs/policy/09-serious-violence.md"
    new = parse(FIXTURE.read_text(encoding="utf-8"), "fixture").clauses["9.3"].text.removeprefix("9.3 ")
    violence.write_text(f'{violence.read_text(encoding="utf-8").rstrip()}\n\n{{{{ clause("9.3") }}}} {new}\n',
                        encoding="utf-8")
    (project / "docs/policy/13-local-procedures.md").unlink()
    edit(project, "data/sections.yml",
         '- section: "13.0"\n  page: policy/13-local-procedures.md\n  local: {"13.0": "Local Procedures."}\n', "")
    cites = [file for file in (project / "data").glob("*.yml") if file.name != "versions.yml"]
    cites += list((project / "settings").glob("*/*.yml"))
    # Each setting's own paragraphs of 13.0 go with it.
    for local in (project / "settings").glob("*/local-procedures.yml"):
        edit_yaml(lambda paragraphs: paragraphs.pop("13.0"))(local)
    for file in [*cites, project / "docs/contacts.md",
                 project / "docs/about/policy-owner-notes.md"]:
        text = file.read_text(encoding="utf-8")
        text = text.replace('"12.7"', '"11.8"').replace(', "13.0"]', "]").replace('clause_link("13.0")', 'clause_link("7.4")')
        file.write_text(text, encoding="utf-8")
    edit(project, "data/versions.yml", '"13.0": "12.0"', '"13.0": "7.4"')
    edit(project, "data/versions.yml", "policy/13-local-procedures.md: policy/12-disclosures.md",
         "policy/13-local-procedures.md: policy/07-trafficking.md")
    versions = project / "data/versions.yml"
    versions.write_text(re.sub(r'# "([\d.]+)": "to do: [^"]*"', r'"\1": checked for the tests',
                               versions.read_text(encoding="utf-8")), encoding="utf-8")


class SecondVersion:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.project = folder / "project"
        self.site = folder / "site"
        self.offline = folder / "offline"
        self.first_run = (folder / "first-run.txt").read_text(encoding="utf-8")
        self.second_run = (folder / "second-run.txt").read_text(encoding="utf-8")

    @functools.cache
    def html(self, path: str) -> BeautifulSoup:
        file = self.site / path / "index.html" if path.endswith("/") or not path else self.site / path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def second_version(tmp_path_factory) -> SecondVersion:
    folder = shared_folder(tmp_path_factory) / "second-version"

    def make() -> str:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        project = project_with_tools(folder)
        first = run_tool(project, str(FIXTURE))
        assert first.returncode == 1, first.stdout + first.stderr
        (folder / "first-run.txt").write_text(first.stdout + first.stderr, encoding="utf-8")
        handle_second_version(project)
        second = run_tool(project, str(FIXTURE), str(folder / "site"))
        assert second.returncode == 0, second.stdout + second.stderr
        (folder / "second-run.txt").write_text(second.stdout + second.stderr, encoding="utf-8")
        offline = build_site(project, folder / "offline", OFFLINE="true")
        assert offline.returncode == 0, offline.stdout + offline.stderr
        return "loaded"

    once(shared_folder(tmp_path_factory), "second-version", make)
    return SecondVersion(folder)


# --- one version: the site as it is ------------------------------------------------------------------


def test_with_one_version_the_changes_page_says_it_is_the_first(site, built_site):
    text = BeautifulSoup(built_site.page("policy/changes/").read_text(encoding="utf-8"), "html.parser").article
    assert f"This is the first version of the policy published on this site, dated {long_date(site.versions.current.date)}" \
        in text.get_text(" ", strip=True)
    home = built_site.page("").read_text(encoding="utf-8")
    assert "data-show-until" not in home and "clause-change" not in home
    assert not any("changed on" in page.read_text(encoding="utf-8") for page in built_site.path.glob("policy/*/index.html"))


# --- loading it: the tool ------------------------------------------------------------------------------


def test_the_tool_shows_each_change_and_what_to_do_until_it_is_done(second_version):
    first = second_version.first_run
    for line in ["changed  4.2: … it may be an exploitative relationship. [-There can be an interchangeable status "
                 "between victim and perpetrator.-] Young people can be both victim …",
                 "changed  11.5: … placing authority must be notified within [-one working day-] {+24 hours+} unless",
                 "new      9.3: This clause is a test fixture's",
                 "moved    12.7 is now 11.8 (the same words)",
                 "removed  13.0: LOCAL PROCEDURES",
                 "12.7 → 11.8", "13.0 → 12.0", "policy/13-local-procedures.md → policy/12-disclosures.md",
                 "docs/policy/12-disclosures.md: 12.7: remove it (it is now 11.8)",
                 'docs/policy/11-concerns.md: add {{ clause("11.8") }} and its words',
                 "docs/policy/13-local-procedures.md: delete the page",
                 "11.5 (changed): to check", "data/pathways.yml: outcomes 'concern', steps",
                 "9.3 (new): to check", "nothing cites it yet",
                 "Not done yet."]:
        assert line in first, f"{line!r} not in:\n{first}"
    assert "Traceback" not in first
    assert "Done: the new version is ready." in second_version.second_run
    project = second_version.project
    assert (project / source_file(SECOND)).read_text(encoding="utf-8") == FIXTURE.read_text(encoding="utf-8")
    current = SiteData.load(project / "data").versions.current
    assert current.date == SECOND and current.aliases == {"12.7": "11.8", "13.0": "7.4"}
    assert set(current.checked) == {"4.2", "9.3", "11.5"}


def test_each_change_fails_the_two_way_check_until_its_page_is_changed(site, built_site):
    """The 2024 pages against the second version: each change is named, on its page."""
    second = read(FIXTURE, "the second version")
    found = []
    for section in site.sections.sections:
        html = built_site.page(section.page.removesuffix(".md") + "/").read_text(encoding="utf-8")
        expected = {n: c for n, c in second.clauses.items() if c.section == section.section}
        found += [str(d) for d in check_page(f"docs/{section.page}", html[html.index("<article"):html.index("</article>")],
                                             expected, second.file, {n: w for n, w in section.local.items() if n in expected})]
    for expected in [
        "docs/policy/04-child-sexual-exploitation.md: clause 4.2: “There can be an interchangeable status between "
        "victim and perpetrator.” is on the page but not in",
        "docs/policy/11-concerns.md: clause 11.5: “The placing authority must be notified within 24 hours unless",
        "docs/policy/11-concerns.md: clause 11.5: “The placing authority must be notified within one working day",
        "docs/policy/09-serious-violence.md: clause 9.3: is missing",
        "docs/policy/11-concerns.md: clause 11.8: is missing",
        "docs/policy/12-disclosures.md: clause 12.7: is not a clause of this section",
        "docs/policy/13-local-procedures.md: clause 13.0: is not a clause of this section",
    ]:
        assert any(line.startswith(expected) for line in found), f"{expected!r} not in {found}"


@pytest.mark.parametrize(("change", "expected"), [
    (("- 11.8 Any concerns", "- 11.9 Any concerns"), ["line", "numbers a clause 11.9 after 11.7, where 11.8"]),
    (("**Updated 3 March 2025**", "**Updated 3 March 2024**"), ["the cover", "older than the current version"]),
    (("**Updated 3 March 2025**", "**Updated 1 September 2024**"), ["the cover", "the same date as the current"]),
    (("**Updated 3 March 2025**", ""), ["the cover", "has no date", "DATE=2025-09-01"]),
])
def test_the_tool_refuses_a_version_it_cannot_show_faithfully(refusals_project, tmp_path, change, expected):
    project = refusals_project
    received = tmp_path / "policy.md"
    received.write_text(FIXTURE.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    result = run_tool(project, str(received))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    for part in [str(received), *expected, "Fix:"]:
        assert part in output, f"{part!r} not in {output}"
    assert not (project / source_file(SECOND)).exists()
    assert (project / "data/versions.yml").read_text(encoding="utf-8") == (ROOT / "data/versions.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def refusals_project(tmp_path_factory) -> Path:
    """One copy of the project for the refusals, which change nothing (the test checks that)."""
    return project_with_tools(tmp_path_factory.mktemp("refusals"))


# --- refused data ---------------------------------------------------------------------------------------


def versions(*aliases: dict[str, str]) -> VersionBook:
    entries = [{"date": f"202{4 + n}-09-01", "review_due": f"202{5 + n}-09-01", "review_due_basis": "annual",
                "aliases": found} for n, found in enumerate(aliases)]
    return VersionBook.model_validate({"versions": entries})


@pytest.mark.parametrize(("aliases", "expected"), [
    ([{}, {"12.7": "12.9"}], ["version 2025-09-01, alias '12.7'", "leads to 12.7 → 12.9, and 12.9 is not a clause",
                              "write the number of a clause the current version has"]),
    ([{"12.8": "12.7"}, {"12.7": "12.8"}], ["alias '12.8'", "loop: 12.8 → 12.7 → 12.8", "point one of these aliases"]),
    ([{}, {"11.5": "11.6"}], ["alias '11.5'", "is a clause of the current version", "remove the alias"]),
])
def test_aliases_that_lead_nowhere_are_refused(aliases, expected):
    with pytest.raises(DataError) as refused:
        clause_aliases(versions(*aliases), {"11.5", "11.6", "12.6"})
    message = str(refused.value)
    for part in ["data/versions.yml", *expected, "Fix:"]:
        assert part in message, message


def test_aliases_follow_later_versions():
    assert clause_aliases(versions({"12.7": "12.6"}, {"12.6": "11.6", "12.8": "12.7"}), {"11.5", "11.6"}) == \
        {"12.7": "11.6", "12.6": "11.6", "12.8": "11.6"}


def loaded_copy(second_version, tmp_path: Path) -> Path:
    """The second version's data and text, to break, beside its pages."""
    for folder in ("data", "settings", "source"):
        shutil.copytree(second_version.project / folder, tmp_path / folder)
    for folder in ("docs", addresses.ARCHIVE):
        (tmp_path / folder).symlink_to(second_version.project / folder)
    return tmp_path / "data"


VERSIONS = "data/versions.yml"
ALIAS = '      "12.7": "11.8"'


@pytest.mark.parametrize(("edits", "expected"), [
    ([("source/2025-03-03.md", "- 9.3 This", "- 9.4 This")], ["source/2025-03-03.md", "numbers a clause 9.4 after 9.2"]),
    ([("source/2025-03-03.md", "- 12.6 Children", "- 12.5 Children")], ["source/2025-03-03.md", "12.5 again"]),
    ([(VERSIONS, "  - date: 2025-03-03", "  - date: 2024-03-03")],
     [VERSIONS, "version 2024-03-03", "is not later than the version before it"]),
    ([(VERSIONS, ALIAS, '      "12.7": "11.9"')], [VERSIONS, "alias '12.7'", "11.9 is not a clause"]),
    ([(VERSIONS, ALIAS, '      "12.7": "13.0"'), (VERSIONS, '"13.0": "7.4"', '"13.0": "12.7"')],
     [VERSIONS, "alias '12.7'", "loop: 12.7 → 13.0 → 12.7"]),
    ([(VERSIONS, '"4.2": checked for the tests', '"4.2": "to do: changed"')], [VERSIONS, "checked", "write what you checked"]),
    ([(VERSIONS, '      "9.3": checked for the tests\n', "")], [VERSIONS, "has clauses still to check (1): 9.3 (new)"]),
    ([("data/training.yml", '"12.3", "11.8"', '"12.3", "12.7"')],
     ["data/training.yml", "cites clause 12.7", "its old address leads to 11.8", "cite 11.8"]),
    ([("data/links.yml", 'text: "KCSiE 2024"', 'text: "KCSiE 2023"')],
     ["data/links.yml", "link 'kcsie-2024'", "KCSiE 2023", "not in clause 3.2"]),
])
def test_a_version_that_cannot_be_shown_faithfully_is_refused(second_version, tmp_path, edits, expected):
    data = loaded_copy(second_version, tmp_path)
    for file, old, new in edits:
        edit(tmp_path, file, old, new)
    with pytest.raises(DataError) as refused:
        SiteData.load(data)
    message = str(refused.value)
    for part in [*expected, "Fix:"]:
        assert part in message, message


def test_a_refused_version_stops_the_build_in_one_message(second_version, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(second_version.project, project, ignore=shutil.ignore_patterns("__pycache__", "tools"))
    edit(project, "data/versions.yml", '"13.0": "7.4"', '"13.0": "13.0"')
    output = failed_build_output(project, tmp_path)
    assert "data/versions.yml: version 2025-03-03, alias '13.0'" in output and "Fix:" in output, output


# --- what readers see --------------------------------------------------------------------------------


def test_the_changes_page_shows_each_change_linked_to_its_clause(second_version):
    page = second_version.html("policy/changes/")
    changed = page.find(id="change-11-5")
    assert [d.get_text() for d in changed.find_all("del")] == ["removed: one working day (end of removed words)"]
    assert [i.get_text() for i in changed.find_all("ins")] == ["added: 24 hours (end of added words)"]
    assert "There can be an interchangeable status" in page.find(id="change-4-2").find("del").get_text()
    assert "was 12.7" in page.find(id="change-11-8").h3.get_text() and "Its words are the same." in page.find(
        id="change-11-8").get_text()
    assert "test fixture" in page.find(id="change-9-3").get_text()
    removed = page.find(id="change-13-0")
    assert "Section 13.0 (removed)" in removed.h3.get_text() and "Local Procedures." in removed.blockquote.get_text()
    headings = [h.get_text() for h in page.article.find_all("h2")]
    assert headings == ["Changed (2)", "New (1)", "Renumbered (1)", "Removed (1)"]
    # Each links to where the clause is now, and the link lands on it.
    for entry in page.select("section.change"):
        href = entry.find("a")["href"]
        target, anchor = href.split("#")
        assert second_version.html(f"policy/{target.removeprefix('../')}").find(id=anchor), href


def test_changed_clauses_are_marked_on_their_pages_for_this_version(second_version):
    marked = {}
    for path in second_version.site.glob("policy/*/index.html"):
        for marker in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(".editorial a[href*='change-']"):
            marked[marker["href"].split("#change-")[1].replace("-", ".")] = marker.get_text()
    assert marked == {"4.2": "changed on 3 March 2025", "11.5": "changed on 3 March 2025",
                      "9.3": "new on 3 March 2025", "11.8": "renumbered on 3 March 2025: was 12.7"}


def test_the_previous_version_is_kept_under_downloads_as_superseded(second_version):
    item = second_version.html("downloads/").find("ul", class_="downloads--superseded").li
    assert item.get_text(" ", strip=True).startswith(
        "The policy dated 1 September 2024 (PDF) : superseded on 3 March 2025. Kept for reference only")
    assert (second_version.site / "downloads" / item.a["href"]).read_bytes() == \
        (second_version.project / addresses.ARCHIVE / addresses.superseded_pdf(FIRST)).read_bytes()


def test_the_current_pdf_is_recognised_as_its_version(site, built_downloads):
    pdf = built_downloads.path / addresses.DOWNLOADS / addresses.POLICY_PDF
    assert is_version_pdf(pdf, site.versions.current.date)
    assert not is_version_pdf(pdf, site.versions.current.date + datetime.timedelta(days=1))


# --- old addresses ------------------------------------------------------------------------------------


def test_every_old_clause_address_has_somewhere_to_land(site, second_version):
    """Each clause address of the 2024 version: its anchor on its old page, or the alias the
    page carries for it, leading to an anchor that exists."""
    page_of = {s.section: s.page for s in site.sections.sections}  # the 2024 pages
    for number in site.policy.clauses:
        old = page_of[number.split(".")[0] + ".0"].removesuffix(".md") + "/"
        page = second_version.html(old)
        if page.find(id=anchor_id(number)):
            assert number not in MOVED, number
            continue
        aliases = yaml.safe_load(page.find("script", attrs={"data-clause-aliases": True})["data-clause-aliases"])
        target, anchor = aliases[anchor_id(number)].split("#")
        assert anchor == anchor_id(MOVED[number]) and second_version.html(target).find(id=anchor), number
    redirects = (second_version.site / "_redirects").read_text(encoding="utf-8")
    assert "/policy/13-local-procedures/ /policy/07-trafficking/ 301" in redirects.splitlines()


OLD_ADDRESSES = {  # old address -> where it lands
    "policy/12-disclosures/#clause-12-7": "policy/11-concerns/#clause-11-8",
    "policy/13-local-procedures/#clause-13-0": "policy/07-trafficking/#clause-7-4",
    "policy/13-local-procedures/": "policy/07-trafficking/",
    "policy/11-concerns/#clause-11-5": "policy/11-concerns/#clause-11-5",
}


def on_disk(address: str) -> str:
    """The same address in the copy opened from disk: 'policy/12-disclosures.html#clause-12-7'."""
    page, _, anchor = address.partition("#")
    return page.rstrip("/") + ".html" + (f"#{anchor}" if anchor else "")


def test_old_addresses_are_followed_in_chromium_served_and_from_disk(browser, second_version):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    page = context.new_page()
    with serve(second_version.site) as url:
        for old, new in OLD_ADDRESSES.items():
            page.goto(url + old)
            expect(page).to_have_url(url + new)
            if "#" in new:
                expect(page.locator("#" + new.split("#")[1])).to_be_in_viewport()
        assert axe_findings(page) == []  # a policy page with its markers
        page.goto(url + "policy/changes/")
        assert axe_findings(page) == []  # the changes page: <del>, <ins>, a quotation
    # The copy opened from disk, where there is no server to redirect.
    disk = second_version.offline.as_uri() + "/"
    for old, new in OLD_ADDRESSES.items():
        page.goto(disk + on_disk(old))
        expect(page).to_have_url(disk + on_disk(new))
    context.close()


def test_the_home_page_says_the_policy_is_new_for_60_days(browser, second_version):
    notice = second_version.html("").find(attrs={"data-show-until": True})
    until = SECOND + NEW_FOR
    assert notice["data-show-until"] == until.isoformat()
    with serve(second_version.site) as url:
        for day, shown in [(SECOND, True), (until, True), (until + datetime.timedelta(days=1), False)]:
            context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
            page = context.new_page()
            page.clock.set_fixed_time(datetime.datetime.combine(day, datetime.time(12)))
            page.goto(url)
            words = page.locator("[data-show-until]")
            expect(words).to_be_visible() if shown else expect(words).to_be_hidden()
            if shown:
                expect(words).to_have_text("This is a new version, dated 3 March 2025. See what changed.")
                words.get_by_role("link", name="See what changed").click()
                expect(page).to_have_url(url + "policy/changes/")
            context.close()


# --- moving to the new version at once -----------------------------------------------------------------


def version_shown(page) -> str:
    return page.locator(".review-status").first.inner_text()


def test_the_service_worker_moves_to_the_new_version_at_once(browser, built_site, second_version, tmp_path):
    """Visit the 2024 build; publish the second version at the same address. While the 2024
    worker holds the page, a page fetched online is the new one, but offline every page is 2024's;
    once the new worker takes over, every page offline is the new version's."""
    served = tmp_path / "served"
    served.mkdir()
    (served / "site").symlink_to(built_site.path)
    old, new = dated(FIRST), dated(SECOND)
    pages = ["", "policy/11-concerns/", "policy/12-disclosures/", "contacts/"]
    with serve(served) as root:
        url = root + "site/"
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        page = visit_once_online(context, url)

        (served / "site").unlink()
        (served / "site").symlink_to(second_version.site)
        page.goto(url + "policy/11-concerns/")  # online: the new version's page, from the network
        assert new in version_shown(page)
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        poll(page, "navigator.serviceWorker.getRegistration().then(r => r.waiting !== null)", timeout=60)
        context.set_offline(True)
        for path in pages:
            page.goto(url + path)
            assert old in version_shown(page), path
        context.set_offline(False)

        page.goto(url + "contacts/")
        notice = page.get_by_role("status").filter(has_text="A newer version of this policy is available")
        expect(notice).to_be_visible(timeout=20000)
        # Online, the page already shows the new version: wait for the reload itself, or the
        # next visit races it.
        with page.expect_navigation(timeout=15000):
            notice.get_by_role("button", name="Reload to see it").click()
        expect(page.locator(".review-status").first).to_contain_text(new)
        context.set_offline(True)
        for path in pages:
            page.goto(url + path)
            assert new in version_shown(page), path
        context.close()


def test_the_offline_copy_unzips_into_a_folder_of_its_version(site, built_downloads):
    with zipfile.ZipFile(built_downloads.path / addresses.DOWNLOADS / addresses.offline_zip(site.folder.id)) as archive:
        folders = {name.split("/")[0] for name in archive.namelist()}
    assert folders == {addresses.offline_folder(site.folder.id, site.versions.current.date)}


def test_a_section_that_changed_is_marked_under_its_heading():
    html = '<h1 id="clause-7-0">7.0 Trafficking</h1>\n<p><a class="clause-number" href="#clause-7-1" id="clause-7-1">7.1</a> Text</p>'
    marked = mark_changes(html, {"clause-7-0": "MARK"})
    assert marked == html.replace("</h1>\n", "</h1>\n<p>MARK</p>\n")
    assert mark_changes(html, {"clause-7-1": "MARK"}) == html.replace("7.1</a>", "7.1</a> MARK")
