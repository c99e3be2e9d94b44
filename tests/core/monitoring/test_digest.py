from jixiao.core.monitoring import Light, daily_summary, early_warnings, worst_first
from tests.core.monitoring.helpers import december_spender, even_spender, months


def test_the_daily_summary_groups_warnings_by_light() -> None:
    warnings = early_warnings(december_spender(), month=7)
    summary = daily_summary(warnings, subjects=["天河区来穗人员服务管理中心"])
    assert summary.counts == {Light.RED: 2, Light.YELLOW: 0, Light.GREEN: 0}
    assert summary.lights == {
        "天河区来穗人员服务管理中心": Light.GREEN,
        "天河区某街道综治中心": Light.RED,
    }
    assert summary.text.startswith("预警摘要：红灯2条，黄灯0条，新增2条；1个单位或项目为绿灯。")
    assert "【天河区某街道综治中心】" in summary.text


def test_warnings_already_in_yesterdays_digest_are_not_new() -> None:
    yesterday = early_warnings(december_spender(), month=8)
    today = early_warnings(december_spender(), month=9)
    summary = daily_summary(today, previous=yesterday)
    assert [w.code for w in summary.new] == ["spending.last_quarter"]
    assert summary.text.count("（新）") == 1


def test_a_day_without_warnings_says_so() -> None:
    summary = daily_summary(
        early_warnings(even_spender(), month=7), subjects=["天河区来穗人员服务管理中心"]
    )
    assert summary.text.endswith("今日没有预警。")


def test_the_warnings_page_lists_red_then_yellow_then_green() -> None:
    lagging = even_spender().model_copy(
        update={"name": "乙单位", "monthly_spending": months(*["70"] * 6)}
    )
    warnings = early_warnings(december_spender(), month=6) + early_warnings(lagging, month=6)
    summary = daily_summary(warnings, subjects=["甲单位"])
    assert worst_first(summary.lights) == [
        ("天河区某街道综治中心", Light.RED),
        ("乙单位", Light.YELLOW),
        ("甲单位", Light.GREEN),
    ]
