"""Where an imported form disagrees with the organisation it would be saved under: the single
import asks the person to confirm, the bulk import leaves the form unsaved."""

from __future__ import annotations

from jixiao.core.serialization import Form
from jixiao.web.organisations.models import FiscalYear, Organisation


def _supervisor_name(organisation: Organisation) -> str:
    node: Organisation | None = organisation.parent
    while node is not None and node.kind != Organisation.Kind.DEPARTMENT:
        node = node.parent
    return node.name if node is not None else ""


def mismatches(form: Form, organisation: Organisation) -> list[str]:
    """Where the file disagrees with the organisation it would be saved under, in Chinese."""
    found = []
    if form.form_type == "department_overall":
        if form.department.strip() and form.department.strip() != organisation.name:
            found.append(
                f"文件中的部门为“{form.department}”，将保存到的单位是“{organisation.name}”。"
            )
    else:
        unit = form.implementing_unit.strip()
        if unit and unit != organisation.name:
            found.append(f"文件中的实施单位为“{unit}”，将保存到的单位是“{organisation.name}”。")
        supervisor = _supervisor_name(organisation)
        if form.department.strip() and supervisor and form.department.strip() != supervisor:
            found.append(
                f"文件中的主管部门为“{form.department}”，该单位的主管部门是“{supervisor}”。"
            )
    open_years = sorted(FiscalYear.objects.filter(is_open=True).values_list("year", flat=True))
    if open_years and form.year is not None and form.year not in open_years:
        years = "、".join(str(y) for y in open_years)
        found.append(f"文件中的年度为 {form.year}，不是正在填报的年度（{years}）。")
    return found
