"""``data/link-report.json``: what the last external link check found at each address.

The link check (``tools/linkcheck.py``, run weekly in CI and by ``make links``) writes it and a
person commits it; ``SiteData`` loads it and the Guidance links page (``macros/linkhealth.py``)
shows it.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, TypeAdapter, ValidationError

from .characters import safe_line
from .fields import Id, Strict, WebAddress

# What the check found for one address. Only "broken" fails the check (see tools/linkcheck.py).
Classification = Literal["ok", "redirected", "broken", "blocked", "timed-out", "server-error", "not-checked-yet"]
_ADDRESS = TypeAdapter(WebAddress)
# A page of the built site, as the check names it: "policy/11-concerns/", or "/" for the home page.
PAGE_ADDRESS = re.compile(r"^(/|[a-z0-9][a-z0-9._/-]*)$")


def _check_web_address(value: str) -> str:
    try:
        _ADDRESS.validate_python(value)
    except ValidationError as error:
        message = error.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        if " — fix: " not in message:
            message = f"{value!r}: {message} — fix: run `make links` again, which writes https addresses only"
        raise ValueError(message) from None
    return value


# An address as the report holds it: as the check wrote it, and a web address (https, no markup).
ReportAddress = Annotated[str, AfterValidator(_check_web_address)]


def _check_page_address(value: str) -> str:
    if not PAGE_ADDRESS.match(value):
        raise ValueError(f"{value!r} is not the address of a page of the site — fix: run `make links` again")
    return value


class LinkResult(Strict):
    """One address and what the last check found there. The report is written from what remote
    servers answered, so it is checked as strictly as hand-written data: addresses are https
    addresses, and every text is shown as text."""

    url: ReportAddress
    ids: list[Id] = []  # the entries in data/links.yml with this address
    pages: list[Annotated[str, AfterValidator(_check_page_address)]] = []  # the built site's pages that link to it
    classification: Classification
    status_code: int | None = None
    result: str | None = None  # linkchecker's own words, e.g. "404 Not Found"
    final_url: ReportAddress | None = None  # where the address now leads, when it redirected
    attempts: int = 0
    checked_at: datetime.datetime | None = None


class LinkReport(Strict):
    generated_at: datetime.datetime | None
    links: list[LinkResult]

    def for_url(self, url: object) -> LinkResult | None:
        return next((result for result in self.links if result.url == str(url)), None)

    def counts(self) -> dict[str, int]:
        """How many addresses are in each class, in the order of Classification, classes with none left out."""
        found = [result.classification for result in self.links]
        return {kind: found.count(kind) for kind in get_args(Classification) if kind in found}


def web_address_or_none(text: str) -> str | None:
    """``text`` if it is an address the report may hold (https, nothing but an address), else None:
    for where a remote server's redirect leads, which any server can fill with anything."""
    try:
        return _check_web_address(text)
    except ValueError:
        return None


def answer_text(text: str) -> str:
    """A server's or linkchecker's answer as the report keeps it: one line of visible text."""
    return safe_line(text, limit=300)
