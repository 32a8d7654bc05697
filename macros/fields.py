"""The field types every data model shares: strict records, ids, clause numbers, text."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from .clauses import is_clause_number


class Strict(BaseModel):
    """Unknown fields are mistakes (usually a typo), not extras to ignore."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(
            f"id {value!r} is not lower-case words joined by hyphens — fix: write it like 'police-non-emergency'"
        )
    return value


def _check_clause(value: str) -> str:
    if not is_clause_number(value):
        raise ValueError(f"{value!r} is not a clause number — fix: write it like \"11.5\" (a section is \"11.0\")")
    return value


def _as_text(value: object) -> object:
    # YAML reads 11.5 (unquoted) as a float: accept it, but keep the clause as written.
    return str(value) if isinstance(value, (int, float)) else value


Id = Annotated[str, AfterValidator(_check_id)]
ClauseRef = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_clause)]
Text = Annotated[str, Field(min_length=1)]
