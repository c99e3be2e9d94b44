"""The form-type registry: every type names what varies, and callers find it there."""

from __future__ import annotations

import pytest

from jixiao.core.analysis import analyse, complete
from jixiao.core.diff import field_label
from jixiao.core.formtypes import FORM_TYPES, UnknownFormType, form_type, form_type_of
from jixiao.core.rulesets import default_ruleset_id, load_ruleset
from jixiao.core.serialization import FormReadError, form_from_data, form_to_data


@pytest.mark.parametrize("key", sorted(FORM_TYPES))
def test_each_type_makes_a_blank_form_the_analysis_can_judge(key: str) -> None:
    entry = form_type(key)
    blank = entry.blank(year=2024, title="某单位", department="某部门", implementing_unit="某单位")
    assert isinstance(blank, entry.model)
    assert form_type_of(blank) is entry
    assert default_ruleset_id(key) == entry.default_ruleset
    rules = load_ruleset(entry.default_ruleset)
    done = complete(blank, rules)
    # The stored JSON reads back as the same type, and judging it twice gives the same figures.
    again = form_from_data(form_to_data(done), expected_type=key)
    assert analyse(again, rules).figures == analyse(done, rules).figures
    assert entry.title(blank) in {"某单位", ""}


def test_an_unknown_type_is_named() -> None:
    with pytest.raises(UnknownFormType):
        form_type("budget_request")


def test_a_form_of_another_type_is_refused_with_both_names() -> None:
    blank = form_type("project").blank(year=2024, title="某项目")
    with pytest.raises(FormReadError) as refused:
        form_from_data(form_to_data(blank), expected_type="department_overall")
    assert refused.value.message == (
        "提交的内容是“项目支出绩效自评表”，不能保存为“部门整体支出绩效自评表”，请核对后重新填写或导入。"
    )


def test_untitled_containers_are_labelled_from_the_registry() -> None:
    assert field_label("department_overall", "funds.spending_by_source.other").startswith(
        "部门资金情况 › 实际支出数（按资金来源）"
    )
    assert field_label("project", "funds.total.executed").startswith("项目资金")
