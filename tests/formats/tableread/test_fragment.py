"""A page that starts mid-table: its indicator rows are read, its lone numbers are not."""

from __future__ import annotations

import pytest

from jixiao.core.model.project import IndicatorNature, ProjectForm
from jixiao.formats.tableread import looks_like_published_form, read_published
from jixiao.formats.textparse import NotAForm
from tests.formats.tableread import published


def test_the_tail_of_a_form_gives_its_indicators_and_no_weight_or_score() -> None:
    assert looks_like_published_form(published.TAIL_FRAGMENT)
    [parsed] = read_published(published.TAIL_FRAGMENT)
    form = parsed.form
    assert isinstance(form, ProjectForm)
    assert (form.year, form.project_name) == (None, "")
    rows = [(i.level1, i.level2, i.name, i.nature, i.target) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "培训覆盖率", IndicatorNature.AT_LEAST, "95%"),
        ("产出指标", "数量指标", "发放补贴人数", IndicatorNature.EQUAL, "120人"),
        ("产出指标", "时效指标", "按月发放率", IndicatorNature.EQUAL, "100%"),
        ("效益指标", "社会效益指标", "投诉率(投诉件数/服务人次)", IndicatorNature.AT_MOST, "1%"),
    ]
    assert all(i.weight is None and i.score is None for i in form.indicators)
    assert any("分值还是得分" in w for w in parsed.report.warnings)


def test_prose_with_comparisons_but_no_level_labels_is_no_fragment() -> None:
    text = "本年度投诉率≤1% 20 次，满意度≥95% 30 人次。"
    assert not looks_like_published_form(text)
    with pytest.raises(NotAForm):
        read_published(text)
