"""MkDocs hooks (mkdocs.yml `hooks:`): the pages and files that the pathway graph generates.

mkdocs-macros can fill pages but cannot add them, so this thin hook adds the outcome and
question pages to the build and the nav, and writes ``pathways.json`` for the navigator. The
content itself comes from ``pathway_pages``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# MkDocs loads this file by its path, outside the macros package: make the package importable.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from macros import pathway_pages  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros.sitedata import SiteData  # noqa: E402

# The nav section that the outcome pages join (after its first page, the hub).
NAV_SECTION = "What to do now"

_site: SiteData | None = None


def site_data() -> SiteData:
    global _site
    if _site is None:
        try:
            _site = SiteData.load(PROJECT_ROOT / "data")
        except DataError as error:
            raise PluginError(str(error)) from None
    return _site


def on_config(config):
    global _site
    _site = None  # `mkdocs serve` rebuilds: read the data afresh each time
    outcome_pages = [pathway_pages.node_page(site_data().pathways, o.id) for o in site_data().pathways.outcomes]
    for entry in config.nav or []:
        if isinstance(entry, dict) and NAV_SECTION in entry:
            section = entry[NAV_SECTION]
            entry[NAV_SECTION] = [section[0], *outcome_pages, *section[1:]]
            return config
    raise PluginError(f"mkdocs.yml: nav has no {NAV_SECTION!r} section for the outcome pages. Fix: add it back")


def on_files(files: Files, config) -> Files:
    for src_uri, content in pathway_pages.generated_pages(site_data()).items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_post_build(config) -> None:
    data = pathway_pages.export(site_data(), config.use_directory_urls)
    out = Path(config.site_dir) / pathway_pages.JSON_NAME
    out.write_text(json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")), encoding="utf-8")
