"""The facts the site is made of: ``data/`` loaded, validated and cross-checked, and the
addresses the site gives them. Nothing here imports MkDocs or writes HTML, so the pages
(``macros/``), the tools around the build (``tools/``) and the tests share one load.

``load.SiteData.load(DATA_DIR)`` is the one way in.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DOCS_DIR = PROJECT_ROOT / "docs"
# The policy exactly as received (see source/README.md): pages are checked against it.
POLICY_AS_RECEIVED = Path("source") / "child-exploitation-policy-2024-09-01.md"
