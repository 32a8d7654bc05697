"""Reading the data files: YAML as its writer meant it, JSON as the link check wrote it.

The YAML dialect is strict (``StrictLoader``), and every mistake, from a missing file to a
control character, is a DataError naming the file, the line and the fix.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

# The folder that holds each setting's folder (sitedata/settings.py).
SETTINGS = "settings"


class YamlSurprise(yaml.YAMLError):
    """YAML that parses, but not as its writer meant: the loader refuses it."""

    def __init__(self, node: yaml.Node, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.line, self.problem, self.fix = node.start_mark.line + 1, problem, fix


# libyaml's parser where PyYAML has it: about twenty times faster than PyYAML's own, and every
# test that breaks a data file loads them all.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(SAFE_LOADER):
    """PyYAML's safe loader, reading YAML as it is written. It refuses what YAML 1.1 silently
    changes: a repeated key (the last one wins), numbers with a leading zero (octal: 0101 is 65)
    or a colon (base 60: 17:00 is 1020), and dates that do not exist (2024-02-30); tags are
    refused before it runs (``refuse_tags``). And it reads yes, no, on and off as the words they
    are (YAML 1.2), not as true and false: ``on: 2026-12-01`` is the key "on", ``label: No`` the
    text "No"."""

    def construct_mapping(self, node, deep=False):
        first_line: dict[str, int] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in first_line:
                raise YamlSurprise(key_node, f"repeats the key {key!r} (first on line {first_line[key]}), and YAML "
                                   "keeps only the last", "remove one of the two")
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)

    def construct_yaml_int(self, node):
        digits = node.value.replace("_", "").lstrip("+-")
        if ":" in digits:
            raise YamlSurprise(node, f"{node.value} is read by YAML as a number in base 60",
                               f'write it in quotes, e.g. "{node.value}"')
        if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
            raise YamlSurprise(node, f"{node.value} is read by YAML as an octal number",
                               f'write it in quotes, e.g. "{node.value}"')
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise YamlSurprise(node, f"{node.value} is not a real date ({error})",
                               "write a date that exists, as YYYY-MM-DD") from None


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
# YAML 1.2's booleans only: true and false.
BOOL = "tag:yaml.org,2002:bool"
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != BOOL]
    for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

# Characters YAML refuses, or that no data file should hold: control characters but tab and
# the line breaks.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_character(file: str, text: str, offset: int) -> None:
    if found := CONTROL_CHARACTER.search(text):
        line = text.count("\n", 0, found.start()) + 1 + offset
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        what = "a NUL byte" if found.group() == "\x00" else "a control character"
        raise DataError(file, f"line {line}, character {column}",
                        f"has {what} (U+{ord(found.group()):04X}), which does not show in an editor",
                        "delete it (retype the line), or save the file again as plain UTF-8 text")


def read_text(path: Path, fix: str) -> str:
    """A data file's text; a missing file, a folder, a broken link or an unreadable file is a DataError."""
    where = shown(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if path.is_symlink():
            raise DataError(where, "the file", f"is a link to {os.readlink(path)}, which does not exist",
                            "replace the link with the file itself") from None
        raise DataError(where, "the file", "is missing", fix) from None
    except IsADirectoryError:
        raise DataError(where, "the file", "is a folder, not a file", f"put the file in its place: {fix}") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DataError(where, f"line {line}", f"is not UTF-8 text (byte {error.object[error.start]:#04x})",
                        "save the file as UTF-8 (most editors: Save with encoding, UTF-8)") from None
    except OSError as error:
        raise DataError(where, "the file", f"cannot be read ({error.strerror})",
                        "check that the file is there and readable") from None


def read_yaml(path: Path) -> Any:
    return parse_yaml(read_text(path, "restore it from version control"), shown(path))


def refuse_tags(text: str) -> None:
    """A tag (``!!python/object``, ``!!binary``, ``!custom``) makes a value something other than
    text, a number or a date: the data files use none."""
    if "!" not in text:  # no tag without one
        return
    for event in yaml.parse(text, Loader=StrictLoader):
        if getattr(event, "tag", None) not in (None, "!"):
            shown = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlSurprise(event, f"has the YAML tag {shown}, which the data files do not use",
                               "remove the tag; to keep a value as text, write it in quotes")


def parse_yaml(text: str, file: str, first_line: int = 1) -> Any:
    """YAML text read by the strict loader; ``file`` and the line of ``text``'s first line
    (a page's front matter starts on line 2) name a mistake's place."""
    offset = first_line - 1
    _control_character(file, text, offset)
    try:
        refuse_tags(text)
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 (a safe loader)
    except YamlSurprise as error:
        raise DataError(file, f"line {error.line + offset}", error.problem, error.fix) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1 + offset}, column {mark.column + 1}" if mark else "the file"
        if getattr(error, "problem", None) == "but found another document":
            raise DataError(file, f"line {mark.line + 1 + offset}", "starts a second YAML document (a line '---' or "
                            "'...'), and a file holds one", "remove that line, and anything after it that "
                            "belongs elsewhere") from None
        problem = f"is not valid YAML ({getattr(error, 'problem', None) or error})"
        raise DataError(file, where, problem, "check the indentation and quoting on that line") from None


def read_json(path: Path) -> Any:
    """A file that a tool writes (data/link-report.json): its fix is to write it again."""
    fix = "restore it from version control, or run `make links`"
    text = read_text(path, fix)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(shown(path), f"line {error.lineno}", f"is not valid JSON ({error.msg})", fix) from None


def changed(path: Path) -> tuple[int, int]:
    """When a file last changed, and its size (a broken link's own: the load then reports it)."""
    state = path.stat() if path.exists() else path.lstat()
    return state.st_mtime_ns, state.st_size


def shown(path: Path) -> str:
    """The path as the maintainer knows it: data/contacts.yml, settings/bankside/team.yml."""
    parts = path.parts
    return "/".join(parts[-3:] if len(parts) > 2 and parts[-3] == SETTINGS else parts[-2:])

