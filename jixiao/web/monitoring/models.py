"""Stored monitoring data: one record per unit or project and year, the uploads it was
imported from, and the digests people were sent.

``MonitoringRecord.data`` holds :class:`jixiao.core.monitoring.MonitoringForm` as JSON: the
budget with every month's spending and plan, and each indicator's progress as of ``month``.
Earlier months stay in the history (every save is recorded with its user).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.core.monitoring import Light
from jixiao.core.monitoring.models import KIND_LABELS, ExecutionKind
from jixiao.web.documents.models import VersionedDocument
from jixiao.web.organisations.models import Organisation


class MonitoringRecord(VersionedDocument):
    class Kind(models.TextChoices):
        UNIT = ExecutionKind.UNIT.value, KIND_LABELS[ExecutionKind.UNIT]
        PROJECT = ExecutionKind.PROJECT.value, KIND_LABELS[ExecutionKind.PROJECT]

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="填报单位",
        on_delete=models.PROTECT,
        related_name="monitoring_records",
    )
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    name = models.CharField("单位或项目名称", max_length=300)
    month = models.PositiveSmallIntegerField("监控截至月份", default=1)
    data = models.JSONField("监控表内容")
    # The core's light of ``data`` under the record's rule set, judged at every save and again
    # when the rule set may change (``monitoring/lights.py``): derived, so not in the history.
    light = models.CharField(
        "预警灯",
        max_length=1,
        choices=[(light.value, light.value) for light in Light],
        default="",
        editable=False,
    )

    history = HistoricalRecords(
        verbose_name="修改记录", excluded_fields=["updated_at", "created_at", "light"]
    )

    class Meta:
        verbose_name = "绩效运行监控表"
        verbose_name_plural = "绩效运行监控表"
        ordering = ("-year", "organisation__path", "kind", "name")
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "year", "kind", "name"], name="one_monitoring_per_subject"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1) & models.Q(month__lte=12),
                name="monitoring_month_in_year",
            ),
        )

    def __str__(self) -> str:
        return f"{self.year}年度 {self.get_kind_display()} {self.name}"


class MonitoringUpload(models.Model):
    """A file of monthly figures as the person uploaded it, kept with what reading it found."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="填报单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    filename = models.CharField("文件名", max_length=255)
    content = models.BinaryField("文件内容")
    errors = models.JSONField("逐行错误", default=list)
    applied = models.BooleanField("已导入", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "监控数据导入文件"
        verbose_name_plural = "监控数据导入文件"
        ordering = ("-uploaded_at",)

    def __str__(self) -> str:
        return self.filename


class DigestLog(models.Model):
    """The daily summary a person was sent, so that the next one can mark what is new."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField("日期")
    warnings = models.JSONField("预警", default=list)  # [code, subject, path] keys
    text = models.TextField("摘要")

    class Meta:
        verbose_name = "每日预警摘要"
        verbose_name_plural = "每日预警摘要"
        ordering = ("-sent_on",)
        constraints = (
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_per_user_and_day"),
        )

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on}"
