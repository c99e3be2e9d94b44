"""Each rule, one indicator row at a time, with the sentence a reviewer reads."""

from decimal import Decimal as D

from jixiao.core.model import FundsRow, ProjectForm, ProjectFunds, ProjectIndicator
from jixiao.core.rulesets import ReverseFormula, load_ruleset
from jixiao.core.scoring import Group, ScoreRule
from jixiao.core.scoring.groups import RowPoints
from jixiao.core.scoring.lines import execution_line, indicator_line

NATIONAL = load_ruleset("national")
LINEAR = NATIONAL.model_copy(update={"reverse_formula": ReverseFormula.LINEAR})
TEN = RowPoints(Group.OUTPUT, D("10"), stated=True)


def score(rules=NATIONAL, points: RowPoints = TEN, **fields: object):  # type: ignore[no-untyped-def]
    row = ProjectIndicator(level1="产出指标", level2="数量指标", name="指标", **fields)
    return indicator_line(3, row, points, rules)


def project(budget: str | None, executed: str | None, weight: str | None = None) -> ProjectForm:
    return ProjectForm(
        year=2023,
        project_name="测试项目",
        funds=ProjectFunds(total=FundsRow(annual_budget=budget, executed=executed), weight=weight),
    )


def test_execution_scores_its_rate_times_ten_and_says_so() -> None:
    line = execution_line(project("200.00", "190.00"), NATIONAL)
    assert line.path == "funds.total"
    assert (line.points, line.score, line.rule) == (D("10"), D("9.50"), ScoreRule.EXECUTION_RATE)
    assert line.explanation == "执行率 95.00%，得分 = 95.00% × 10 = 9.50"
    assert line.inputs["execution_rate"] == "95.00%"


def test_execution_over_budget_earns_only_its_points() -> None:
    line = execution_line(project("100", "130"), NATIONAL)
    assert line.score == D("10.00")
    assert "超过 100%" in line.explanation


def test_execution_points_come_from_the_form_when_it_states_them() -> None:
    line = execution_line(project("100", "80", weight="20"), NATIONAL)
    assert (line.points, line.score) == (D("20"), D("16.00"))


def test_execution_without_a_budget_scores_nothing_and_says_why() -> None:
    line = execution_line(project(None, "80"), NATIONAL)
    assert (line.score, line.rule) == (D("0.00"), ScoreRule.NO_DATA)
    assert "未填写全年预算数" in line.explanation
    zero = execution_line(project("0", "0"), NATIONAL)
    assert "全年预算数（A）为 0" in zero.explanation


def test_a_met_positive_indicator_earns_full_points() -> None:
    line = score(target="≥50个", actual="52个")
    assert (line.score, line.rule, line.path) == (
        D("10.00"),
        ScoreRule.POSITIVE_RATIO,
        "indicators[3]",
    )
    assert "得满分 10" in line.explanation


def test_a_missed_positive_indicator_earns_actual_over_target() -> None:
    line = score(target="≥50个", actual="45个")
    assert line.score == D("9.00")
    assert line.explanation.endswith("未达到目标，得分 = 45 ÷ 50 × 10 = 9.00")


def test_a_plain_figure_target_is_positive() -> None:
    assert score(target="3000人次", actual="2400人次").score == D("8.00")


def test_a_missed_reverse_indicator_earns_target_over_actual_by_default() -> None:
    line = score(target="≤5%", actual="8%")
    assert (line.score, line.rule) == (D("6.25"), ScoreRule.REVERSE_RATIO)
    assert "得分 = 5 ÷ 8 × 10 = 6.25" in line.explanation


def test_a_met_reverse_indicator_earns_full_points() -> None:
    assert score(target="≤5%", actual="3%").score == D("10.00")


def test_the_row_nature_decides_when_the_target_text_states_no_operator() -> None:
    line = score(target="30分钟", actual="40分钟", nature="≤")
    assert line.rule is ScoreRule.REVERSE_RATIO
    assert line.score == D("7.50")


def test_the_linear_reverse_formula_is_a_rule_set_choice() -> None:
    line = score(rules=LINEAR, target="≤5%", actual="6%")
    assert (line.score, line.rule) == (D("8.00"), ScoreRule.REVERSE_LINEAR)
    assert "(1 − (6 − 5) ÷ 5) × 10" in line.explanation


def test_the_linear_reverse_formula_stops_at_zero() -> None:
    line = score(rules=LINEAR, target="≤5%", actual="12%")
    assert line.score == D("0.00")
    assert "不足 0 按 0 计" in line.explanation


def test_an_equal_indicator_met_earns_full_points_and_missed_the_nearer_ratio() -> None:
    assert score(target="=100%", actual="100%").score == D("10.00")
    below = score(target="=100%", actual="98%")
    assert (below.score, below.rule) == (D("9.80"), ScoreRule.EQUAL)
    above = score(target="=20次", actual="25次")
    assert above.score == D("8.00")
    assert "高于目标，得分 = 20 ÷ 25 × 10 = 8.00" in above.explanation


def test_a_range_target_is_met_inside_and_scored_to_the_nearer_bound_outside() -> None:
    assert score(target="90%-95%", actual="93%").score == D("10.00")
    assert score(target="90%-95%", actual="81%").score == D("9.00")
    line = score(target="90%-95%", actual="100%")
    assert (line.score, line.rule) == (D("9.50"), ScoreRule.RANGE)


def test_an_opposite_year_on_year_change_counts_against_the_target() -> None:
    line = score(target="同比下降5%", actual="同比上升2%")
    assert line.score == D("0.00")
    assert score(target="同比下降5%", actual="同比下降6.29%").score == D("10.00")


def test_a_qualitative_rating_uses_the_evaluators_score_within_its_band() -> None:
    line = score(
        target="建立长效机制", actual="基本建立", nature="定性", rating="部分达成", score="7"
    )
    assert (line.score, line.rule) == (D("7.00"), ScoreRule.QUALITATIVE_BAND)
    assert line.explanation == "定性评价“部分达成”，分值区间 6.00–8.00，采用评价人给分 7.00"


def test_a_qualitative_score_outside_its_band_is_clamped_and_the_line_says_so() -> None:
    line = score(
        target="建立长效机制", actual="基本建立", nature="定性", rating="部分达成", score="9.5"
    )
    assert line.score == D("8.00")
    assert "评价人给分 9.5 不在区间内，按 8.00 计" in line.explanation
    low = score(target="x", actual="y", nature="定性", rating="达成", score="3")
    assert low.score == D("8.00")


def test_a_qualitative_rating_without_a_score_takes_the_top_of_its_band() -> None:
    line = score(target="x", actual="y", nature="定性", rating="未达成")
    assert line.score == D("6.00")
    assert "按区间上限计" in line.explanation


def test_a_rating_stated_in_the_actual_text_is_recognised() -> None:
    line = score(target="工作有序开展", actual="达成预期指标")
    assert (line.rule, line.score) == (ScoreRule.QUALITATIVE_BAND, D("10.00"))
    assert line.inputs["rating_source"] == "实际完成值"


def test_an_unmeasurable_row_without_a_rating_scores_nothing_and_says_why() -> None:
    line = score(target="≥50个", actual="")
    assert (line.score, line.rule) == (D("0.00"), ScoreRule.NO_DATA)
    assert line.explanation.startswith("未填写实际完成值")
    vague = score(target="持续开展", actual="持续开展人口数据治理工作")
    assert "无法量化" in vague.explanation
    unrated = score(target="x", actual="y", nature="定性")
    assert unrated.explanation.startswith("定性指标未给出评价")


def test_a_line_keeps_its_inputs_as_text() -> None:
    line = score(target="≥50个", actual="45个", score="9")
    assert line.inputs["target"] == "≥50个"
    assert line.inputs["actual"] == "45个"
    assert line.inputs["points_source"] == "表内分值"
    assert line.inputs["printed_score"] == "9"


def test_shared_points_are_explained() -> None:
    shared = RowPoints(Group.OUTPUT, D("16.67"), stated=False, shared_among=3, shared_pool=D("50"))
    line = score(points=shared, target="≥1个", actual="1个")
    assert line.inputs["points_source"] == "产出指标剩余分值 50 由 3 项平分"
    assert line.score == D("16.67")


def test_the_target_operator_decides_over_the_row_nature_as_judge_reads_it() -> None:
    line = score(target="≥90%", actual="80%", nature="≤")
    assert line.rule is ScoreRule.POSITIVE_RATIO
    assert line.score == D("8.89")  # 80 / 90 × 10 = 8.888…


def test_figures_in_different_units_are_not_compared() -> None:
    line = score(target="≤1.5万元", actual="15000元")
    assert (line.score, line.rule) == (D("0.00"), ScoreRule.NO_DATA)
    assert line.explanation.startswith("单位不一致")


def test_a_year_on_year_change_against_a_plain_target_is_not_compared() -> None:
    line = score(target="5%", actual="同比下降6%")
    assert line.rule is ScoreRule.NO_DATA


def test_a_rating_still_scores_a_row_whose_figures_cannot_be_compared() -> None:
    line = score(target="≤1.5万元", actual="15000元", rating="达成", score="9")
    assert (line.score, line.rule) == (D("9.00"), ScoreRule.QUALITATIVE_BAND)
