"""The season's figures: progress of a unit, days left and late, tallies, reminders, and the
bureau's re-scoring under the rule set's caps."""

from datetime import date
from decimal import Decimal

from jixiao.core.rulesets import ExecutionCap, Reminders, load_ruleset
from jixiao.core.scoring.card import ScoreCard, ScoreLine, ScoreRule
from jixiao.core.season import (
    LineReview,
    Progress,
    ReminderKind,
    days_late,
    days_left,
    due_text,
    reminder_due,
    rescore,
    review_problems,
    tally,
    unit_progress,
)

DUE = date(2023, 3, 31)


def test_a_unit_stands_where_its_least_advanced_form_is():
    assert unit_progress([]) is Progress.NOT_STARTED
    assert unit_progress(["published", "draft"]) is Progress.DRAFT
    assert unit_progress(["submitted", "returned"]) is Progress.RETURNED
    assert unit_progress(["finance_approved", "published"]) is Progress.FINANCE_APPROVED


def test_days_left_and_late_count_from_the_due_date():
    assert days_left(DUE, date(2023, 3, 28)) == 3
    assert days_late(DUE, date(2023, 4, 3), None) == 3
    assert days_late(DUE, date(2023, 4, 30), date(2023, 4, 2)) == 2  # handed in late, then stops
    assert days_late(DUE, date(2023, 3, 1), None) == 0
    assert due_text(DUE, date(2023, 3, 31), False) == "今天截止"
    assert due_text(DUE, date(2023, 4, 2), False) == "已逾期 2 天"
    assert due_text(DUE, date(2023, 3, 30), False) == "剩余 1 天"


def test_a_tally_counts_states_with_percentages_and_the_late():
    result = tally([(Progress.NOT_STARTED, 4), (Progress.SUBMITTED, 0), (Progress.PUBLISHED, 1)])
    assert result.total == 3
    assert result.handed_in == 2
    assert result.handed_in_share == Decimal("66.7")
    assert result.late == 1  # a unit that handed in late is no longer counted as late
    assert result.share_of(Progress.NOT_STARTED) == Decimal("33.3")
    assert tally([]).handed_in_share is None


def test_reminders_go_out_on_the_configured_days_and_daily_when_overdue():
    policy = Reminders(before_days=[7, 1], overdue_daily=True)
    assert reminder_due(DUE, date(2023, 3, 24), policy) is ReminderKind.BEFORE
    assert reminder_due(DUE, date(2023, 3, 25), policy) is None
    assert reminder_due(DUE, date(2023, 4, 5), policy) is ReminderKind.OVERDUE
    quiet = Reminders(before_days=[], overdue_daily=False)
    assert reminder_due(DUE, date(2023, 4, 5), quiet) is None


def _card() -> ScoreCard:
    lines = (
        ScoreLine(
            "funds.total",
            "预算执行率",
            "预算执行率",
            Decimal(10),
            Decimal(10),
            ScoreRule.EXECUTION_RATE,
            {},
            "",
        ),
        ScoreLine(
            "indicators[0]",
            "完成数量",
            "产出指标",
            Decimal(50),
            Decimal(50),
            ScoreRule.POSITIVE_RATIO,
            {},
            "",
        ),
        ScoreLine(
            "indicators[1]",
            "满意度",
            "效益指标",
            Decimal(40),
            Decimal(40),
            ScoreRule.POSITIVE_RATIO,
            {},
            "",
        ),
    )
    return ScoreCard(
        lines=lines,
        group_totals={"预算执行率": Decimal(10), "产出指标": Decimal(50), "效益指标": Decimal(40)},
        group_points={"预算执行率": Decimal(10), "产出指标": Decimal(50), "效益指标": Decimal(40)},
        total=Decimal(100),
        grade="优",
        ruleset="national@test",
    )


def test_the_bureau_score_keeps_the_unit_score_and_regrades():
    rules = load_ruleset("national")
    reviewed = rescore(
        _card(),
        {"indicators[1]": LineReview("indicators[1]", Decimal(25), "满意度调查样本不足")},
        None,
        rules,
    )
    assert reviewed.unit.total == Decimal(100)
    assert reviewed.bureau.total == Decimal(85)
    assert reviewed.bureau.grade == "良"
    assert reviewed.difference == Decimal(-15)
    assert reviewed.bureau.group_totals["效益指标"] == Decimal(25)


def test_the_bureau_total_is_capped_by_execution_rate_from_the_rule_set():
    national = load_ruleset("national")
    caps = national.caps.model_copy(
        update={"execution_caps": [ExecutionCap(below_rate=Decimal(80), max_total=Decimal(89))]}
    )
    rules = national.model_copy(update={"caps": caps})
    reviewed = rescore(_card(), {}, Decimal("75"), rules)
    assert reviewed.bureau.total == Decimal(89)
    assert reviewed.bureau.grade == "良"
    assert "低于 80%" in reviewed.bureau.caps_applied[0].reason


def test_bureau_scores_out_of_range_or_without_reason_are_refused_with_what_to_do():
    card = _card()
    problems = review_problems(
        card,
        {
            "indicators[0]": LineReview("indicators[0]", Decimal(60), "多给"),
            "indicators[1]": LineReview("indicators[1]", Decimal(30), ""),
            "nowhere": LineReview("nowhere", Decimal(1), "x"),
        },
    )
    assert any("0 到 50.00 分之间" in p for p in problems)
    assert any("请填写调整理由" in p for p in problems)
    assert any("刷新页面" in p for p in problems)


def test_a_target_declaration_lists_without_spending_or_score():
    import json
    from pathlib import Path

    from jixiao.core.season import stored_figures
    from jixiao.core.serialization import form_from_data

    fixture = Path(__file__).parents[1] / "fixtures" / "sample_target_declaration.json"
    form = form_from_data(json.loads(fixture.read_text(encoding="utf-8")))
    figures = stored_figures(form, load_ruleset("national"))
    assert figures["initial_budget"] is None and figures["actual_spending"] is None
    assert (figures["rate"], figures["total_score"], figures["grade"]) == (None, None, "")
