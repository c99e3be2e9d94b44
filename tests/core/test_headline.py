from decimal import Decimal as D

from jixiao.core.headline import GroupRow, Level, headline, level, ranking


def rows(*items):
    return [GroupRow(label, D(adjusted), D(actual)) for label, adjusted, actual in items]


def test_the_headline_sums_the_groups_and_rates_the_whole():
    last = headline(
        year=2022, groups=rows(("甲", "100", "90")), expected=2, filed=2, returned=0, scores=[]
    )
    now = headline(
        year=2023,
        groups=rows(("甲", "100", "95"), ("乙", "300", "240")),
        expected=3,
        filed=2,
        returned=1,
        scores=[D("91"), D("84.5")],
        previous=last,
    )
    assert (now.adjusted_budget, now.actual_spending) == (D("400"), D("335"))
    assert now.completion_rate == D("83.75")
    assert now.average_score == D("87.75")
    assert now.completion_change == D("-6.25")  # 83.75 against 90.00
    empty = headline(year=2023, groups=[], expected=0, filed=0, returned=0, scores=[])
    assert empty.completion_rate is None and empty.average_score is None
    assert empty.completion_change is None


def test_levels_follow_the_warning_lines():
    lines = [D("90"), D("80")]
    assert level(D("95"), lines) is Level.GOOD
    assert level(D("90"), lines) is Level.GOOD
    assert level(D("85"), lines) is Level.WATCH
    assert level(D("79.99"), lines) is Level.ALERT
    assert level(None, lines) is Level.NONE


def test_the_ranking_runs_from_the_highest_rate_with_its_change():
    ranked = ranking(
        rows(("乙", "100", "70"), ("甲", "100", "95"), ("丙", "0", "0")),
        {g.label: g for g in rows(("甲", "100", "90"))},
        [D("90"), D("80")],
    )
    assert [(r.rank, r.label, r.level) for r in ranked] == [
        (1, "甲", Level.GOOD),
        (2, "乙", Level.ALERT),
        (3, "丙", Level.NONE),
    ]
    assert ranked[0].change == D("5.00") and ranked[1].change is None
