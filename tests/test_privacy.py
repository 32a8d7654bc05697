"""Nothing in the built site loads from another origin: no web fonts, CDN scripts, analytics or
remote images. Links that a reader chooses to follow (<a href>) may point anywhere."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

# Attributes that make the browser fetch something without the reader choosing to.
LOADING_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
    "audio": ["src"], "video": ["src", "poster"], "embed": ["src"], "object": ["data"], "track": ["src"],
    "link": ["href"], "image": ["href", "xlink:href"], "use": ["href", "xlink:href"], "form": ["action"],
}
# <link rel> values that are navigation hints only, never fetched.
NON_LOADING_LINK_RELS = {"canonical", "prev", "next", "alternate"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def is_remote(url: str) -> bool:
    url = url.strip()
    return bool(urlsplit(url).netloc) or url.startswith("//")


def remote_loads_in_html(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attributes in LOADING_ATTRIBUTES.items():
        for element in page.find_all(tag):
            if tag == "link" and NON_LOADING_LINK_RELS & set(element.get("rel", [])):
                continue
            for attribute in attributes:
                for url in (element.get(attribute) or "").split(","):
                    if url and is_remote(url.split()[0]):
                        found.append(f"<{tag} {attribute}={url.strip()}>")
    for style in page.find_all("style"):
        found += remote_loads_in_css(style.get_text())
    for element in page.find_all(style=True):
        found += remote_loads_in_css(element["style"])
    return found


def remote_loads_in_css(css: str) -> list[str]:
    return [url for url in CSS_URL.findall(css) if is_remote(url)]


def test_no_page_loads_from_another_origin(built_site):
    offences = {
        str(path.relative_to(built_site.path)): found
        for path in built_site.pages()
        if (found := remote_loads_in_html(path.read_text(encoding="utf-8")))
    }
    assert not offences


def test_no_stylesheet_loads_from_another_origin(built_site):
    offences = {
        str(path.relative_to(built_site.path)): found
        for path in sorted(built_site.path.rglob("*.css"))
        if (found := remote_loads_in_css(path.read_text(encoding="utf-8")))
    }
    assert not offences


def test_no_web_font_files_or_font_services(built_site):
    everything = "\n".join(p.read_text(encoding="utf-8") for p in built_site.pages())
    assert "fonts.googleapis.com" not in everything
    assert "fonts.gstatic.com" not in everything


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.example.org/mermaid.js"></script>',
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        '<link rel="preconnect" href="https://fonts.gstatic.com">',
        '<img srcset="a.png 1x, https://img.example.org/b.png 2x">',
        '<img src="//tracker.example.org/pixel.gif">',
        '<div style="background: url(https://example.org/bg.png)"></div>',
        "<style>@import 'https://example.org/x.css';</style>",
    ],
)
def test_the_check_catches_remote_loads(html):
    assert remote_loads_in_html(html)


def test_the_check_allows_local_loads_and_ordinary_links():
    html = (
        '<script src="../assets/javascripts/bundle.js"></script><link rel="stylesheet" href="assets/site.css">'
        '<link rel="canonical" href="https://example.org/page/"><a href="https://www.gov.uk/">GOV.UK</a>'
        '<img src="data:image/png;base64,AAAA">'
    )
    assert remote_loads_in_html(html) == []


# --- what the reader types stays in the page --------------------------------------------------


def test_search_words_never_reach_an_address(browser, site_url):
    """Search-term highlighting (search.highlight) would carry the words into the result's
    address (?h=...), and so into the server's logs and the history: it is off."""
    from conftest import VIEWPORTS, search
    from playwright.sync_api import expect

    context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url, wait_until="load")
    search(page, "dwellings")
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible(timeout=15000)
    assert "?" not in (result.get_attribute("href") or "")
    result.click()
    page.wait_for_load_state("load")
    assert "dwellings" not in page.url and "?h=" not in page.url, page.url
    assert not [url for url in requested if "dwellings" in url.lower()], requested
    context.close()
