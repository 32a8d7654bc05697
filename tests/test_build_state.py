"""The build's state (macros/build_state.py): made once per build by the hooks, frozen, and read
by the hooks, the macros and the templates; nothing of ours travels in config.extra."""

from __future__ import annotations

import dataclasses
import re

import pytest
from mkdocs.exceptions import PluginError

from macros import build_state, mkdocs_hooks
from sitedata import PROJECT_ROOT

# A key of config.extra, as Python or a template reads or writes it: config.extra.key,
# config.extra["key"], config.extra.get("key"), env.conf["extra"]["key"].
EXTRA_KEY = re.compile(r"""(?:config\.extra|\[["']extra["']\])(?:\.get\(|\[|\.)["']?(\w+)""")


@pytest.fixture
def fresh_state(monkeypatch):
    """No build has made its state yet (the module's own, restored afterwards)."""
    monkeypatch.setattr(build_state, "_current", None)


def test_reading_the_state_before_it_is_made_says_so(fresh_state):
    with pytest.raises(PluginError, match="read before the hooks' on_config made it"):
        build_state.current()


def test_the_state_is_made_once_and_frozen(fresh_state, site):
    made = build_state.begin(site, served_site=False, use_directory_urls=False)
    assert build_state.current() is made
    assert made.setting is site.setting and made.palette == site.setting.palette
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.served_site = True


def test_the_clause_aliases_follow_how_the_site_is_addressed(fresh_state, site):
    """The copy opened from disk has no directory addresses (Material's offline plugin switches
    them off in its on_config, before the hooks' on_config makes the state)."""
    renumbered = dataclasses.replace(site, versions=dataclasses.replace(site.versions, aliases={"11.99": "11.5"}))
    served = build_state.begin(renumbered, served_site=True, use_directory_urls=True).clause_aliases
    on_disk = build_state.begin(renumbered, served_site=False, use_directory_urls=False).clause_aliases
    assert served.keys() == on_disk.keys() == {"clause-11-99"}
    assert all("/#" in address for address in served.values())
    assert all(".html#" in address for address in on_disk.values())


def test_the_hooks_make_the_state_after_every_plugins_on_config():
    """Material's offline plugin switches directory addresses off in its on_config: the hooks'
    runs after it (MkDocs runs the events by priority, highest first; plugins have 0)."""
    assert mkdocs_hooks.on_config.mkdocs_priority < 0


def test_no_template_or_page_reads_our_values_from_config_extra():
    """config.extra keeps only what Material reads itself (the offline plugin's polyfills)."""
    readers = [*(PROJECT_ROOT / "overrides").rglob("*.html"), *(PROJECT_ROOT / "docs").rglob("*.md"),
               *(PROJECT_ROOT / "macros").glob("*.py")]
    used = {(path.relative_to(PROJECT_ROOT).as_posix(), key) for path in readers
            for key in EXTRA_KEY.findall(path.read_text(encoding="utf-8"))}
    assert {key for _, key in used} == {"polyfills"}, sorted(used)
