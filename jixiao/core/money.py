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
* Nor do numbers no form can hold: 15 integer digits at most (10^15 万元 is far beyond any
  budget) and, for typed text, 10 decimals, so that sums, rates and rounding stay exact within
  Decimal's 28 digits whatever a person or a file sends.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MONEY_PLACES = 2

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
MAX_INTEGER_DIGITS = 15
MAX_TYPED_DECIMALS = 10
_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS


NOT_A_NUMBER = "请填写数字，如 1985.28"


class MoneyError(ValueError):
    """A value that cannot be read as an amount or a rate. The message is for logs (English);
    ``hint`` says it to the person who typed it (Chinese)."""

    def __init__(self, message: str, hint: str = NOT_A_NUMBER) -> None:
        super().__init__(message)
        self.hint = hint


def to_decimal(value: object) -> Decimal:
    """Read an amount or rate written by a person or a file: ``"1,985.28"``, ``"98.82%"``,
    full-width digits, an int or a Decimal. Floats are refused."""
    if isinstance(value, bool):
        raise MoneyError(f"not a number: {value!r}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(f"not a finite number: {value!r}")
        return _in_range(value, value)
    if isinstance(value, int):
        return _in_range(Decimal(value), value)
    if isinstance(value, float):
        raise MoneyError(
            "floats are not accepted for money; pass a string or Decimal",
            '金额和比率须写成文本形式的数字（如 "1985.28"），不接受浮点数',
        )
    if not isinstance(value, str):
        raise MoneyError(f"not a number: {value!r}")
    text = unicodedata.normalize("NFKC", value).strip()
    text = text.replace(",", "").replace(" ", "").removesuffix("%").removesuffix("万元")
    if not _NUMBER.match(text):
        raise MoneyError(f"not a number: {value!r}")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise MoneyError(f"not a number: {value!r}") from exc
    if places_of(number) > MAX_TYPED_DECIMALS:
        raise MoneyError(
            f"more than {MAX_TYPED_DECIMALS} decimals: {value!r}",
            f"小数位数过多（最多 {MAX_TYPED_DECIMALS} 位）",
        )
    return _in_range(number, value)


def _in_range(number: Decimal, given: object) -> Decimal:
    if abs(number) >= _LIMIT:
        raise MoneyError(
            f"more than {MAX_INTEGER_DIGITS} integer digits: {str(given)[:40]}",
            f"数值过大（整数部分最多 {MAX_INTEGER_DIGITS} 位）",
        )
    return number


def places_of(value: Decimal) -> int:
    """How many decimals a printed value shows: ``Decimal("29")`` → 0, ``"98.82"`` → 2."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def quantize(value: Decimal, places: int) -> Decimal:
    """Round half-up to ``places`` decimals (the only rounding primitive)."""
    with localcontext() as ctx:
        # Enough digits for any finite value: rounding never fails on a large rate.
        ctx.prec = max(28, value.adjusted() + places + 2)
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


#: The money units a form may be kept in, as powers of ten of 元 (1 万元 = 10000 元).
MONEY_UNITS: dict[str, int] = {"元": 0, "万元": 4}


def in_money_unit(value: Decimal, unit: str, target: str) -> Decimal:
    """``value`` stated in ``unit`` restated in ``target`` (exact: a shift of the exponent)."""
    return value.scaleb(MONEY_UNITS[unit] - MONEY_UNITS[target])


def printed_matches(printed: Decimal, exact: Decimal) -> bool:
    """True when ``printed`` is ``exact`` rounded to the precision ``printed`` shows."""
    return round_rate(exact, places_of(printed)) == printed


def money_text(value: Decimal | None) -> str:
    """Amount as printed on the form: two decimals, no thousands separator."""
    return "" if value is None else format(round_money(value), "f")


def rate_text(value: Decimal | None, places: int = 2) -> str:
    """Rate as printed on the form, with the percent sign."""
    return "" if value is None else f"{round_rate(value, places):f}%"
