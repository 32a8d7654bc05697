"""The "Guidance links" page: each external document's status from the last link check."""

from __future__ import annotations


def register(env, site) -> None:
    """Add this module's macros to mkdocs-macros' ``env``."""
