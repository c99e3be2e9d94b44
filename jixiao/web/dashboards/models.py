"""The figures of each stored form that dashboards chart, kept in columns.

A form's content lives in ``Evaluation.data`` (JSON); reading thousands of those documents to
draw one chart is slow on every database. This read model holds the few figures charts need,
written from the core's reading of the form whenever an evaluation is saved
(:mod:`jixiao.web.dashboards.figures`). It is derived data: ``refresh_figures`` rebuilds it.
"""

from __future__ import annotations

from django.db import models

from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation


def _money(label: str) -> models.DecimalField[object, object]:
    return models.DecimalField(label, max_digits=18, decimal_places=2, null=True, blank=True)


class FormFigures(models.Model):
    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name="表单",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="figures",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="填报单位", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField("被评价年度")
    form_type = models.CharField("表单类型", max_length=30)
    status = models.CharField("状态", max_length=30)
    consolidated = models.BooleanField("汇总表", default=False)
    # Department form: budgets and spending; project form: 全年预算数 (A) and 全年执行数 (B).
    initial_budget = _money("年初预算")
    adjusted_budget = _money("调整预算（全年预算数）")
    actual_spending = _money("实际支出（全年执行数）")
    task_funds = _money("任务涉及资金合计")
    total_score = models.DecimalField("总分", max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField("评价等级", max_length=10, blank=True, default="")

    class Meta:
        verbose_name = "表单统计数据"
        verbose_name_plural = "表单统计数据"
        indexes = (models.Index(fields=["year", "form_type"], name="figures_year_type"),)

    def __str__(self) -> str:
        return f"{self.year} {self.organisation_id} {self.form_type}"
