"""Decimal money and percentages, and the one place where rounding happens.

Rounding policy
---------------
* Amounts are 万元 with two decimals. Inputs keep the precision they were given; computed
  amounts (sums, differences) are exact and only rounded for display with :func:`round_money`.
* Rates are percentages (``98.82`` means 98.82%). They are computed exactly from their inputs
  (28 significant digits) and only rounded when printed, with :func:`round_rate`, at a precision
  that the rule set chooses per rate.
* Rounding is half-up (四舍五入), as on the published forms and in Excel, never banker's
  rounding.
* A printed figure is checked against the exact one at the printed precision
  (:func:`printed_matches`): the seed prints 预算调整率 as ``29%`` while the exact value is
  29.1834…%, and that is correct.
* Floats never enter: :func:`to_decimal` refuses them, because ``0.1 + 0.2`` is not ``0.3``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MONEY_PLACES = 2

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class MoneyError(ValueError):
    """A value that cannot be read as an amount or a rate."""


def to_decimal(value: object) -> Decimal:
    """Read an amount or rate written by a person or a file: ``"1,985.28"``, ``"98.82%"``,
    full-width digits, an int or a Decimal. Floats are refused."""
    if isinstance(value, bool):
        raise MoneyError(f"not a number: {value!r}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(f"not a finite number: {value!r}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise MoneyError("floats are not accepted for money; pass a string or Decimal")
    if not isinstance(value, str):
        raise MoneyError(f"not a number: {value!r}")
    text = unicodedata.normalize("NFKC", value).strip()
    text = text.replace(",", "").replace(" ", "").removesuffix("%").removesuffix("万元")
    if not _NUMBER.match(text):
        raise MoneyError(f"not a number: {value!r}")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise MoneyError(f"not a number: {value!r}") from exc


def places_of(value: Decimal) -> int:
    """How many decimals a printed value shows: ``Decimal("29")`` → 0, ``"98.82"`` → 2."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def quantize(value: Decimal, places: int) -> Decimal:
    """Round half-up to ``places`` decimals (the only rounding primitive)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_money(value: Decimal) -> Decimal:
    return quantize(value, MONEY_PLACES)


def round_rate(value: Decimal, places: int) -> Decimal:
    return quantize(value, places)


def percent(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator / denominator`` as an exact percentage; None when the denominator is zero
    (the rate is undefined, which validation reports)."""
    if denominator == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return (numerator * HUNDRED / denominator).normalize() + ZERO


def printed_matches(printed: Decimal, exact: Decimal) -> bool:
    """True when ``printed`` is ``exact`` rounded to the precision ``printed`` shows."""
    return round_rate(exact, places_of(printed)) == printed


def money_text(value: Decimal | None) -> str:
    """Amount as printed on the form: two decimals, no thousands separator."""
    return "" if value is None else format(round_money(value), "f")


def rate_text(value: Decimal | None, places: int = 2) -> str:
    """Rate as printed on the form, with the percent sign."""
    return "" if value is None else f"{round_rate(value, places):f}%"
