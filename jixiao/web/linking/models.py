"""Confirmed links between a department's items of consecutive years.

Tasks, key projects and indicators are identified by their names, which people reword from
one year to the next. A link says "this year's item X is last year's item Y", suggested by name
similarity and confirmed by a person, so that a trend follows the item through its renamings.
An unchanged name needs no link.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.organisations.models import Organisation


class ItemLink(models.Model):
    class Kind(models.TextChoices):
        TASK = "task", "主要任务"
        KEY_PROJECT = "key_project", "重点项目"
        INDICATOR = "indicator", "关键指标"

    organisation = models.ForeignKey(
        Organisation, verbose_name="部门", on_delete=models.CASCADE, related_name="item_links"
    )
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    later_year = models.PositiveIntegerField("年度")
    later_name = models.CharField("名称", max_length=500)
    earlier_year = models.PositiveIntegerField("上一年度")
    earlier_name = models.CharField("上一年度名称", max_length=500)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", auto_now=True)

    class Meta:
        verbose_name = "跨年度关联"
        verbose_name_plural = "跨年度关联"
        ordering = ("organisation", "kind", "-later_year", "later_name")
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "kind", "later_year", "later_name"],
                name="one_predecessor_per_item",
            ),
            models.CheckConstraint(
                condition=models.Q(earlier_year__lt=models.F("later_year")),
                name="link_goes_back_in_time",
            ),
        )

    def __str__(self) -> str:
        return f"{self.earlier_year}“{self.earlier_name}” → {self.later_year}“{self.later_name}”"
