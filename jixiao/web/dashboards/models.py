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


class SubtreeChange(models.Model):
    """How many times the forms of an organisation's subtree have changed: a snapshot built at
    another count is out of date. Counted after each change commits, so a snapshot built while a
    change was being saved is never taken for current."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name="组织",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    generation = models.PositiveBigIntegerField("变更次数", default=0)

    class Meta:
        verbose_name = "统计范围变更计数"
        verbose_name_plural = "统计范围变更计数"

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.generation}"


class DashboardSnapshot(models.Model):
    """A dashboard as the core's roll-up computed it (the charts, ready to draw), kept until a
    form of the subtree changes: fifty people opening the finance dashboard read one row instead
    of rolling up a province each. Derived data, rebuilt on the next read once stale."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="统计范围", on_delete=models.CASCADE, related_name="+"
    )
    # 0: the default year (the latest with forms).
    year = models.PositiveIntegerField("年度")
    # The rule sets (id@version) whose bands and lines the charts show.
    rules = models.CharField("规则集", max_length=200)
    generation = models.PositiveBigIntegerField("变更次数")
    data = models.JSONField("图表")
    built_at = models.DateTimeField("生成时间", auto_now=True)

    class Meta:
        verbose_name = "统计图表快照"
        verbose_name_plural = "统计图表快照"
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "year", "rules"], name="one_snapshot_per_scope_and_year"
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year or '最新'}"
