"""scripts/build-all: every setting's site built at once, a broken setting failing alone, the
cache, the shards CI builds, and the group's index with the host's headers.

The build itself is conftest.group_build: the example settings and a broken copy of one, built
once per run in a copy of the project. What each site must show is test_settings.py's.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from conftest import BROKEN, SETTING, VIEWPORTS, axe_findings, copy_project, edit_yaml, run_build_all, serve
from playwright.sync_api import expect

from sitedata.addresses import DOWNLOADS, POCKET_CARD_PDF, POLICY_PDF, offline_zip
from sitedata.errors import DataError
from sitedata.load import SiteData
from sitedata.settings import SETTINGS_DIR, SettingFolder, is_example, setting_folders
from tools import build_all, group_index
from tools.group_index import INDEX_POLICY

EXAMPLES = [folder for folder in setting_folders(SETTINGS_DIR) if is_example(folder)]


def test_a_broken_setting_fails_alone_naming_its_file_item_and_fix(group_build):
    assert group_build.returncode == 1, group_build.output
    failure = group_build.output[group_build.output.index(f"{BROKEN} (settings/{BROKEN}) failed:"):]
    assert f"settings/{BROKEN}/setting.yml" in failure and "kind" in failure and "Fix:" in failure
    assert "Traceback" not in group_build.output
    assert re.search(rf"{len(EXAMPLES) + 1} settings: {len(EXAMPLES)} built, 0 from the cache, 1 failed", group_build.output)
    for example in EXAMPLES:
        downloads = group_build.site(example.id) / DOWNLOADS
        assert {POLICY_PDF, POCKET_CARD_PDF, offline_zip(example.id)} <= {path.name for path in downloads.iterdir()}
    assert not group_build.site(BROKEN).exists()


def test_a_second_run_builds_nothing_that_has_not_changed(group_build, tmp_path):
    again = run_build_all(group_build.project, tmp_path / "out", "--examples")
    assert f"0 built, {len(EXAMPLES)} from the cache, 1 failed" in again.stdout, again.stdout + again.stderr
    for example in EXAMPLES:
        assert (tmp_path / "out" / example.id / DOWNLOADS / POLICY_PDF).read_bytes() == \
            (group_build.site(example.id) / DOWNLOADS / POLICY_PDF).read_bytes()


def test_a_setting_is_cached_only_once_both_its_parts_are_built(tmp_path, monkeypatch):
    """Its site and its copy opened from disk are built apart (by two workers at once): a part that
    failed fails the setting and caches nothing; two built parts make one site, the copy zipped
    with the PDFs into its downloads."""
    monkeypatch.setattr(build_all, "CACHE_DIR", tmp_path / "cache")
    job = build_all.Job("example", "", "key")

    def parts_built() -> None:
        (job.partial / DOWNLOADS).mkdir(parents=True)
        (job.partial / DOWNLOADS / POLICY_PDF).write_bytes(b"%PDF-")
        (job.for_disk / "copy").mkdir(parents=True)
        (job.for_disk / "copy" / "index.html").write_text("<!doctype html>", encoding="utf-8")

    parts_built()
    failed = build_all.Workers.settle(job, [build_all.Result("example", 1.0, part=build_all.SITE),
                                            build_all.Result("example", 2.0, "team.yml: ... Fix: ...", part=build_all.FOR_DISK)])
    assert failed.error == "team.yml: ... Fix: ..." and not job.cached.exists()

    shutil.rmtree(job.partial)
    shutil.rmtree(job.for_disk)
    parts_built()
    built = build_all.Workers.settle(job, [build_all.Result("example", 1.0, part=part) for part in build_all.PARTS])
    assert built.error is None and built.seconds == 2.0
    assert (job.cached / build_all.COMPLETE).exists() and not job.partial.exists() and not job.for_disk.exists()
    with zipfile.ZipFile(job.cached / DOWNLOADS / offline_zip("example")) as copy:
        assert sorted(copy.namelist()) == [f"copy/{DOWNLOADS}/{POLICY_PDF}", "copy/index.html"]


def test_a_change_to_one_settings_folder_changes_only_its_key(tmp_path):
    folders = []
    for example in EXAMPLES:
        shutil.copytree(example.path, tmp_path / example.id)
        folders.append(SettingFolder(example.id, tmp_path / example.id))
    before = build_all.jobs_for(folders, "")
    team = folders[0].path / "team.yml"
    team.write_text(team.read_text(encoding="utf-8").replace("Example", "Changed", 1), encoding="utf-8")
    after = build_all.jobs_for(folders, "")
    assert after[0].key != before[0].key and after[1:] == before[1:]
    # The site's address is in what it is made of (the PDFs print it).
    assert build_all.jobs_for(folders, "https://sites.example.org/")[1].key != before[1].key


def test_by_default_only_real_settings_are_built_and_shards_share_them_out():
    folders = setting_folders(SETTINGS_DIR)
    real = [folder for folder in folders if not is_example(folder)]
    assert build_all.chosen(folders, examples=False, only=[], shard=(1, 1)) == real
    everything = build_all.chosen(folders, examples=True, only=[], shard=(1, 1))
    assert everything == folders
    shards = [build_all.chosen(folders, examples=True, only=[], shard=(k, 2)) for k in (1, 2)]
    assert sorted(f.id for shard in shards for f in shard) == sorted(f.id for f in folders)
    assert not set(shards[0]) & set(shards[1])
    with pytest.raises(DataError, match="use one of"):
        build_all.chosen(folders, examples=False, only=["no-such-setting"], shard=(1, 1))


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        ("two settings at one address", ["setting.yml", "site_url", "give each setting its own address"]),
        ("a folder name that cannot be an address", ["the folder's name", "rename the folder"]),
    ],
)
def test_settings_that_would_overwrite_each_other_are_refused_before_anything_is_built(tmp_path, mistake, expected):
    project = copy_project(tmp_path)
    first, second = setting_folders(project / "settings")[:2]
    if mistake == "two settings at one address":
        for folder in (first, second):
            with (folder.path / "setting.yml").open("a", encoding="utf-8") as facts:
                facts.write("site_url: https://policy.example.org/one/\n")
    else:
        second.path.rename(second.path.with_name("St Marys"))
    result = run_build_all(project, tmp_path / "out", "--examples")
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert all(words in message for words in expected), message
    assert not (tmp_path / "out").exists()


def test_a_mistake_in_the_groups_data_stops_every_setting_before_any_is_built(tmp_path):
    """The Group's data is checked once, before any worker starts: a mistake there fails no setting alone."""
    project = copy_project(tmp_path)
    edit_yaml(lambda group: group.pop("dsl_in_full"))(project / "data" / "group.yml")
    result = run_build_all(project, tmp_path / "out", "--examples")
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert "data/group.yml" in message and "dsl_in_full" in message, message
    sites_cache = project / build_all.CACHE_DIR.relative_to(build_all.PROJECT_ROOT)
    assert not (tmp_path / "out").exists() and not sites_cache.exists()


# --- the group's index, and the host's files -----------------------------------------------------


def listed_facts(folder: SettingFolder) -> tuple[str, str, str]:
    setting = SiteData.load(SETTINGS_DIR.parent / "data", folder).setting
    return setting.name, setting.kind_name, setting.local_authority_area


def test_the_group_index_lists_each_site_built_and_leads_to_it(group_build, browser):
    with serve(group_build.out) as root:
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        page = context.new_page()
        page.goto(root)
        assert page.locator("script").count() == 0
        expect(page.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
        items = page.get_by_role("listitem")
        assert items.count() == len(EXAMPLES)  # the broken setting has no site to list
        for example in EXAMPLES:
            name, kind, area = listed_facts(example)
            item = items.filter(has=page.get_by_role("link", name=name, exact=True))
            expect(item).to_contain_text(f"{kind}, {area}")
            expect(item).to_contain_text("Example: not a real setting")
        assert axe_findings(page) == []
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        name, _, _ = listed_facts(EXAMPLES[0])
        page.get_by_role("link", name=name, exact=True).click()
        expect(page).to_have_url(f"{root}{EXAMPLES[0].id}/")
        expect(page.locator(".md-copyright")).to_contain_text(name)
        context.close()


def test_the_hosts_headers_give_each_site_its_own_policy_under_its_path(group_build):
    headers = (group_build.out / "_headers").read_text(encoding="utf-8")
    for example in EXAMPLES:
        own = (group_build.site(example.id) / "_headers").read_text(encoding="utf-8")
        [policy] = re.findall(r"^  (Content-Security-Policy: .*)$", own, re.MULTILINE)
        assert re.search(rf"^/{example.id}/\*\n  {re.escape(policy)}$", headers, re.MULTILINE), example.id
    assert re.search(rf"^/\n  {re.escape(INDEX_POLICY)}$", headers, re.MULTILINE)
    # No rule for every path: a host would add its headers to every site's.
    assert not re.search(r"^/\*$", headers, re.MULTILINE)


def test_a_sites_host_rules_move_under_its_path_once():
    """_headers is written for the site's root ("/*"), _redirects with the site's own path."""
    site_rules = "/*\n  X-Content-Type-Options: nosniff\n/old/ /new/ 301\n/riverside/a/ /riverside/b/ 301"
    assert group_index.under("/riverside/", site_rules).splitlines() == [
        "/riverside/*", "  X-Content-Type-Options: nosniff", "/riverside/old/ /riverside/new/ 301",
        "/riverside/a/ /riverside/b/ 301"]


def test_the_index_alone_is_written_for_sites_joined_from_shards(group_build, tmp_path):
    """CI builds the settings in shards and joins their folders; the index is written last."""
    out, joined = tmp_path / "joined", EXAMPLES[0].id
    shutil.copytree(group_build.site(joined), out / joined)
    result = run_build_all(group_build.project, out, "--index-only")
    assert result.returncode == 0, result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{joined}/"' in index
    # Only the site in OUT is listed: not the other settings, the suite's own among them.
    others = {SETTING.id, *(folder.id for folder in setting_folders(group_build.project / "settings"))} - {joined}
    assert not [other for other in others if other in index]
