"""Induction training (data/training.yml): session plan, scenarios and the self-check."""

from __future__ import annotations


def register(env, site) -> None:
    """Load and check data/training.yml against ``site`` and add the training macros to ``env``."""
