"""The group's front page, over every setting's site (scripts/build-all): OUT/index.html lists
each site by name, kind and area, by nation, so that someone who works across settings finds
theirs, with no script. Beside it go the host's files for all the sites at once: ``_headers``
(each site's own Content Security Policy and headers, under its path) and ``_redirects``, which
Netlify and Cloudflare Pages read only at the root of what they publish.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from sitedata import DATA_DIR
from sitedata.load import load_file
from sitedata.files import read_yaml
from sitedata.models import Contact, Group, GroupContacts, SettingFacts
from sitedata.settings import SettingFolder, site_address

TEMPLATES = Path(__file__).parent / "templates"
HOST_FILES = ("_headers", "_redirects")
# The index's own headers: it loads its stylesheet and nothing else.
INDEX_POLICY = ("Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                "form-action 'none'; frame-ancestors 'none'")
INDEX_HEADERS = "# The group's index of every setting's site (tools/group_index.py).\n" + "".join(
    f"{path}\n  {INDEX_POLICY}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
    for path in ("/", "/index.html"))
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")


@dataclass(frozen=True)
class Listed:
    """A setting as the index lists it."""

    id: str
    name: str
    kind: str
    area: str
    nation: str
    example: bool


def listed(folder: SettingFolder, group: Group) -> Listed:
    facts = SettingFacts.model_validate(read_yaml(folder.path / "setting.yml"))
    return Listed(folder.id, facts.name, group.kinds[facts.kind].name, facts.local_authority_area, facts.nation, facts.example)


def emergency(contacts: GroupContacts) -> Contact:
    """The first call of every page's emergency strip (data/contacts.yml): 999."""
    first = contacts.emergency_route[0].contact
    return next(contact for contact in contacts.contacts if contact.id == first)


def under(path: str, text: str) -> str:
    """A site's host file with its addresses as the host's root sees them, under the site's
    ``path`` ("/bankside/"): "/*" -> "/bankside/*". An address already under it (_redirects is
    written with the site's own path) is left as it is."""
    def moved(word: str) -> str:
        return word if not word.startswith("/") or word.startswith(path) else path.rstrip("/") + word

    def line_moved(line: str) -> str:
        if not line.strip() or line.startswith(("#", " ", "\t")):
            return line
        return " ".join(moved(word) for word in line.split())
    return "\n".join(line_moved(line) for line in text.splitlines())


def site_path(folder: SettingFolder, base_url: str) -> str:
    """The site's path on the host: its address's, else /<id>/ (OUT/<id>/ at the host's root)."""
    return urlsplit(site_address(folder, base_url)).path or f"/{folder.id}/"


def write(out: Path, folders: list[SettingFolder], base_url: str = "") -> None:
    """index.html, index.css, _headers and _redirects in ``out``, for the sites built there."""
    group = load_file(DATA_DIR / "group.yml")
    sites = sorted((listed(folder, group) for folder in folders if (out / folder.id / "index.html").is_file()),
                   key=lambda site: (NATIONS.index(site.nation), site.name.casefold()))
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                              keep_trailing_newline=True)
    page = environment.get_template("group-index.html").render(
        group=group, sites=sites, by_nation=[(nation, list(listed)) for nation, listed in
                                             itertools.groupby(sites, key=lambda site: site.nation)],
        emergency=emergency(load_file(DATA_DIR / "contacts.yml")))
    paths = {folder.id: site_path(folder, base_url) for folder in folders}
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / "index.css").write_text((TEMPLATES / "group-index.css").read_text(encoding="utf-8"), encoding="utf-8")
    for name in HOST_FILES:
        parts = [INDEX_HEADERS] if name == "_headers" else []
        parts += [f"# {site.name}: {site.id}/\n" + under(paths[site.id], (out / site.id / name).read_text(encoding="utf-8"))
                  for site in sites if (out / site.id / name).is_file()]
        (out / name).write_text("\n".join(parts) + "\n", encoding="utf-8")
