"""Scoring a whole project form, checked against a total computed by hand."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.model import FundsRow, ProjectForm, ProjectFunds, ProjectIndicator
from jixiao.core.rulesets import Caps, ExecutionCap, ReverseFormula, load_ruleset
from jixiao.core.scoring import ScoreRule, score_project
from jixiao.core.serialization import form_from_json

SAMPLE = Path(__file__).parents[2] / "fixtures" / "sample_project_form.json"
NATIONAL = load_ruleset("national")


def sample() -> ProjectForm:
    form = form_from_json(SAMPLE.read_text(encoding="utf-8"))
    assert isinstance(form, ProjectForm)
    return form


def test_the_sample_form_scores_the_total_computed_by_hand() -> None:
    """Hand computation (national rule set, reverse formula = ratio):

    预算执行率  190.00 / 200.00 = 95.00%, × 10                      =  9.50
    产出  专职网格员配备人数  126 ≥ 120, met                         = 15.00
          网格员入户走访户次  27000 < 30000: 27000/30000 × 15        = 13.50
          网格事件按期办结率  100% = 100%, met                        = 10.00
          网格员人均年度补贴  1.6 > 1.5 (≤): 1.5/1.6 × 10 = 9.375    =  9.38
                                                          产出 total 47.88
    效益  矛盾纠纷调解成功率  97.3% ≥ 95%, met                      = 10.00
          居民求助平均响应时间  25 ≤ 30 (nature ≤), met               = 10.00
          长效机制建立情况  部分达成, band 6–8, evaluator gave 7      =  7.00
                                                          效益 total 27.00
    满意度  社区居民满意度  93.6% ≥ 90%, met                        = 10.00
    Total 9.50 + 47.88 + 27.00 + 10.00 = 94.38 → 优 (≥ 90).
    """
    card = score_project(sample())
    assert [line.score for line in card.lines] == [
        D("9.50"), D("15.00"), D("13.50"), D("10.00"), D("9.38"),
        D("10.00"), D("10.00"), D("7.00"), D("10.00"),
    ]  # fmt: skip
    assert card.group_totals == {
        "预算执行率": D("9.50"),
        "产出指标": D("47.88"),
        "效益指标": D("27.00"),
        "满意度指标": D("10.00"),
    }
    assert card.total == D("94.38")
    assert card.grade == "优"
    assert card.ruleset == "national@2020.1"
    assert card.caps_applied == ()
    assert card.limit == D("100")  # no cap: out of a hundred


def test_the_sample_form_agrees_with_what_its_evaluator_printed() -> None:
    form = sample()
    card = score_project(form)
    assert card.total == form.total_score
    assert card.grade == form.grade


def test_the_sample_lines_are_in_form_order_with_paths_and_rules() -> None:
    card = score_project(sample())
    assert [line.path for line in card.lines] == ["funds.total"] + [
        f"indicators[{i}]" for i in range(8)
    ]
    assert [line.rule for line in card.lines] == [
        ScoreRule.EXECUTION_RATE,
        ScoreRule.POSITIVE_RATIO,
        ScoreRule.POSITIVE_RATIO,
        ScoreRule.EQUAL,
        ScoreRule.REVERSE_RATIO,
        ScoreRule.POSITIVE_RATIO,
        ScoreRule.REVERSE_RATIO,
        ScoreRule.QUALITATIVE_BAND,
        ScoreRule.POSITIVE_RATIO,
    ]
    assert card.lines[0].explanation == "执行率 95.00%，得分 = 95.00% × 10 = 9.50"


def test_with_the_linear_reverse_formula_the_sample_loses_the_cost_overrun_share() -> None:
    """1.6 against ≤1.5: (1 − 0.1/1.5) × 10 = 9.333… → 9.33; total 94.38 − 9.38 + 9.33."""
    rules = NATIONAL.model_copy(update={"reverse_formula": ReverseFormula.LINEAR})
    card = score_project(sample(), rules)
    assert card.lines[4].score == D("9.33")
    assert card.total == D("94.33")
    assert card.ruleset == "national@2020.1"


def test_execution_caps_lower_the_total_with_their_reason() -> None:
    """Executed 130 of 200 = 65%: execution 6.50 instead of 9.50, sum 91.38, capped at 79."""
    form = sample()
    form.funds.total = FundsRow(annual_budget="200.00", executed="130.00")
    caps = Caps(
        execution_caps=[
            ExecutionCap(below_rate="80", max_total="89"),
            ExecutionCap(below_rate="70", max_total="79"),
            ExecutionCap(below_rate="60", max_total="69"),
        ]
    )
    card = score_project(form, NATIONAL.model_copy(update={"caps": caps}))
    assert card.lines[0].score == D("6.50")
    assert card.total == D("79")
    assert card.grade == "中"
    [cap] = card.caps_applied
    assert card.limit == D("79")  # the spreadsheet formula's MIN(…, 79)
    assert cap.before == D("91.38")
    assert cap.reason == "预算执行率 65.00% 低于 70%，总分不超过 79 分"
    assert score_project(form).total == D("91.38")  # the national set caps nothing


@pytest.mark.parametrize(
    ("executed", "total", "limit"),
    [
        ("170.00", "93.38", None),  # 85%: execution 8.50, 91.38 − 6.50 + 8.50; no cap
        ("150.00", "89", "89"),  # 75%: under 80%
        ("130.00", "79", "79"),  # 65%: under 80% and 70%, the strictest wins
        ("110.00", "69", "69"),  # 55%: under all three
    ],
)
def test_the_bundled_strict_set_caps_by_execution_rate_and_national_does_not(
    executed: str, total: str, limit: str | None
) -> None:
    form = sample()
    form.funds.total = FundsRow(annual_budget="200.00", executed=executed)
    strict = load_ruleset("national-strict")
    card = score_project(form, strict)
    assert card.total == D(total)
    assert card.ruleset == "national-strict@2020.1"
    assert [c.limit for c in card.caps_applied] == ([D(limit)] if limit else [])
    national = score_project(form, load_ruleset("national"))
    assert not national.caps_applied and national.total >= card.total
    # Only the caps differ: same weights, thresholds and formulas as the national set.
    assert strict.model_copy(update={"caps": Caps()}) == load_ruleset("national").model_copy(
        update={"id": "national-strict", "name": strict.name}
    )
    # The adjustment-rate cap concerns department forms, which the rule set does not score.
    assert strict.caps.adjustment_rate_without_reason is None


def test_without_satisfaction_indicators_output_rows_share_its_weight() -> None:
    """Two output rows without stated points share 50 + 10 = 30 each; one effect row gets 30.
    Execution 100%: 10. Output: 30 (met) + 30 × 40/50 = 24. Effect 30. Total 94."""
    form = ProjectForm(
        year=2023,
        project_name="无满意度指标的项目",
        funds=ProjectFunds(total=FundsRow(annual_budget="50", executed="50")),
        indicators=[
            ProjectIndicator(level1="产出", level2="数量", name="a", target="≥10个", actual="12个"),
            ProjectIndicator(level1="产出", level2="数量", name="b", target="≥50次", actual="40次"),
            ProjectIndicator(
                level1="效益", level2="社会效益", name="c", target="≥90%", actual="95%"
            ),
        ],
    )
    card = score_project(form)
    assert [line.points for line in card.lines] == [D("10"), D("30"), D("30"), D("30")]
    assert card.group_totals == {
        "预算执行率": D("10.00"),
        "产出指标": D("54.00"),
        "效益指标": D("30.00"),
    }
    assert card.total == D("94.00")


def test_the_card_as_json_data_has_decimals_as_strings() -> None:
    data = score_project(sample()).as_data()
    assert data["total"] == "94.38"
    assert data["grade"] == "优"
    assert data["lines"][4]["score"] == "9.38"
    assert data["lines"][4]["rule"] == "reverse_ratio"
    assert data["group_totals"]["产出指标"] == "47.88"


# --- properties over random valid forms -------------------------------------------------------

amounts = st.decimals(min_value="0", max_value="100000", places=2)
quantities = st.decimals(min_value="0", max_value="100000", places=2).map(lambda d: f"{d:f}")
groups = st.sampled_from(["产出指标", "效益指标", "满意度指标"])
operators = st.sampled_from(["≥", "≤", "=", ""])


@st.composite
def indicators(draw: st.DrawFn) -> ProjectIndicator:
    level1 = draw(groups)
    if draw(st.booleans()):
        rating = draw(st.sampled_from(["达成", "部分达成", "未达成"]))
        given = draw(st.none() | st.decimals(min_value="0", max_value="100", places=2))
        return ProjectIndicator(
            level1=level1, level2="x", name="定性", nature="定性", rating=rating, score=given
        )
    op = draw(operators)
    return ProjectIndicator(
        level1=level1,
        level2="x",
        name="定量",
        target=f"{op}{draw(quantities)}个",
        actual=draw(st.one_of(st.just(""), quantities.map(lambda q: f"{q}个"))),
    )


@st.composite
def project_forms(draw: st.DrawFn) -> ProjectForm:
    budget = draw(amounts)
    return ProjectForm(
        year=2023,
        project_name="随机项目",
        funds=ProjectFunds(total=FundsRow(annual_budget=budget, executed=draw(amounts))),
        indicators=draw(st.lists(indicators(), max_size=12)),
    )


@settings(max_examples=200, deadline=None)
@given(project_forms(), st.sampled_from(list(ReverseFormula)))
def test_a_total_is_never_above_one_hundred_nor_below_zero(
    form: ProjectForm, formula: ReverseFormula
) -> None:
    card = score_project(form, NATIONAL.model_copy(update={"reverse_formula": formula}))
    assert D(0) <= card.total <= D(100)
    assert card.points <= D(100)
    for line in card.lines:
        assert D(0) <= line.score <= line.points, line
    assert card.total == sum((line.score for line in card.lines), D(0))


free_text = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.text(alphabet="≥≤=<>%-.0123456789个万元同比上升下降达成未部分", max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(groups, free_text, free_text), max_size=8))
def test_any_text_in_target_and_actual_scores_without_error_within_the_points(
    rows: list[tuple[str, str | None, str | None]],
) -> None:
    form = ProjectForm(
        year=2023,
        project_name="随机文本",
        indicators=[
            ProjectIndicator(level1=g, level2="x", name="n", target=tt, actual=a)
            for g, tt, a in rows
        ],
    )
    card = score_project(form)
    assert D(0) <= card.total <= D(100)
    for line in card.lines:
        assert D(0) <= line.score <= line.points
        assert line.explanation
