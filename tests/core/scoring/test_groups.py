from decimal import Decimal as D

import pytest

from jixiao.core.model import ProjectIndicator
from jixiao.core.rulesets import Weights
from jixiao.core.scoring import Group, allocate_points, group_of


def row(level1: str, weight: str | None = None, level2: str = "数量指标") -> ProjectIndicator:
    return ProjectIndicator(level1=level1, level2=level2, name="x", weight=weight)


@pytest.mark.parametrize(
    ("level1", "group"),
    [
        ("产出指标", Group.OUTPUT),
        ("产出", Group.OUTPUT),
        (" 产 出 指 标 ", Group.OUTPUT),
        ("效益指标", Group.EFFECT),
        ("效益", Group.EFFECT),
        ("满意度指标", Group.SATISFACTION),
        ("满意度", Group.SATISFACTION),
        ("管理指标", None),
    ],
)
def test_level1_names_are_recognised_with_or_without_the_word_indicator(
    level1: str, group: Group | None
) -> None:
    assert group_of(level1) is group


def test_a_blank_level1_is_recognised_from_its_level2_name() -> None:
    assert group_of("", "成本指标") is Group.OUTPUT
    assert group_of("", "社会效益指标") is Group.EFFECT
    assert group_of("", "服务对象满意度指标") is Group.SATISFACTION


def test_rows_without_points_share_their_group_weight_in_cents_adding_up_exactly() -> None:
    rows = [row("产出指标")] * 3 + [row("效益指标")] * 2 + [row("满意度指标")]
    points = [a.points for a in allocate_points(rows, Weights())]
    assert points == [D("16.67"), D("16.67"), D("16.66"), D("15"), D("15"), D("10")]


def test_stated_points_are_kept_and_the_rest_of_the_group_is_shared() -> None:
    rows = [row("产出指标", "20"), row("产出指标"), row("产出指标"), row("满意度指标")]
    allocated = allocate_points(rows, Weights())
    assert [a.points for a in allocated] == [D("20"), D("15"), D("15"), D("10")]
    assert allocated[0].stated and not allocated[1].stated
    assert allocated[1].shared_among == 2


def test_without_satisfaction_rows_its_weight_moves_to_output_by_default() -> None:
    rows = [row("产出指标"), row("产出指标"), row("效益指标")]
    points = [a.points for a in allocate_points(rows, Weights())]
    assert points == [D("30"), D("30"), D("30")]


def test_the_satisfaction_fallback_group_is_a_rule() -> None:
    rows = [row("产出指标"), row("效益指标")]
    weights = Weights(satisfaction_fallback="effect")
    assert [a.points for a in allocate_points(rows, weights)] == [D("50"), D("40")]


def test_a_row_outside_the_three_groups_gets_only_stated_points() -> None:
    rows = [row("管理指标"), row("管理指标", "5")]
    allocated = allocate_points(rows, Weights())
    assert [a.points for a in allocated] == [D("0"), D("5")]
    assert allocated[0].group is None
