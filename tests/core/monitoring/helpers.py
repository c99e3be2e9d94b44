"""Monthly data builders for the monitoring tests."""

from decimal import Decimal

from jixiao.core.monitoring import BudgetExecution, ExecutionKind


def months(*amounts: str) -> dict[int, Decimal]:
    """Amounts of January, February, … (as many as given)."""
    return {month: Decimal(amount) for month, amount in enumerate(amounts, start=1)}


def december_spender() -> BudgetExecution:
    """A unit with 1000万元 that spends 20万元 a month and the remaining 780万元 in December,
    and planned it that way."""
    spending = months(*["20"] * 11, "780")
    return BudgetExecution(
        kind=ExecutionKind.UNIT,
        name="天河区某街道综治中心",
        year=2023,
        initial_budget="1000",
        annual_budget="1000",
        monthly_spending=spending,
        monthly_plan=dict(spending),
    )


def even_spender() -> BudgetExecution:
    """A unit with 1200万元 that spends (and planned to spend) 100万元 every month."""
    spending = months(*["100"] * 12)
    return BudgetExecution(
        kind=ExecutionKind.UNIT,
        name="天河区来穗人员服务管理中心",
        year=2023,
        initial_budget="1200",
        annual_budget="1200",
        monthly_spending=spending,
        monthly_plan=dict(spending),
    )
