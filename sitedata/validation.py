"""A data file checked on its own: against its model (pydantic's first complaint, said as a
DataError that names the file, the item, "contact 'police-101', field 'phone'", and the fix),
and its ids each used once."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError
from .files import shown


# The generic fix for pydantic's own error types; our validators write their fix in the message.
FIXES = {
    "missing": "add this field",
    "extra_forbidden": "remove this field or correct its spelling",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD, e.g. 2025-09-01",
    "date_parsing": "write dates as YYYY-MM-DD, e.g. 2025-09-01",
    "date_type": "write dates as YYYY-MM-DD, e.g. 2025-09-01",
    "too_short": "add the missing entries",
    "literal_error": "use one of the values listed above",
    "url_parsing": "write the full address, starting https://",
    "url_scheme": "write the full address, starting https://",
    "value_error": "see the problem above",
    "string_type": "write this as text",
    "list_type": "write this as a list (lines starting with '- ')",
    "bool_parsing": "write true or false",
    # By field name, where the field says more than the error type.
    "email": "write the whole address, e.g. safeguarding@example.org",
}


# What YAML made of a value written without quotes, where a model expects text.
YAML_READS = {bool: "a yes/no value", datetime.date: "a date", datetime.datetime: "a date and time",
              list: "a list", dict: "a group of fields"}


# The keys that name an item of a list in a message, the first one it has.
LABELS = ("id", "clause", "section", "url")


def item_name(raw: Any, location: tuple) -> str:
    """Turn pydantic's location ('contacts', 3, 'phone') into "contact 'police-101', field 'phone'"."""
    parts, node = [], raw
    for step in location:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            label = next((node[key] for key in LABELS if node.get(key)), None) if isinstance(node, dict) else None
            parts.append(f"item {step + 1}" + (f" ({label!r})" if label else ""))
        elif isinstance(step, str):
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(f"field {step!r}")
    return ", ".join(parts) or "the file"


def parse(model: type[BaseModel], path: Path, raw: Any) -> Any:
    """Validate ``raw`` against ``model``; on failure raise a DataError for the first problem."""
    if raw is None:
        raise DataError(shown(path), "the file", "is empty", "restore its content from version control")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message = first["msg"].removeprefix("Value error, ")
        problem, _, fix = message.partition(" — fix: ")
        if first["type"] == "literal_error":
            problem = f"{first['input']!r} is not allowed: {problem[0].lower()}{problem[1:]}"
        if first["type"] == "string_type" and (read_as := YAML_READS.get(type(first["input"]))):
            written = str(first["input"]).lower() if isinstance(first["input"], bool) else first["input"]
            problem = f"YAML reads {written} here as {read_as}, not as text"
            fix = "write it in quotes"
        field = next((step for step in reversed(first["loc"]) if isinstance(step, str)), "")
        fix = fix or FIXES.get(field) or FIXES.get(first["type"], "correct this value")
        problem = problem.rstrip(".")
        raise DataError(shown(path), item_name(raw, first["loc"]), problem, fix) from None


def check_unique(file: str, kind: str, ids: list[str]) -> None:
    """Each of a file's ``kind`` (contact, link…) has an id of its own."""
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise DataError(file, f"{kind} {value!r}", "appears more than once", f"give each {kind} its own id")
        seen.add(value)
