"""How the site writes a date: "1 September 2024", the GOV.UK style, on pages, paper and in tools."""

from __future__ import annotations

import datetime


def long_date(day: datetime.date) -> str:
    """1 September 2024."""
    return f"{day.day} {day:%B %Y}"
