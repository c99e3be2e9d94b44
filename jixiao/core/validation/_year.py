"""The evaluated year, shared by every form type: a form read from a document that prints no
year is kept with the year missing, and this finding asks for it before the form is saved."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.rulesets import RuleSet
from jixiao.core.validation.findings import Finding, error

YEAR_MISSING = "year_missing"


def check_year(form: DepartmentForm | ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    if form.year is None:
        yield error(
            YEAR_MISSING, "year", "未识别年度：文件中没有印出被评价年度，请填写年度后再保存"
        )
