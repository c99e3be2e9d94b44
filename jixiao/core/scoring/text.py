"""How numbers appear in the Chinese explanations."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import money_text


def plain(value: Decimal) -> str:
    """A number as a person writes it: ``10`` for 10.00, ``16.67``, ``0.5``."""
    text = format(value.normalize(), "f")
    return text


def score_text(value: Decimal) -> str:
    """A score: always two decimals (``9.50``)."""
    return money_text(value)
