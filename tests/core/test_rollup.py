"""The dashboards' roll-up, with no database: a bureau, one department and its two units."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.aggregation import form_in_money_unit
from jixiao.core.model import DepartmentForm, DepartmentFunds
from jixiao.core.rollup import (
    FIGURE_FIELDS,
    FiledForm,
    Node,
    Tree,
    form_figures,
    roll_up,
    score_bands,
)
from jixiao.core.rulesets import load_ruleset

RULES = load_ruleset("national")
BUREAU = Node(1, "财政局", "/1/", files=False)
DEPARTMENT = Node(2, "政法委", "/1/2/")
CENTRE = Node(3, "综治中心", "/1/2/3/")
MIGRANTS = Node(4, "来穗中心", "/1/2/4/")
OTHER = Node(5, "文化局", "/1/5/")


def _tree() -> Tree:
    return Tree(BUREAU, [BUREAU, DEPARTMENT, CENTRE, MIGRANTS, OTHER], member="部门")


def _form(name: str, initial: str, adjusted: str, actual: str, **extra: object) -> DepartmentForm:
    funds = DepartmentFunds(
        initial_budget=initial, adjusted_budget=adjusted, actual_spending=actual
    )
    return DepartmentForm(department=name, year=2022, funds=funds, **extra)  # type: ignore[arg-type]


def _filed(node: Node, form: DepartmentForm, status: str = "draft") -> FiledForm:
    values = form_figures(form, RULES)
    return FiledForm(
        node.id, form.year, form.form_type, status, *(values[f] for f in FIGURE_FIELDS)
    )


def _group(result, label):  # type: ignore[no-untyped-def]
    return next(g for g in result.groups if g.label == label)


def test_a_form_kept_in_yuan_is_summed_in_wan_yuan() -> None:
    centre = form_in_money_unit(_form("综治中心", "420.00", "405.60", "398.72"), "元")
    assert centre.funds.initial_budget == Decimal("4200000.00")
    forms = [
        _filed(CENTRE, centre),
        _filed(MIGRANTS, _form("来穗中心", "655.00", "690.40", "671.15")),
    ]
    result = roll_up(_tree(), forms, 2022, department_rules=RULES, project_rules=RULES)
    group = _group(result, "政法委")
    assert group.initial_budget == Decimal("1075.00")
    assert group.actual_spending == Decimal("1069.87")
    # 1069.87 / 1096.00, from the sums, never an average of the two rates.
    assert group.completion_rate == Decimal("97.62")


def test_a_consolidated_department_form_stands_for_its_units() -> None:
    forms = [
        _filed(DEPARTMENT, _form("政法委", "1175.00", "1216.00", "1179.87", consolidated=True)),
        _filed(CENTRE, _form("综治中心", "420.00", "405.60", "398.72")),
        _filed(MIGRANTS, _form("来穗中心", "655.00", "690.40", "671.15")),
        _filed(OTHER, _form("文化局", "10.00", "10.00", "9.00")),
    ]
    result = roll_up(_tree(), forms, 2022, department_rules=RULES, project_rules=RULES)
    assert _group(result, "政法委").initial_budget == Decimal("1175.00")
    assert _group(result, "政法委").forms == 1
    assert _group(result, "文化局").initial_budget == Decimal("10.00")


def test_forms_not_yet_approved_are_counted_and_labelled() -> None:
    forms = [
        _filed(CENTRE, _form("综治中心", "420.00", "405.60", "398.72"), "dept_approved"),
        _filed(MIGRANTS, _form("来穗中心", "655.00", "690.40", "671.15"), "submitted"),
    ]
    result = roll_up(_tree(), forms, 2022, department_rules=RULES, project_rules=RULES)
    group = _group(result, "政法委")
    assert (group.forms, group.provisional) == (2, 1)
    progress = dict(result.progress)
    assert progress["主管部门审核通过"] == 1 and progress["已提交"] == 1
    assert progress["未填报"] == 2  # the department and 文化局; the bureau files nothing


def test_score_bands_are_the_rule_sets_grades() -> None:
    changed = RULES.model_copy(
        update={
            "grades": [g.model_copy(update={"min_score": g.min_score - 5}) for g in RULES.grades]
        }
    )
    assert [b.label for b in score_bands(RULES)] == [
        "<60（差）",
        "60–80（中）",
        "80–90（良）",
        "≥90（优）",
    ]
    assert [(b.low, b.high) for b in score_bands(changed)][-1] == (Decimal(85), None)


def test_a_year_without_forms_falls_back_to_the_latest_year_filed() -> None:
    forms = [_filed(CENTRE, _form("综治中心", "420.00", "405.60", "398.72"))]
    result = roll_up(_tree(), forms, 2019, department_rules=RULES, project_rules=RULES)
    assert result.year == 2022 and result.years == [2022]
    assert result.trend == [("政法委", [Decimal("98.30")])]
