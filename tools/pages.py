"""The site's pages: MkDocs' strict build, the first step of every build of the site.

``scripts/build`` runs it as ``python -m mkdocs build --strict``. The tools and tests that build
the pages in a process of their own run ``command``; build-all's workers, which build many
sites, run ``build_here``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sitedata import PROJECT_ROOT


def command(site_dir: Path | str, quiet: bool = False) -> list[str]:
    """The strict build into ``site_dir``, in a process of its own started in the project's folder."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", *(["--quiet"] if quiet else []),
            "--site-dir", str(site_dir)]


def build_here(site_dir: Path, offline: bool = False) -> None:
    """The strict build in this process: the served site, or with ``offline`` the copy opened
    from disk (mkdocs.yml switches Material's offline plugin on)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["OFFLINE"] = "true" if offline else "false"
    build(load_config(str(PROJECT_ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
