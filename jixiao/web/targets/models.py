"""A stored targets form (绩效目标申报表) of one organisation and year.

``data`` holds :class:`jixiao.core.targets.DepartmentTargets` as the core's JSON: the annual
goals, tasks with funds and indicators, and the targets of each project. ``version`` counts
saves (optimistic locking, as for evaluations); every save is in the history with its user.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.documents.models import ReviewedDocument
from jixiao.web.organisations.models import Organisation


class TargetSet(ReviewedDocument):
    """Reviewed by the supervising department (or finance) through the core's workflow table:
    草稿 → 已提交 → 主管部门审核通过, or 退回 with a comment; the policy grants no later step
    for targets."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="申报单位", on_delete=models.PROTECT, related_name="target_sets"
    )
    year = models.PositiveIntegerField("年度")
    data = models.JSONField("绩效目标内容")
    review_comment = models.TextField("审核意见", blank=True, default="")

    history = HistoricalRecords(
        verbose_name="修改记录", excluded_fields=["updated_at", "created_at"]
    )

    class Meta:
        verbose_name = "绩效目标申报表"
        verbose_name_plural = "绩效目标申报表"
        ordering = ("-year", "organisation__path")
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_target_set_per_organisation_and_year"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="target_set_version_positive"
            ),
        )

    def __str__(self) -> str:
        return f"{self.year}年度 {self.organisation.name} 绩效目标"
