"""Working without signal on phones: a web app manifest and a service worker (``sw.js``),
written after each build (``mkdocs_hooks.on_post_build``), that precache every page and asset.

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
from pathlib import Path

from sitedata import PROJECT_ROOT
from sitedata.addresses import MANIFEST, SERVICE_WORKER

OWN_ASSETS = PROJECT_ROOT / "overrides" / "assets"
TEMPLATE = Path(__file__).with_name("sw.template.js")
# Not precached: the downloads themselves (large; cached when first opened, the Downloads page
# is precached), source maps (for developers' tools) and files no page loads.
NOT_PRECACHED_SUFFIXES = (".pdf", ".zip", ".map")
NOT_PRECACHED = (SERVICE_WORKER, "sitemap.xml", "sitemap.xml.gz", "_headers")


def asset_version() -> str:
    """A short hash of our own assets (overrides/assets): it changes when any of them does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in OWN_ASSETS.rglob("*") if p.is_file()):
        digest.update(path.relative_to(OWN_ASSETS).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def versioned(address: str, version: str) -> str:
    """Our own asset addresses carry the asset version; everything else is as built."""
    return f"{address}?v={version}" if (OWN_ASSETS.parent / address).is_file() else address


# --- the service worker -------------------------------------------------------------------------


def precache_list(site_dir: Path, version: str) -> list[str]:
    """Every address a reader can load, relative to the site's root: pages as their folders
    ('policy/11-concerns/'), assets as they are linked."""
    addresses = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if relative in NOT_PRECACHED or relative.endswith(NOT_PRECACHED_SUFFIXES):
            continue
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative.removesuffix("index.html") or "./"
        addresses.append(versioned(relative, version))
    return addresses


def build_hash(site_dir: Path, addresses: list[str]) -> str:
    """The cache's name: a hash of every precached file's content."""
    digest = hashlib.sha256()
    for address in addresses:
        path = address.split("?")[0]
        file = site_dir / (path + "index.html" if path.endswith("/") else "index.html" if path == "./" else path)
        digest.update(address.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def write_service_worker(site_dir: Path, version: str) -> str:
    addresses = precache_list(site_dir, version)
    cache = f"policy-{build_hash(site_dir, addresses)}"
    template = TEMPLATE.read_text(encoding="utf-8")
    script = template.replace("__CACHE_NAME__", json.dumps(cache)).replace("__PRECACHE__", json.dumps(addresses))
    (site_dir / SERVICE_WORKER).write_text(script, encoding="utf-8")
    return cache


def write_manifest(site_dir: Path, name: str, short_name: str, description: str) -> None:
    manifest = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": "#1d4e89",
        "background_color": "#ffffff",
        "icons": [
            {"src": "assets/images/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/images/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "assets/images/icon.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    (site_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
