"""The PDFs: the whole policy and the one-page pocket card, printed by headless Chromium from
the built site's print pages.  python -m macros.pdf SITE_DIR"""

from __future__ import annotations

import sys


def main(site_dir: str) -> None:
    """Write SITE_DIR/downloads/*.pdf."""


if __name__ == "__main__":
    main(*sys.argv[1:])
