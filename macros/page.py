"""The page mkdocs-macros is rendering, as the macros that render it see it."""

from __future__ import annotations

from sitedata.addresses import Linker


def linker(env) -> Linker:
    """Links from the page being rendered to the others, as built (directory addresses or not)."""
    return Linker(env.page.file.src_uri, env.conf["use_directory_urls"])
