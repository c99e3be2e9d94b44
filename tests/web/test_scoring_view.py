"""The detail page shows the core's score card for project forms and the printed-vs-computed
check for both forms (figures from the core; the template only displays)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

from jixiao.core.serialization import form_from_json
from jixiao.web.evaluations.services import evaluation_create

SAMPLE = Path(__file__).parents[1] / "fixtures" / "sample_project_form.json"


def _detail(client, evaluation) -> str:
    return client.get(reverse("evaluations:detail", kwargs={"pk": evaluation.pk})).content.decode()


def _sample_project(world):
    # Stored as imported: the printed figures are the form's own, not recomputed.
    form = form_from_json(SAMPLE.read_text(encoding="utf-8"))
    return evaluation_create(organisation=world.unit, form=form, user=None)


def _marks(page: str) -> list[str]:
    return re.findall(r'<td class="mark"><span class="[^"]*" title="([^"]+)">', page)


def test_finance_sees_each_score_line_with_its_rule_and_explanation(world, client_for):
    page = _detail(client_for(world.finance), _sample_project(world))
    assert 'id="score-total">94.38<' in page
    assert 'id="score-grade" class="grade grade-优">优<' in page
    assert "规则集：" in page
    # The line 网格员入户走访户次: 27000 / 30000 × 15 = 13.50, by the positive ratio rule.
    row = re.search(r"<tr><td>网格员入户走访户次</td>.*?</tr>", page, re.S)
    assert row is not None
    assert ">15.00<" in row.group(0) and ">13.50<" in row.group(0)
    assert "正向指标：实际值/目标值×分值" in row.group(0)
    assert "27000" in row.group(0)


def test_a_project_form_whose_printed_scores_follow_shows_only_ticks(world, client_for):
    page = _detail(client_for(world.reviewer), _sample_project(world))
    marks = _marks(page)
    assert marks and set(marks) == {"一致"}
    assert "项不一致" not in page


def test_a_printed_total_that_does_not_follow_is_crossed(world, client_for):
    evaluation = _sample_project(world)
    evaluation.data = {**evaluation.data, "total_score": "98.00"}
    evaluation.save()
    page = _detail(client_for(world.finance), evaluation)
    assert "（1 项不一致）" in page
    row = re.search(r'<tr class="disagree">\s*<td>总分</td>.*?</tr>', page, re.S)
    assert row is not None and "98.00" in row.group(0) and "94.38" in row.group(0)


def test_a_department_form_shows_printed_and_computed_figures(world, client_for):
    evaluation = world.unit_form
    evaluation.data["funds"]["completion_rate"] = "90.00"
    evaluation.save()
    page = _detail(client_for(world.unit_user), evaluation)
    assert "计算核验" in page
    assert "评价等级" not in page.split('id="scoring"')[1].split("</section>")[0]
    # 398.72 / 405.60 = 98.30%; the form prints 90.00%.
    row = re.search(r'<tr class="disagree">\s*<td>预算完成率</td>.*?</tr>', page, re.S)
    assert row is not None and "90.00%" in row.group(0) and "98.30%" in row.group(0)
    assert _marks(page).count("不一致") == 1
    assert "（1 项不一致）" in page
