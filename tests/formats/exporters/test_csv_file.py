"""CSV export: one row per indicator with parsed figures, readable by Excel (UTF-8 BOM)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import money_text
from jixiao.core.scoring import score_project
from jixiao.formats.exporters.csv_file import COLUMNS
from jixiao.formats.registry import get_exporter


def _rows(form: DepartmentForm | ProjectForm) -> list[dict[str, str]]:
    data = get_exporter("csv").write(form)
    assert data.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_the_seed_gives_its_twelve_indicators(seed_form: DepartmentForm) -> None:
    rows = _rows(seed_form)
    assert len(rows) == 12
    assert [r["任务序号"] for r in rows] == ["1"] * 3 + ["2"] * 6 + ["3"] * 3
    first = rows[0]
    assert first["部门"] == "中国共产党广州市天河区委员会政法委员会" and first["年度"] == "2022"
    assert first["任务涉及资金"] == "10.00"
    assert first["指标名称"] == "社会矛盾纠纷化解处置率" and first["完成情况"] == "99.10%"
    assert (first["完成值数值"], first["完成值单位"]) == ("99.10", "%")


def test_parsed_columns_follow_the_text(seed_form: DepartmentForm) -> None:
    by_name = {r["指标名称"]: r for r in _rows(seed_form)}
    fall = by_name["刑事案件立案率"]
    assert (fall["完成值数值"], fall["完成值单位"], fall["完成值方向"]) == ("6.29", "%", "下降")
    answers = by_name["来穗人员公众号通过网上指导和答疑情况"]
    assert (answers["完成值运算符"], answers["完成值数值"]) == ("≥", "1300")
    ranking = by_name["2022年度平安广州建设排名"]
    assert ranking["完成值数值"] == ""  # 排名全市前列 is not a figure


def test_project_rows_carry_levels_targets_and_scores(project_form: ProjectForm) -> None:
    rows = _rows(project_form)
    assert len(rows) == 6
    copies = rows[1]
    assert (copies["一级指标"], copies["二级指标"], copies["指标名称"]) == (
        "产出指标",
        "数量指标",
        "印发宣传资料",
    )
    assert (copies["指标值运算符"], copies["指标值数值"], copies["指标值单位"]) == (
        "≥",
        "2000",
        "份",
    )
    # 分值 and 得分 are the core's score card (scores to the cent), not the figures as stored.
    assert (copies["分值"], copies["得分"]) == ("10", "9.00")


def test_a_form_without_indicators_gives_the_header_only(
    bare_department_form: DepartmentForm,
) -> None:
    assert _rows(bare_department_form) == []


def test_a_comma_or_newline_in_a_name_stays_in_its_field(seed_form: DepartmentForm) -> None:
    form = seed_form.model_copy(deep=True)
    form.tasks[0].indicators[0] = (
        form.tasks[0].indicators[0].model_copy(update={"name": 'a,b\n"c"'})
    )
    assert _rows(form)[0]["指标名称"] == 'a,b\n"c"'


def test_project_rows_carry_nature_unit_rating_and_deviation(
    sample_project_form: ProjectForm,
) -> None:
    rows = _rows(sample_project_form)
    assert COLUMNS[-4:] == ("指标性质", "度量单位", "定性评价", "偏差原因分析及改进措施")
    visits, mechanism = rows[1], rows[6]
    assert (visits["指标性质"], visits["度量单位"], visits["定性评价"]) == ("", "户次", "")
    assert visits["偏差原因分析及改进措施"].startswith("年中网格员队伍调整")
    assert (mechanism["指标性质"], mechanism["定性评价"]) == ("定性", "部分达成")


def test_stale_stored_scores_are_not_exported(project_form: ProjectForm) -> None:
    """A form whose stored 得分 disagree with its inputs (edited by hand, imported from a
    file) exports the core's scores, as the print layout does."""
    stale = project_form.model_copy(
        update={
            "indicators": [
                row.model_copy(update={"score": Decimal("99")}) for row in project_form.indicators
            ]
        }
    )
    card = score_project(stale)
    exported = [row["得分"] for row in _rows(stale)]
    assert exported == [money_text(line.score) for line in card.lines[1:]]
    assert "99" not in exported
