"""Every internal link of the built site resolves, and so does its #anchor.

MkDocs checks the links written in Markdown, anchors included, as it builds (mkdocs.yml
`validation:`, failed by `strict`). What it does not see is checked here: the links the macros
and templates write as HTML, and the site as served. linkchecker crawls the site on 127.0.0.1
from the home page and fetches every page, stylesheet, script and image that a page links to;
then every link with an #anchor is looked up in its page's ids (linkchecker's own anchor check
would fetch and parse a page again for each of its anchors). The downloads (the PDFs and the
offline copy) are not built for this: test_pdf.py checks that every link to them reaches its file.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT, SITE_PATH, serve

from sitedata import addresses

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
CONFIG = ROOT / "tests" / "linkcheckerrc"
DOWNLOAD = re.compile(rf"^{addresses.DOWNLOADS}/[^/]+\.(pdf|zip)$")


def check_links(start_url: str) -> tuple[list[dict], list[dict]]:
    """Run linkchecker from ``start_url``; return (every URL it checked, the failures)."""
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(CONFIG), "--no-status", "--output", "csv", start_url],
        capture_output=True, text=True, timeout=300,
    )
    lines = result.stdout.splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#"))), delimiter=";"))
    return rows, [row for row in rows if row["valid"] != "True"]


class Anchors(HTMLParser):
    """A page's ids (and <a name>s), and the links it makes (href of a and area)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        self.ids.update(filter(None, [attributes.get("id"), attributes.get("name") if tag == "a" else None]))
        if tag in ("a", "area") and attributes.get("href"):
            self.links.append(attributes["href"])


def missing_anchors(site: Path, root: str = "/") -> list[str]:
    """Every link between the pages of ``site`` whose #anchor is not an id of its page (or whose
    page is not there), as 'page -> link'. ``root``: the site's path on its server, which links
    that start with / (Material's 404 page has them) start with."""
    parsed: dict[str, Anchors] = {}
    for file in sorted(site.rglob("*.html")):
        parsed[file.relative_to(site).as_posix()] = page = Anchors()
        page.feed(file.read_text(encoding="utf-8"))
    missing = []
    for name, page in parsed.items():
        for href in page.links:
            link = urlsplit(href)
            if link.scheme or link.netloc or not link.fragment:
                continue  # another site, tel: or mailto:, or no anchor
            path = unquote(link.path)
            if path.startswith("/"):
                path = path.removeprefix(root) if path.startswith(root) else "/outside the site"
            else:
                path = posixpath.join(posixpath.dirname(name), path) if path else name
            target = posixpath.normpath(path)
            if target == "." or link.path.endswith("/"):
                target = posixpath.join(target, "index.html").removeprefix("./")
            if unquote(link.fragment) not in (parsed[target].ids if target in parsed else set()):
                missing.append(f"{name} -> {href}")
    return missing


def test_every_internal_link_resolves(built_site, site_url):
    checked, failures = check_links(site_url)
    assert not failures, "\n".join(f"{r['parentname']} -> {r['urlname']}: {r['result']} {r['warningstring']}" for r in failures)
    # The crawl reached every page of the build (Material's 404 page is linked from nowhere).
    crawled = {row["url"].split("#")[0] for row in checked}
    for page in built_site.pages():
        path = page.relative_to(built_site.path).as_posix().removesuffix("index.html")
        if path != "404.html":
            assert site_url + path in crawled, path
    # Of the site's own files, only the downloads were left out (linkcheckerrc): they are not built for this.
    left_out = [row["url"].removeprefix(site_url) for row in checked if row["url"].startswith(site_url) and row["result"] == "filtered"]
    assert left_out and all(DOWNLOAD.match(url) for url in left_out), left_out


def test_every_anchor_is_on_its_page(built_site):
    assert missing_anchors(built_site.path, SITE_PATH) == []


def test_the_checks_report_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="other.html#present">ok</a> <a href="other.html#absent">bad anchor</a> '
        '<a href="missing.html">missing page</a> <a href="tel:999">999</a> <a href="#top">top</a> '
        '<a href="sub/#here">ok</a> <a href="sub/#gone">bad anchor</a> <p id="top">'
    )
    # Linked from nowhere, as Material's 404 page is; its links start with the site's path.
    (tmp_path / "404.html").write_text('<a href="/site/other.html#present">ok</a> <a href="/other.html#present">outside</a>')
    (tmp_path / "other.html").write_text('<p id="present">here</p>')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text('<a name="here" href="../index.html#nowhere">back</a>')
    with serve(tmp_path) as url:
        _, failures = check_links(url)
    assert sorted(row["urlname"] for row in failures) == ["missing.html"]
    assert missing_anchors(tmp_path, root="/site/") == [
        "404.html -> /other.html#present", "index.html -> other.html#absent", "index.html -> sub/#gone",
        "sub/index.html -> ../index.html#nowhere"]
