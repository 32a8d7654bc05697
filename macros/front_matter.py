"""A page's front matter is data with a contract: it parses, each key is one the site reads, and each
script or stylesheet it names exists.

MkDocs drops front matter that does not parse without a word, and ignores a key it does not know:
a typo (``script: [now]``) would silently take the "who to call now" panel off the contacts page.
So each page's front matter is read again here, by the data files' strict loader, and checked.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.meta import YAML_RE

from sitedata.errors import DataError
from sitedata.files import parse_yaml

# The keys the site's pages use, and what reads each.
KEYS = {
    "title": "MkDocs: the page's title",
    "search": "Material: `search: {exclude: true}` leaves the page out of search",
    "hide": "Material: the parts of the layout the page hides",
    "scripts": "overrides/main.html: our scripts the page loads (assets/javascripts/NAME.js)",
    "styles": "overrides/main.html: our stylesheets the page loads (assets/stylesheets/NAME.css)",
    "section": "the policy section the page holds (tests/test_pages.py)",
    "render_macros": "mkdocs-macros: false for the pages made from data/pathways.yml",
}
# Where the files that `scripts:` and `styles:` name are, under the theme's folder.
ASSETS = {"scripts": ("assets/javascripts", ".js"), "styles": ("assets/stylesheets", ".css")}


def check(page: str, source: str, theme_dir: Path) -> None:
    """Stop the build on front matter that does not parse or names what does not exist. ``page``:
    the page as its editor knows it (docs/contacts.md)."""
    found = YAML_RE.match(source)
    if not found:
        return
    meta = parse_yaml(found.group(1), page, first_line=2)
    if not isinstance(meta, dict):
        raise DataError(page, "the front matter", "is not a list of `key: value` lines",
                        "write it as lines such as `title: Contacts` between the two --- lines")
    for key, value in meta.items():
        if key not in KEYS:
            raise DataError(page, f"front matter key {key!r}", "is not a key this site reads",
                            f"use one of {', '.join(KEYS)} (spelt as here)")
        if key in ASSETS:
            folder, suffix = ASSETS[key]
            names = value if isinstance(value, list) else [value]
            for name in names:
                if not (isinstance(name, str) and (theme_dir / folder / f"{name}{suffix}").is_file()):
                    available = sorted(p.stem for p in (theme_dir / folder).glob(f"*{suffix}"))
                    raise DataError(page, f"front matter {key}: {name!r}", f"names no file in {folder}/",
                                    f"write it as a list of names, e.g. [{available[0]}]: one of {', '.join(available)}")
