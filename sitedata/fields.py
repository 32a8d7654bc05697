"""The field types every data model shares: strict records, ids, clause numbers, text."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, field_validator

from .build_date import build_date
from .clauses import is_clause_number
from .characters import check_address_characters, check_text


class Strict(BaseModel):
    """Unknown fields are mistakes (usually a typo), not extras to ignore. A number where text is
    expected is the text it was written as (``short_name: 999``). Every text, in every field, is
    what it looks like: see ``characters.check_text``."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True)

    @field_validator("*", mode="after")
    @classmethod
    def _text_is_what_it_looks_like(cls, value: Any) -> Any:
        _check_texts(value)
        return value


def _check_texts(value: Any) -> None:
    """Check every text in a field's value: a text, or the texts in a list or a mapping."""
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_texts(key)
            _check_texts(item)


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


def _quoted(value: object) -> object:
    # YAML reads an unquoted 11.10 as the number 11.1: a clause must be written as text.
    if isinstance(value, (int, float)):
        raise ValueError(f"clause {value!r} is written as a number, which YAML can change (11.10 is read as 11.1) "
                         f"— fix: write it in quotes, e.g. \"{value}\"")
    return value


def _address_as_written(value: object) -> object:
    # Before pydantic reads it: it would quietly percent-encode a space, a quote or a bracket.
    if isinstance(value, str):
        check_address_characters(value.strip())
    return value


def _check_url(value: HttpUrl) -> HttpUrl:
    # Loopback is the one exception: the link checker's tests run a local server on 127.0.0.1,
    # which has no certificate, and no reader's page can reach it.
    if value.scheme != "https" and not (value.scheme == "http" and value.host == "127.0.0.1"):
        raise ValueError(f"{str(value)!r} is not an https address — fix: use the page's https:// address")
    if value.username or value.password:
        raise ValueError(f"{str(value)!r} has a user name before '@', which hides the real site "
                         "— fix: write the page's address without anything before '@'")
    return value


def _not_after_build(value: datetime.date) -> datetime.date:
    built_on = build_date()
    if value > built_on:
        raise ValueError(f"{value.isoformat()} is after the build's date, {built_on.isoformat()} (the last commit's, "
                         "or SOURCE_DATE_EPOCH) — fix: write the date the check was made; a check made since the "
                         "last commit builds once it is committed")
    return value


def _check_page(value: str) -> str:
    if not PAGE_PATTERN.match(value):
        raise ValueError(f"{value!r} is not a page path under docs/ — fix: write it like 'policy/11-concerns.md'")
    return value


PAGE_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*\.md$")

Id = Annotated[str, AfterValidator(_check_id)]
PagePath = Annotated[str, AfterValidator(_check_page)]
ClauseRef = Annotated[str, BeforeValidator(_quoted), AfterValidator(_check_clause)]
# A web address in data/: https only, with nothing before "@" that could hide the real site, and
# no character that is not part of an address (no markup, spaces or invisible characters).
WebAddress = Annotated[HttpUrl, BeforeValidator(_address_as_written), AfterValidator(_check_url)]
# The day a fact was checked: the build's date at the latest.
CheckedOn = Annotated[datetime.date, AfterValidator(_not_after_build)]
Text = Annotated[str, Field(min_length=1)]
