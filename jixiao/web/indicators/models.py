"""The indicator library (指标库) a finance bureau keeps: common indicators (共性指标) every
department may use and industry indicators (行业指标) for one sector. Entries are retired, never
deleted, so that a form that used one still finds where its name came from."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.core.model.project import IndicatorNature
from jixiao.web.organisations.models import Organisation


class LibraryIndicator(models.Model):
    class Kind(models.TextChoices):
        COMMON = "common", "共性指标"
        INDUSTRY = "industry", "行业指标"

    keeper = models.ForeignKey(
        Organisation,
        verbose_name="维护单位",
        on_delete=models.CASCADE,
        related_name="library_indicators",
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.COMMON)
    sector = models.CharField("行业", max_length=100, blank=True)
    level1 = models.CharField("一级指标", max_length=50)
    level2 = models.CharField("二级指标", max_length=50)
    name = models.CharField("三级指标", max_length=300)
    unit = models.CharField("度量单位", max_length=30, blank=True)
    nature = models.CharField(
        "指标性质",
        max_length=20,
        blank=True,
        choices=[(n.value, n.value) for n in IndicatorNature],
    )
    reference_value = models.CharField("参考指标值", max_length=100, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("加入时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="加入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retired_at = models.DateTimeField("停用时间", null=True, blank=True)

    class Meta:
        verbose_name = "库中指标"
        verbose_name_plural = "指标库"
        ordering = ("level1", "level2", "name", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["keeper", "level1", "level2", "name"],
                condition=models.Q(retired_at__isnull=True),
                name="one_active_library_indicator_per_category_and_name",
            ),
        )

    def __str__(self) -> str:
        return f"{self.level1} › {self.level2} › {self.name}"

    @property
    def retired(self) -> bool:
        return self.retired_at is not None
