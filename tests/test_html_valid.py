"""Every built page is valid HTML: the Nu HTML Checker (vnu.jar, pinned in scripts/vnu/, run by
Debian's Java; `make browser` installs both) reports no error on any page. One Java start for
every page: the checker takes them all at once."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

from macros import valid_html

# Both tests read one run of the checker (the module's fixture): on one worker, Java starts once.
pytestmark = pytest.mark.xdist_group("html-checker")

VNU = ROOT / "scripts" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING = "Fix: run `make browser` (Debian's default-jre-headless, and npm ci in scripts/vnu)"


# Material's three invalid attributes that the build removes (macros/valid_html.py), on one page.
MATERIALS_INVALID = ('<!doctype html><html lang="en"><head><title>t</title></head><body>'
                     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
                     '<label class="md-nav__link" for="__search" tabindex="">Search</label>'
                     '<label class="md-nav__title" for="__toc">Contents</label></body></html>')


@pytest.fixture(scope="module")
def errors(built_site, tmp_path_factory) -> dict[str, list[str]]:
    """The checker's errors for every page of the build, and for Material's invalid markup before
    and after the build's fix, from one run (one Java start): {file name: errors}."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail(f"{VNU if java else 'java'} is missing. {MISSING}")
    folder = tmp_path_factory.mktemp("vnu")
    (folder / "invalid.html").write_text(MATERIALS_INVALID)
    (folder / "fixed.html").write_text(valid_html.fix(MATERIALS_INVALID))
    files = [*built_site.pages(), folder / "invalid.html", folder / "fixed.html"]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    found: dict[str, list[str]] = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        path = Path(urlsplit(message["url"]).path)
        name = path.name if path.parent == folder else path.relative_to(built_site.path).as_posix()
        found.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return found


def test_every_page_is_valid_html(errors):
    assert {page: found for page, found in errors.items() if page not in ("invalid.html", "fixed.html")} == {}


def test_the_checker_finds_what_the_build_fixes(errors):
    """The checker is real, and each of Material's invalid attributes that the build removes is
    one it rejects."""
    assert len(errors.get("invalid.html", [])) == 3, errors.get("invalid.html")
    assert "fixed.html" not in errors, errors["fixed.html"]
