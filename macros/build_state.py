"""What the hooks, the macros and the theme's templates share in one build: made once per build
and frozen.

MkDocs offers ``config.extra`` for this: an untyped bag whose keys nothing checks, and whose
writers must run before its readers by the luck of the plugins' order. Here there is one
writer, ``begin``, called by the hooks' on_config (macros/mkdocs_hooks.py), which runs after
every plugin's on_config (its event priority says so); every reader asks ``current()``, which
runs later: the hooks from on_files on, a macro when a page calls it, a template when a page is
rendered. ``config.extra`` keeps only what Material reads itself (the offline plugin's polyfills).

The templates see it as ``build``: the theme's (mkdocs_hooks.on_env) and the pages'
(macros.on_pre_page_macros).
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError

from sitedata.colours import Palette
from sitedata.load import SiteData
from sitedata.models import Setting

from . import render, service_worker, versions


@dataclass(frozen=True)
class BuildState:
    site: SiteData
    # The served site; False for the copy opened from disk, which has no service worker and no
    # manifest, and whose pages cannot fetch one another.
    served_site: bool
    # Our own stylesheets' and scripts' version, in their addresses (macros/service_worker.py).
    asset_version: str
    # Each anchor of a clause an earlier version numbered otherwise, and where it leads now.
    clause_aliases: dict[str, str]
    # The strip at the top of every page (overrides/partials/emergency.html).
    emergency_route: tuple[dict, ...]
    # The footer's line about the policy's date (overrides/partials/copyright.html).
    review: dict

    @property
    def setting(self) -> Setting:
        return self.site.setting

    @property
    def palette(self) -> Palette:
        return self.site.setting.palette


_current: BuildState | None = None


def begin(site: SiteData, served_site: bool, use_directory_urls: bool) -> BuildState:
    """This build's state, from the data it builds and how it is built."""
    global _current
    _current = BuildState(
        site=site,
        served_site=served_site,
        asset_version=service_worker.asset_version(site.setting.brand_colour),
        clause_aliases=versions.alias_addresses(site.versions.aliases, site.clause_page, use_directory_urls),
        emergency_route=tuple(render.emergency_route(site)),
        review=render.review_status(site.versions.current, site.built_on),
    )
    return _current


def current() -> BuildState:
    if _current is None:
        raise PluginError("macros/build_state.py: the build's state was read before the hooks' on_config made "
                          "it. Fix: read it from on_files on, or in a macro when a page calls it, not in define_env")
    return _current
