"""A department's 汇总: which of its evaluations is the consolidated form, and what it was
built from.

The consolidated form is the department's own evaluation for the year (one department form per
organisation and year), its content replaced by the aggregate of the department's own part
(本级, kept here in ``own_data``) and its units' approved forms. It is then edited, submitted
and reviewed like any form. ``sources`` records each unit form's version at the last build, so
that a later change shows as a difference before the department re-aggregates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.evaluations.models import Evaluation


class Consolidation(models.Model):
    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name="汇总表",
        on_delete=models.CASCADE,
        related_name="consolidation",
    )
    own_data = models.JSONField("部门本级表内容")
    sources = models.JSONField("汇总来源", default=list)
    provenance = models.JSONField("各项来源单位", default=dict)
    notes = models.JSONField("汇总提示", default=list)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="汇总人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    built_at = models.DateTimeField("汇总时间", auto_now=True)

    class Meta:
        verbose_name = "汇总记录"
        verbose_name_plural = "汇总记录"

    def __str__(self) -> str:
        return f"{self.evaluation} 汇总"
