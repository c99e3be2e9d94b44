"""The published-table reader on invented forms in the shapes real publications take."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao.core.model.project import IndicatorNature, ProjectForm
from jixiao.core.serialization import form_to_data
from jixiao.formats.tableread import read_published
from jixiao.formats.textparse import NotAForm
from tests.formats.tableread import published


def _one(text: str) -> ProjectForm:
    forms = read_published(text)
    assert len(forms) == 1
    form = forms[0].form
    assert isinstance(form, ProjectForm)
    return form


def test_a_form_flattened_to_one_line_is_read_by_its_headers() -> None:
    form = _one(published.FLAT_MOF)
    assert (form.year, form.project_name, form.money_unit) == (2023, "乡村道路养护项目", "万元")
    assert form.department == "东岭县交通运输局"
    assert form.implementing_unit == "东岭县公路事务中心"
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (120, 150, 135)
    assert (form.funds.weight, form.funds.execution_rate, form.funds.score) == (10, 90, 9)
    assert form.funds.current_year_appropriation.executed == 135
    assert [i.name for i in form.indicators] == [
        "养护道路里程",
        "养护合格率",
        "完成及时性",
        "群众出行便利程度",
        "沿线群众满意度",
    ]
    first = form.indicators[0]
    assert (first.level1, first.level2, first.target, first.actual) == (
        "产出指标(50分)",
        "数量指标",
        "≥40公里",
        "42",
    )
    assert [(i.weight, i.score) for i in form.indicators][2] == (15, 14)
    assert form.total_score == 96


def test_two_forms_on_one_page_and_the_tail_of_a_third_are_told_apart() -> None:
    forms = read_published(published.PIPE_SICHUAN)
    assert len(forms) == 1  # the tail before the first title has no year: reported, not read
    form = forms[0].form
    assert isinstance(form, ProjectForm)
    assert form.project_name == "51010024T000000000001-档案数字化经费"
    assert (form.funds.total.initial_budget, form.funds.total.annual_budget) == (40, 36)
    assert form.funds.execution_rate == Decimal("95.00")
    assert (form.funds.weight, form.funds.score) == (10, Decimal("9.5"))
    names = [(i.level1, i.level2, i.name) for i in form.indicators]
    assert names == [
        ("产出指标", "数量指标", "数字化档案卷数"),
        ("产出指标", "时效指标", "完成时限"),
        ("效益指标", "社会效益指标", "档案查阅便利度"),
    ]
    limit = form.indicators[1]
    assert (limit.nature, limit.target, limit.unit, limit.actual) == (
        IndicatorNature.AT_MOST,
        "12",
        "月",
        "11",
    )
    assert form.indicators[2].nature is IndicatorNature.QUALITATIVE
    assert any("上一张表的末尾" in w for w in forms[0].report.warnings)


def test_traditional_characters_are_matched_but_kept_as_printed() -> None:
    form = _one(published.TRADITIONAL_YUAN)
    assert form.money_unit == "元"  # a 元 form is never read as 万元
    assert form.project_name == "邊境小學營養餐補助"
    assert form.department == "南嶺縣教育體育局"
    assert form.funds.total.executed == 60000
    # the sub-row lost its empty 分值 cell: 100% is placed under 执行率 by the arithmetic
    assert form.funds.current_year_appropriation.annual_budget == 60000
    assert [i.name for i in form.indicators] == ["受益學生人數", "學生營養改善率"]
    assert form.indicators[1].score == 48


def test_one_cell_per_line_rows_are_rebuilt_from_the_column_count() -> None:
    form = _one(published.ONE_CELL_PER_LINE)
    assert form.funds.total.executed == 72
    assert form.funds.score is None  # printed empty: never filled in
    [indicator] = form.indicators
    assert (indicator.name, indicator.target, indicator.weight, indicator.score) == (
        "整治点位数",
        "30",
        90,
        None,
    )
    assert indicator.actual is None


def test_a_row_whose_rate_contradicts_its_amounts_is_refused_not_stored() -> None:
    text = published.FLAT_MOF.replace("120 150 135 10 90% 9", "120 150 135 10 80% 9")
    forms = read_published(text)
    form = forms[0].form
    assert isinstance(form, ProjectForm)
    assert form.funds.total.executed is None and form.funds.execution_rate is None
    assert any("年度资金总额" in w and "未读取该行" in w for w in forms[0].report.warnings)


def test_a_total_that_is_not_the_sum_of_its_sources_is_refused() -> None:
    text = published.FLAT_MOF.replace("本年财政拨款 120 150 135", "本年财政拨款 90 90 88")
    forms = read_published(text)
    form = forms[0].form
    assert isinstance(form, ProjectForm)
    assert form.funds.total.annual_budget is None
    assert form.funds.current_year_appropriation.annual_budget == 90
    assert any("不等于其中各项资金之和" in w for w in forms[0].report.warnings)
    assert forms[0].report.confidence < 0.9


def test_a_score_above_its_weight_is_not_stored() -> None:
    text = published.FLAT_MOF.replace("养护合格率 ≥95% 97% 15 15", "养护合格率 ≥95% 97% 15 18")
    form = _one(text)
    quality = next(i for i in form.indicators if i.name == "养护合格率")
    assert (quality.weight, quality.score) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        published.FLAT_MOF,
        published.PIPE_SICHUAN,
        published.TRADITIONAL_YUAN,
        published.ONE_CELL_PER_LINE,
        published.TAB_NO_POINTS,
        published.VALUE_NEXT_LINE,
        published.FLAT_YUAN_TWO_FORMS,
        published.TRADITIONAL_PIPES,
        published.BASEDATA_FLAT,
        published.EXPLAINED_RUBRIC,
    ],
)
def test_every_figure_read_is_printed_in_the_text(text: str) -> None:
    printed = {Decimal(n.replace(",", "")) for n in re.findall(r"\d+(?:\.\d+)?", text)}
    for parsed in read_published(text):
        data = form_to_data(parsed.form)
        figures = [v for v in data["funds"].values() if isinstance(v, str) and v]
        for row in data["funds"].values():
            if isinstance(row, dict):
                figures += [v for v in row.values() if v is not None]
        for indicator in data.get("indicators", []):
            figures += [indicator[k] for k in ("weight", "score") if indicator[k] is not None]
        assert figures
        assert all(Decimal(f) in printed for f in figures)


def test_a_report_is_read_as_a_report_with_its_funds_sentence() -> None:
    from jixiao.formats.tableread.report import NOT_A_FORM

    text = (
        "北山县林业中心2024年度项目支出绩效自评报告\n一、基本情况\n"
        "年初批复预算6个项目420万元，调整预算后项目预算398.5万元，实际到位资金200万元。"
    )
    [parsed] = read_published(text)
    form = parsed.form
    assert isinstance(form, ProjectForm)
    assert (form.year, form.department, form.project_name) == (2024, "北山县林业中心", "")
    assert form.funds.total.initial_budget == 420
    assert form.funds.total.annual_budget == Decimal("398.5")
    assert form.funds.total.executed is None  # funds received are not spending
    assert NOT_A_FORM in parsed.report.warnings


def test_a_department_report_names_its_unit_from_the_cover() -> None:
    from jixiao.core.model.department import DepartmentForm

    text = "西湾区2022年度部门整体支出\n\n绩效评价自评报告\n\n部门(单位)名称:  西湾区档案馆\n"
    [parsed] = read_published(text)
    assert isinstance(parsed.form, DepartmentForm)
    assert (parsed.form.year, parsed.form.department) == (2022, "西湾区档案馆")
    assert parsed.form.funds.initial_budget is None


def test_a_report_without_a_year_is_refused_as_a_report() -> None:
    with pytest.raises(NotAForm) as raised:
        read_published("某单位绩效自评报告\n年初预算420万元。")
    assert "自评报告" in raised.value.message and "420万元" in raised.value.message


def test_a_form_without_a_year_is_read_with_the_year_missing() -> None:
    [parsed] = read_published(published.FLAT_MOF.replace("(2023年度)", ""))
    form = parsed.form
    assert isinstance(form, ProjectForm)
    assert form.year is None
    assert form.project_name == "乡村道路养护项目"
    assert form.funds.total.executed == 135
    assert any("未识别年度" in w for w in parsed.report.warnings)


def test_a_rubric_table_whose_rows_span_several_lines() -> None:
    from jixiao.core.model.department import DepartmentForm

    [parsed] = read_published(published.RUBRIC_PIPES)
    form = parsed.form
    assert isinstance(form, DepartmentForm)
    assert (form.year, form.department) == (2024, "清河县统计局")
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators]
    assert rows == [
        ("决策 (12分)", "目标设定 (7分)", "绩效目标合理性", 4, 4),
        ("决策 (12分)", "目标设定 (7分)", "绩效目标明确性", 3, 2),
        ("决策 (12分)", "预算编制 (5分)", "预算编制科学性", 5, 5),
        ("过程 (20分)", "资金管理 (20分)", "预算执行率", 8, Decimal("7.5")),
    ]
    assert form.total_score is None  # the 自评得分 column header is not a total


def test_a_flattened_score_sheet_takes_each_score_from_the_next_line() -> None:
    from jixiao.core.model.department import DepartmentForm

    [parsed] = read_published(published.RUBRIC_FLAT)
    form = parsed.form
    assert isinstance(form, DepartmentForm)
    assert form.year == 2019 and form.department == ""
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators]
    assert rows == [
        ("部门决策(20分)", "目标任务(10分)", "相关性", 5, 5),
        ("部门决策(20分)", "目标任务(10分)", "明确性", 5, 4),
        ("部门决策(20分)", "预算编制(10分)", "测算依据", 6, 6),
        ("部门决策(20分)", "预算编制(10分)", "目标管理", 4, 3),
        ("综合管理(30分)", "资金管理(30分)", "支付进度", 10, 8),
    ]
    assert form.total_score == 86
    assert any("单位名称" in w for w in parsed.report.warnings)


def test_rubric_forms_round_trip_through_json() -> None:
    from jixiao.core.serialization import form_from_data

    for text in (published.RUBRIC_PIPES, published.RUBRIC_FLAT):
        form = read_published(text)[0].form
        assert form_from_data(form_to_data(form)) == form


def test_a_department_reports_numbered_task_list_is_read_as_printed() -> None:
    from jixiao.core.model.department import DepartmentForm

    text = (
        "东湖区2023年度部门整体支出绩效自评报告\n部门(单位)名称: 东湖区档案馆\n"
        "(三)年度重点工作任务 1、完成馆藏档案数字 化工作。2、开展档案\n利用服务。"
        "2、做好档案安全检查。3、指导机关档案工作。(四)绩效目标 年初预算120万元。"
    )
    [parsed] = read_published(text)
    form = parsed.form
    assert isinstance(form, DepartmentForm)
    assert [(t.number, t.expected_goal) for t in form.tasks] == [
        (1, "完成馆藏档案数字化工作。"),
        (2, "开展档案利用服务。"),
        (2, "做好档案安全检查。"),  # numbered twice in the report: kept as printed
        (3, "指导机关档案工作。"),
    ]
    assert form.funds.initial_budget == 120


def test_the_budget_points_printed_in_the_block_label_are_its_weight() -> None:
    text = (
        "项目支出绩效自评表 (2023年度) 项目名称 河道保洁项目 主管部门 西岭区水务局 "
        "预算执行 情况(万元) (10 分) 年初预算数 全年预算数 全年执行数 执行率 得分 "
        "年度资金总额: 80 100 90 90% 9 "
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 保洁河道长度 ≥20公里 22公里 50 50 总分 95"
    )
    form = _one(text)
    assert (form.funds.weight, form.funds.execution_rate, form.funds.score) == (10, 90, 9)
    # A score above the printed points would be a misreading: the points are then not taken.
    assert _one(text.replace("90% 9 ", "90% 12 ")).funds.weight is None
