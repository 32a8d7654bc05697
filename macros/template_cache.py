"""The theme's templates compiled once per process, not once per build.

MkDocs makes a new Jinja environment for every build, and so compiles every template of the
theme again. ``scripts/build-all`` builds many sites (and each site twice: served, and opened
from disk) in one process: they share this cache. Jinja keys each entry by the template's name
and checks it against the template's source, so an edited template is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class InMemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = InMemoryBytecodeCache()
