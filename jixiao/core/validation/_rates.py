"""The one check every printed rate gets: defined (its denominator is not zero) and equal to the
exact rate at the precision it was printed with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import printed_matches
from jixiao.core.validation._text import printed_rate, rate_like
from jixiao.core.validation.findings import Finding, error


@dataclass(frozen=True)
class PrintedRate:
    code: str  # "completion_rate" → completion_rate_undefined / completion_rate_mismatch
    path: str
    label: str  # 预算完成率
    formula: str  # 实际支出数÷调整预算收入
    denominator: Decimal | None
    denominator_path: str
    denominator_label: str
    printed: Decimal | None
    exact: Decimal | None
    places: int  # the rule set's precision, used when nothing was printed


def check_printed_rate(rate: PrintedRate) -> Iterator[Finding]:
    if rate.denominator == 0:
        yield error(
            f"{rate.code}_undefined",
            rate.denominator_path,
            f"{rate.denominator_label}为0，{rate.label}（{rate.formula}）无法计算；"
            f"请核对{rate.denominator_label}",
        )
        return
    if rate.printed is None or rate.exact is None or printed_matches(rate.printed, rate.exact):
        return
    yield error(
        f"{rate.code}_mismatch",
        rate.path,
        f"{rate.label}填报为{printed_rate(rate.printed)}，按{rate.formula}计算应为"
        f"{rate_like(rate.exact, rate.printed, rate.places)}；请改正",
    )
