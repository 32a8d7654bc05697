"""Working without signal on phones: a web app manifest and a service worker (``sw.js``),
written after each build (``mkdocs_hooks.on_post_build``), that precache every page and every
file the pages use.

The cache is named by a hash of the build, so a new build replaces the old cache whole. Pages
come network-first (with a short timeout, for poor signal) and fall back to the cache; assets
come cache-first. Our own unhashed assets are addressed as ``name.css?v=<asset version>`` so
that a page never picks up another build's copy of them; Material's assets have the hash in
their names already. (On a laptop, the copy opened from disk does the same job: see
``tools/offline_copy.py``.)
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

from macros.brand import TEMPLATES as BRAND_TEMPLATES
from sitedata import PROJECT_ROOT
from sitedata.addresses import MANIFEST, SEARCH_INDEX, SERVICE_WORKER, served_file

OWN_ASSETS = PROJECT_ROOT / "overrides" / "assets"
TEMPLATE = Path(__file__).with_name("sw.template.js")
# A file a page loads: a script, a stylesheet, an image, the manifest (not <a> links: pages are
# all precached anyway, and the downloads are kept when first opened).
LOADED = re.compile(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"#]+)"')
# Material's settings, which name the search worker that search.js starts on demand.
THEME_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def asset_version(brand_colour: str) -> str:
    """A short hash of our own assets (overrides/assets, and those the brand colour draws from
    macros/templates): it changes when any of them does."""
    digest = hashlib.sha256(brand_colour.encode())
    for path in sorted(BRAND_TEMPLATES.iterdir()):
        digest.update(path.read_bytes())
    for path in sorted(p for p in OWN_ASSETS.rglob("*") if p.is_file()):
        digest.update(path.relative_to(OWN_ASSETS).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def versioned(address: str, version: str) -> str:
    """Our own asset addresses carry the asset version; everything else is as built."""
    return f"{address}?v={version}" if (OWN_ASSETS.parent / address).is_file() else address


# --- the service worker -------------------------------------------------------------------------


def page_address(path: str) -> str:
    """'policy/11-concerns/index.html' -> 'policy/11-concerns/'; the home page is './'."""
    if path == "index.html" or path.endswith("/index.html"):
        return path.removesuffix("index.html") or "./"
    return path


def precache_list(site_dir: Path) -> list[str]:
    """What a reader can open without signal after one visit, relative to the site's root: every
    page ('policy/11-concerns/'), and every file that a page loads or its scripts fetch (the
    search worker and index, the manifest's icons), as the pages address them (with their ?v=).
    Files that no page uses (the theme's search languages other than English, source maps, the
    disk copy's search shim, the downloads) are left out. Smallest first: on a poor connection
    the pages are kept before the large scripts and the search index."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    used = {page_address(page) for page in pages}
    for page in pages:
        html = (site_dir / page).read_text(encoding="utf-8")
        folder = posixpath.dirname(page)
        loaded = LOADED.findall(html)
        if config := THEME_CONFIG.search(html):
            loaded += [json.loads(config[1])["search"]]
        for address in loaded:
            if "://" in address or address.startswith(("data:", "/")):
                continue  # another origin (the CSP refuses it anyway) or an inline image
            address = posixpath.normpath(posixpath.join(folder, address))
            if not (site_dir / address.split("?")[0]).is_dir():  # a page (<link rel="next">): listed
                used.add(address)
    used.add(SEARCH_INDEX)
    if MANIFEST in used:
        manifest = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
        used.update(icon["src"] for icon in manifest["icons"])
    return sorted(used, key=lambda address: ((site_dir / served_file(address)).stat().st_size, address))


def build_hash(site_dir: Path, addresses: list[str]) -> str:
    """What names the build's cache (after the site's address): a hash of every precached file's
    content."""
    digest = hashlib.sha256()
    for address in addresses:
        digest.update(address.encode())
        digest.update((site_dir / served_file(address)).read_bytes())
    return digest.hexdigest()[:12]


def write_service_worker(site_dir: Path) -> None:
    addresses = precache_list(site_dir)
    build = build_hash(site_dir, addresses)
    template = TEMPLATE.read_text(encoding="utf-8")
    script = template.replace("__BUILD_HASH__", json.dumps(build)).replace("__PRECACHE__", json.dumps(addresses))
    (site_dir / SERVICE_WORKER).write_text(script, encoding="utf-8")


def write_manifest(site_dir: Path, name: str, short_name: str, description: str, start_url: str,
                   theme_colour: str) -> None:
    """The web app manifest, meeting the browsers' criteria for installing a site as an app
    (tests/test_offline.py checks them). ``start_url``, relative to the manifest, is also the
    app's ``id``: each site the build is published at is an app of its own."""
    manifest = {
        "id": start_url,
        "name": name,
        "short_name": short_name,
        "description": description,
        "start_url": start_url,
        "scope": start_url,
        "display": "standalone",
        "theme_color": theme_colour,
        "background_color": "#ffffff",
        "icons": [
            {"src": "assets/images/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/images/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "assets/images/icon.svg", "sizes": "any", "type": "image/svg+xml"},
            # icon.svg's drawing without its rounded corners, the shield inside the middle 80%
            # that a phone keeps whatever shape it cuts (rendered by Chromium from that SVG).
            {"src": "assets/images/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    (site_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
