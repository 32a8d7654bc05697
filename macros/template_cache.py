"""Templates compiled once, not once per build.

MkDocs makes a new Jinja environment for every build, and so compiles every template of the
theme again: about 0.7 s of a build. This cache keeps what Jinja compiles in memory, for the
next build in the same process (``scripts/build-all`` builds many sites in one), and in
``.cache/jinja/``, for the next process (a build, a worker of build-all, ``mkdocs serve``).
Jinja checks each entry against its template's source and its own version, so an edited
template, or a new Jinja, is compiled afresh. Only time changes: never a page's bytes.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from sitedata import PROJECT_ROOT

FOLDER = PROJECT_ROOT / ".cache" / "jinja"
OWN_TEMPLATES = "overrides"  # mkdocs.yml's custom_dir, which holds the components too


class CompiledTemplates(FileSystemBytecodeCache):
    def __init__(self, folder: Path = FOLDER) -> None:
        super().__init__(str(folder))
        self._in_memory: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # Our templates are keyed by their place in the project, not on the disk, so that a copy
        # of the project (the tests make many) can start from this one's compiled templates.
        if filename is not None:
            with contextlib.suppress(ValueError):
                filename = Path(filename).relative_to(PROJECT_ROOT / OWN_TEMPLATES).as_posix()
        return super().get_cache_key(name, filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._in_memory.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the source has changed
            return
        with contextlib.suppress(OSError):  # not there yet, or a folder that cannot be read
            super().load_bytecode(bucket)
        if bucket.code is not None:
            self._in_memory[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._in_memory[bucket.key] = bucket.bytecode_to_string()
        # Only a speed-up: a folder that cannot be written (a read-only checkout) costs time, not the build.
        with contextlib.suppress(OSError):
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)


TEMPLATES = CompiledTemplates()
