"""Which setting a build is for.

The Group's policy is in ``data/``; each setting (a school, college or children's home) has its
own folder, ``settings/<id>/``, with everything that differs between settings: its names, nation,
team, local contacts and the local-procedure paragraphs of its copy of the policy. ``SETTING=<id>``
chooses one; without it, the build is for the one setting that is not an example.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import PROJECT_ROOT
from .errors import DataError
from .files import SETTINGS, changed, read_yaml

SETTINGS_DIR = PROJECT_ROOT / SETTINGS
# The environment variable that chooses the setting (`make build SETTING=<id>`).
VARIABLE = "SETTING"
# The files every setting's folder has; links.yml (the setting's own web addresses) is optional.
REQUIRED_FILES = ("setting.yml", "team.yml", "contacts.yml", "local-procedures.yml")
OPTIONAL_FILES = ("links.yml",)
# A setting's id is its folder's name, and the path of its site among the group's.
SETTING_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class SettingFolder:
    id: str
    path: Path

    @property
    def shown(self) -> str:
        """The folder as a maintainer finds it: settings/bankside."""
        return f"{self.path.parent.name}/{self.id}"

    def file(self, name: str) -> str:
        return f"{self.shown}/{name}"


def setting_folders(settings_dir: Path) -> list[SettingFolder]:
    """Every setting, by id (its folder's name), in order."""
    if not settings_dir.is_dir():
        raise DataError(f"{settings_dir.name}/", "the folder", "is missing",
                        "restore it from version control: each setting has its folder there")
    return [SettingFolder(path.name, path) for path in sorted(settings_dir.iterdir())
            if path.is_dir() and not path.name.startswith((".", "_"))]


def _facts(folder: SettingFolder) -> dict:
    """A setting's setting.yml as read, before it is validated: to choose and compare settings.
    Every build reads every setting's file this way (choose, check_distinct_addresses), so each
    is read once until it changes."""
    path = folder.path / "setting.yml"
    return _read_facts(path, changed(path)) if path.is_file() else {}


@functools.cache
def _read_facts(path: Path, stamp: tuple[int, int]) -> dict:  # noqa: ARG001 (the stamp keys the cache)
    raw = read_yaml(path)
    return raw if isinstance(raw, dict) else {}


def is_example(folder: SettingFolder) -> bool:
    """Whether the setting's setting.yml says ``example: true``."""
    return _facts(folder).get("example") is True


def site_address(folder: SettingFolder, base_url: str = "") -> str:
    """Where the setting's site is published: its own site_url, else ``base_url`` + its id (the
    group's sites under one host, scripts/build-all), else nowhere yet ("")."""
    own = str(_facts(folder).get("site_url") or "")
    return own or (f"{base_url.rstrip('/')}/{folder.id}/" if base_url else "")


def check_distinct_addresses(settings_dir: Path, base_url: str = "") -> None:
    """Each setting's id can be its site's folder and path, and no two settings are published at
    one address: they would overwrite each other's site."""
    seen: dict[str, str] = {}
    for folder in setting_folders(settings_dir):
        if not SETTING_ID.fullmatch(folder.id):
            raise DataError(f"{folder.shown}/", "the folder's name", "is not lower-case words joined by hyphens, "
                            "which the setting's site address is made of", "rename the folder, e.g. st-marys-school")
        address = site_address(folder, base_url).rstrip("/")
        if address and address in seen:
            raise DataError(folder.file("setting.yml"), "site_url", f"is {address}, the address of the setting "
                            f"{seen[address]!r} too", "give each setting its own address")
        seen[address] = folder.id


def choose(settings_dir: Path, chosen: str | None = None) -> SettingFolder:
    """The setting named by ``chosen`` (default: $SETTING), else the one that is not an example."""
    folders = setting_folders(settings_dir)
    ids = ", ".join(folder.id for folder in folders) or "none yet"
    chosen = os.environ.get(VARIABLE, "") if chosen is None else chosen
    if chosen:
        folder = next((folder for folder in folders if folder.id == chosen), None)
        if folder is None:
            raise DataError(f"{VARIABLE}={chosen}", "the setting", f"is not a folder in {settings_dir.name}/",
                            f"use one of: {ids}")
        return folder
    real = [folder for folder in folders if not is_example(folder)]
    if len(real) != 1:
        raise DataError(f"{settings_dir.name}/", "the default setting",
                        f"is unclear: {len(real)} settings are not examples ({', '.join(f.id for f in real) or 'none'})",
                        f"choose one with {VARIABLE}=<id>, one of: {ids}")
    return real[0]


def check_required_files(folder: SettingFolder) -> None:
    for name in REQUIRED_FILES:
        if not (folder.path / name).exists() and not (folder.path / name).is_symlink():
            raise DataError(folder.file(name), "the file", "is missing",
                            "add it: copy the file of the same name from another setting's folder and change "
                            "its values (MAINTAINING.md, \"Add a setting\")")


if __name__ == "__main__":
    # `python -m sitedata.settings --examples`: the example settings' ids, one a line (make test-examples).
    import sys

    wanted = "--examples" in sys.argv[1:]
    print("\n".join(folder.id for folder in setting_folders(SETTINGS_DIR) if is_example(folder) == wanted))
