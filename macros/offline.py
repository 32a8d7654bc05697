"""The offline copy: a second build made to be opened from disk (file://), zipped into the
site's downloads.  python -m macros.offline SITE_DIR"""

from __future__ import annotations

import sys


def main(site_dir: str) -> None:
    """Write SITE_DIR/downloads/<name>-offline.zip."""


if __name__ == "__main__":
    main(*sys.argv[1:])
