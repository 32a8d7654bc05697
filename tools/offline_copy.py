"""The copy to open from disk on a laptop with no signal: the site built again for ``file://``
(Material's offline plugin, switched on by ``OFFLINE=true`` in mkdocs.yml) with the PDFs
already built, zipped into the site's downloads. Its folder is named by the policy's version
(bankside-child-exploitation-policy-2024-09-01/, by setting and version), so that a newer copy
unzips beside an older one and never into it: no page of one version mixed with another's.

    python -m tools.offline_copy SITE_DIR
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from sitedata import DATA_DIR, PROJECT_ROOT
from sitedata.build_date import build_moment
from sitedata.addresses import DOWNLOADS, offline_folder, offline_zip
from sitedata.load import SiteData

from . import pages

SOURCE_MAP = ".map"  # for developers' tools only: left out of the zip
# A regular file, rw-r--r--, in the zip's Unix attributes (the upper 16 bits).
READABLE_FILE = 0o100644 << 16


def build_pages_for_disk(copy: Path) -> None:
    """MkDocs, in a process of its own, building the pages for file:// into ``copy``."""
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(pages.command(copy, quiet=True), cwd=PROJECT_ROOT, env=env)
    if built.returncode != 0:
        # MkDocs has printed the mistake: say which build it was, without a traceback.
        raise SystemExit("tools/offline_copy.py: the build of the copy opened from disk stopped (see above). "
                         "Fix: correct what the message above names, then build again")


def build_offline_copy(site_dir: Path) -> Path:
    """Build the site again for file:// (Material's offline plugin) and zip it, with the PDFs
    already in ``site_dir``, into ``site_dir/downloads``."""
    with tempfile.TemporaryDirectory() as temp:
        return zip_copy(site_dir, build_copy_pages(Path(temp)), SiteData.load_once(DATA_DIR).folder.id)


def build_copy_pages(parent: Path, build_pages: Callable[[Path], None] = build_pages_for_disk) -> Path:
    """The pages for file:// in a folder of ``parent`` named by the setting and the policy's
    version; returns that folder. ``build_pages`` builds them into the folder it is given
    (tools/build_all.py builds them in its own process, while another prints the PDFs)."""
    site = SiteData.load_once(DATA_DIR)
    copy = parent / offline_folder(site.folder.id, site.versions.current.date)
    build_pages(copy)
    return copy


def zip_copy(site_dir: Path, copy: Path, setting: str) -> Path:
    """``copy`` (from build_copy_pages), with the PDFs in ``site_dir``, zipped into its downloads
    under the ``setting``'s name."""
    downloads = site_dir / DOWNLOADS
    downloads.mkdir(exist_ok=True)
    for pdf in downloads.glob("*.pdf"):
        (copy / DOWNLOADS).mkdir(exist_ok=True)
        shutil.copy2(pdf, copy / DOWNLOADS / pdf.name)
    target = downloads / offline_zip(setting)
    write_zip(target, copy)
    return target


def write_zip(target: Path, folder: Path) -> None:
    """``folder``'s files, in name order, each dated by the build and readable by all: the same
    commit zips to the same bytes on any day, in any folder."""
    dated = build_moment().timetuple()[:6]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != SOURCE_MAP):
            entry = zipfile.ZipInfo(path.relative_to(folder.parent).as_posix(), date_time=dated)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = READABLE_FILE
            archive.writestr(entry, path.read_bytes())


def main(site_dir: str) -> None:
    target = build_offline_copy(Path(site_dir))
    print(f"offline copy: {target} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(*sys.argv[1:])
