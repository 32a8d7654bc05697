"""The facts the site is made of: ``data/`` loaded, validated and cross-checked, and the
addresses the site gives them. Nothing here imports MkDocs or writes HTML, so the pages
(``macros/``), the tools around the build (``tools/``) and the tests share one load.

``load.SiteData.load(DATA_DIR)`` is the one way in.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DOCS_DIR = PROJECT_ROOT / "docs"
# Each version of the policy exactly as received (see source/README.md), as source/<date>.md;
# data/versions.yml names them, and the pages are checked against the current one.
SOURCE_DIR = "source"
