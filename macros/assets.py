"""Our own scripts and stylesheets as a reader's phone downloads them, after each build
(``mkdocs_hooks.on_post_build``).

- The scripts that every page runs are written as separate files in
  ``overrides/assets/javascripts/`` (one job each) and joined into one file, ``site.js``: one
  request instead of five on a first visit over poor signal. Its first part, ``helpers.js``, is
  what every script shares (``policySite``), so a page's own scripts, which run after it, add no
  request for it.
- Our stylesheets and scripts are minified (rcssmin, rjsmin): their comments explain the code
  to maintainers and need not travel to phones. The theme's own files are minified already.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from sitedata.addresses import EVERY_PAGE_SCRIPT

SCRIPTS = "assets/javascripts"
STYLESHEETS = "assets/stylesheets"
# In this order: helpers.js before the scripts that use it; search.js before the theme's script,
# which site.js precedes.
EVERY_PAGE_PARTS = [
    "helpers.js", "search.js", "toggles.js", "review.js", "offline.js", "clause-aliases.js",
]


def join_every_page_scripts(site_dir: Path) -> None:
    folder = site_dir / SCRIPTS
    parts = [folder / name for name in EVERY_PAGE_PARTS]
    (site_dir / EVERY_PAGE_SCRIPT).write_text(
        "\n".join(part.read_text(encoding="utf-8") for part in parts), encoding="utf-8")
    for part in parts:
        part.unlink()  # no page loads them on their own


def own_files(site_dir: Path, folder: str, suffix: str) -> list[Path]:
    """Our files of one kind: the theme's (*.min.*) and vendored files are left as they are."""
    return [path for path in sorted((site_dir / folder).glob(f"*{suffix}")) if not path.name.endswith(f".min{suffix}")]


def minify(site_dir: Path) -> None:
    for path in own_files(site_dir, STYLESHEETS, ".css"):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in own_files(site_dir, SCRIPTS, ".js"):
        path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
