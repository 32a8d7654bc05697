"""``data/link-report.json``: what the last external link check found at each address.

The link check (``tools/linkcheck.py``, run weekly in CI and by ``make links``) writes it and a
person commits it; ``SiteData`` loads it and the Guidance links page (``macros/linkhealth.py``)
shows it.
"""

from __future__ import annotations

import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

# What the check found for one address. Only "broken" fails the check (see tools/linkcheck.py).
Classification = Literal["ok", "redirected", "broken", "blocked", "timed-out", "server-error", "not-checked-yet"]


class LinkResult(BaseModel):
    """One address and what the last check found there."""

    model_config = ConfigDict(extra="forbid")

    url: str
    ids: list[str] = []  # the entries in data/links.yml with this address
    pages: list[str] = []  # the built site's pages that link to it
    classification: Classification
    status_code: int | None = None
    result: str | None = None  # linkchecker's own words, e.g. "404 Not Found"
    final_url: str | None = None  # where the address now leads, when it redirected
    attempts: int = 0
    checked_at: datetime.datetime | None = None


class LinkReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    generated_at: datetime.datetime | None
    links: list[LinkResult]

    def for_url(self, url: object) -> LinkResult | None:
        return next((result for result in self.links if result.url == str(url)), None)

    def counts(self) -> dict[str, int]:
        """How many addresses are in each class, in the order of Classification, classes with none left out."""
        found = [result.classification for result in self.links]
        return {kind: found.count(kind) for kind in get_args(Classification) if kind in found}
