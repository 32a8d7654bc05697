"""Every built page is valid HTML: the Nu HTML Checker (vnu.jar, pinned in scripts/vnu/, run by
Debian's Java; `make browser` installs both) reports no error on any page. One Java start for
every page: the checker takes them all at once."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT

from macros import valid_html

VNU = ROOT / "scripts" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING = "Fix: run `make browser` (Debian's default-jre-headless, and npm ci in scripts/vnu)"


def vnu_errors(files) -> list[str]:
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail(f"{VNU if java else 'java'} is missing. {MISSING}")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m['url'].rsplit('/', 3)[-2:]} line {m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_page_is_valid_html(built_site):
    assert vnu_errors(built_site.pages()) == []


def test_the_checker_finds_what_the_build_fixes(tmp_path):
    """The checker is real, and each of Material's invalid attributes that the build removes is
    one it rejects."""
    page = ('<!doctype html><html lang="en"><head><title>t</title></head><body>'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<label class="md-nav__link" for="__search" tabindex="">Search</label>'
            '<label class="md-nav__title" for="__toc">Contents</label></body></html>')
    (tmp_path / "invalid.html").write_text(page)
    (tmp_path / "fixed.html").write_text(valid_html.fix(page))
    errors = vnu_errors([tmp_path / "invalid.html", tmp_path / "fixed.html"])
    assert len(errors) == 3 and all("invalid.html" in error for error in errors), errors
