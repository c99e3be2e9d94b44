"""What the dashboards keep: how often each subtree's forms changed, and each dashboard as
the core's roll-up computed it until then.

The figures charts read are not kept here: they are the season's one table of figures kept
beside each form (:class:`jixiao.web.season.models.FormFacts`), which the lists read too.
"""

from __future__ import annotations

from django.db import models

from jixiao.web.organisations.models import Organisation


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
    # Monitoring records change only the 运行监控预警 tile: counted apart, so that the charts
    # are not rolled up again for them, nor the tile counted again for a form.
    monitoring = models.PositiveBigIntegerField("监控变更次数", default=0)

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
    # The monitoring count its 运行监控预警 tile was counted at.
    monitoring = models.PositiveBigIntegerField("监控变更次数", default=0)
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


class SubtreePart(models.Model):
    """The core's roll-up of one organisation's subtree (:class:`jixiao.core.rollup_parts.Part`:
    sums and tallies by year, no rule set applied), kept until a form of the subtree changes: a
    dashboard merges its children's parts, so after a change only the changed child's subtree
    is rolled up again. Derived data, rebuilt on the next read once stale."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name="组织",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The subtree's change count (SubtreeChange.generation) it was rolled up at.
    generation = models.PositiveBigIntegerField("变更次数")
    data = models.JSONField("汇总分块")
    built_at = models.DateTimeField("生成时间", auto_now=True)

    class Meta:
        verbose_name = "统计范围汇总分块"
        verbose_name_plural = "统计范围汇总分块"

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.generation}"
