"""How figures are written inside finding messages (as on the printed form)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import money_text, places_of, rate_text


def amount(value: Decimal, unit: str) -> str:
    return f"{money_text(value)}{unit}"


def printed_rate(value: Decimal) -> str:
    """A rate exactly as it was filled in, keeping its precision (``29%``, ``98.82%``)."""
    return rate_text(value, places_of(value))


def rate_like(exact: Decimal, printed: Decimal | None, default_places: int) -> str:
    """The exact rate at the precision of the printed one, so the two can be compared by eye."""
    places = places_of(printed) if printed is not None else default_places
    return rate_text(exact, places)


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()
