"""linkchecker, run over the built site on 127.0.0.1: every internal link and #anchor resolves."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, serve

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
CONFIG = ROOT / "tests" / "linkcheckerrc"


# The link check follows the links to the downloads too: the whole build (the pages, the PDFs and the offline copy, in the same folder).
pytestmark = pytest.mark.usefixtures("built_downloads")


def check_links(start_url: str) -> tuple[list[dict], list[dict]]:
    """Run linkchecker from ``start_url``; return (every URL it checked, the failures)."""
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(CONFIG), "--no-status", "--output", "csv", start_url],
        capture_output=True, text=True, timeout=300,
    )
    lines = result.stdout.splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#"))), delimiter=";"))
    # Anchors that are missing come back as warnings on a valid URL: count them as failures.
    failures = [row for row in rows if row["valid"] != "True" or "Anchor" in row["warningstring"]]
    return rows, failures


def test_every_internal_link_and_anchor_resolves(built_site, site_url):
    checked, failures = check_links(site_url)
    assert not failures, "\n".join(f"{r['parentname']} -> {r['urlname']}: {r['result']} {r['warningstring']}" for r in failures)
    # The crawl reached every page of the build (Material's 404 page is linked from nowhere).
    crawled = {row["url"].split("#")[0] for row in checked}
    for page in built_site.pages():
        path = page.relative_to(built_site.path).as_posix().removesuffix("index.html")
        if path != "404.html":
            assert site_url + path in crawled, path


def test_the_checker_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="other.html#present">ok</a> <a href="other.html#absent">bad anchor</a> '
        '<a href="missing.html">missing page</a> <a href="tel:999">999</a>'
    )
    (tmp_path / "other.html").write_text('<p id="present">here</p>')
    with serve(tmp_path) as url:
        _, failures = check_links(url)
    assert sorted(row["urlname"] for row in failures) == ["missing.html", "other.html#absent"]
