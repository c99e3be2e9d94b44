"""Field types shared by the form models: money and rates as Decimal, strings in JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

from jixiao.core.money import to_decimal

_DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


class AmountMark:
    """Marks the :data:`Money` type among annotations (a rate is a Decimal too): validation
    finds amounts typed with more decimals than the form prints (``validation/fields.py``)."""


AMOUNT = AmountMark()


def _decimal_string(value: Decimal) -> str:
    return format(value, "f")


Money = Annotated[
    Decimal,
    AMOUNT,
    BeforeValidator(to_decimal),
    PlainSerializer(_decimal_string, return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "pattern": _DECIMAL_PATTERN, "description": "金额（万元），十进制字符串"}
    ),
]
"""An amount in 万元, kept at the precision it was written with."""

Rate = Annotated[
    Decimal,
    BeforeValidator(to_decimal),
    PlainSerializer(_decimal_string, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _DECIMAL_PATTERN,
            "description": "百分比数值，如 98.82 表示 98.82%",
        }
    ),
]
"""A percentage as printed (``98.82`` for 98.82%); its decimals are the printed precision."""


class FormPart(BaseModel):
    """Base of every model part: unknown keys are refused so that a typo is not lost data."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
