"""佐证材料: a file that backs a claim of a form, of one of its rows, or of the form itself.

The file lives in storage under a generated key (``evidence/<form>/<uuid><ext>``); its own name is
kept only here, for display and download. ``sha256`` is the content's hash, recorded at upload and
sealed into every workflow snapshot that includes the file. A replaced file is kept: the new row
points at it through ``replaces`` and the old one gets ``superseded_at``. Only a file that was
never sealed, of a draft form, is ever deleted. :class:`MonitoringEvidence` is the same for one
month of a 运行监控 record, except that a removed file is kept too (``removed_at``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.evaluations.models import Evaluation
from jixiao.web.monitoring.models import MonitoringRecord


class StoredFile(models.Model):
    """What every evidence file keeps, wherever it is attached: its own name, the generated
    storage key, the content's hash and type, who uploaded it and when, and the version it
    replaces (the old row stays, with ``superseded_at``)."""

    name = models.CharField("文件名", max_length=300)
    storage_key = models.CharField("存储键", max_length=300, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("类型", max_length=120)
    type_label = models.CharField("类型名称", max_length=60)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name="替换的旧版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    superseded_at = models.DateTimeField("被替换时间", null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def current(self) -> bool:
        return self.superseded_at is None

    @property
    def previewable(self) -> bool:
        return self.media_type == "application/pdf" or self.media_type.startswith("image/")


class Evidence(StoredFile):
    class Anchor(models.TextChoices):
        FORM = "form", "整张表单"
        TASK = "task", "主要任务"
        INDICATOR = "indicator", "指标"
        KEY_PROJECT = "key_project", "重点项目"

    evaluation = models.ForeignKey(
        Evaluation, verbose_name="表单", on_delete=models.PROTECT, related_name="evidence"
    )
    anchor = models.CharField("附于", max_length=20, choices=Anchor.choices)
    # Where in the form's JSON: "", "tasks[0]", "tasks[0].indicators[1]", "indicators[2]"…
    anchor_path = models.CharField("所在行", max_length=100, blank=True, default="")
    public = models.BooleanField("随表公开", default=False)
    sealed = models.BooleanField("已封存", default=False)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ("evaluation", "anchor_path", "uploaded_at", "pk")
        constraints = (
            models.CheckConstraint(condition=~models.Q(sha256=""), name="evidence_hash_recorded"),
        )


class MonitoringEvidence(StoredFile):
    """佐证材料 of one month of a 运行监控 record (the ledger behind that month's spending or
    indicator progress). Monitoring records have no review workflow, so nothing here is sealed
    and a file is never deleted: a replaced one is kept (``replaces``/``superseded_at``), a
    removed one too (``removed_at``/``removed_by``: it leaves the month's list and the evidence
    packages, its file and row stay), and ``jixiao audit verify`` checks every stored file
    against ``sha256`` as it does a form's."""

    record = models.ForeignKey(
        MonitoringRecord,
        verbose_name="运行监控表",
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    month = models.PositiveSmallIntegerField("月份")
    removed_at = models.DateTimeField("删除时间", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="删除人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "运行监控佐证材料"
        verbose_name_plural = "运行监控佐证材料"
        ordering = ("record", "month", "uploaded_at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(sha256=""), name="monitoring_evidence_hash_recorded"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1) & models.Q(month__lte=12),
                name="monitoring_evidence_month_in_year",
            ),
        )

    @property
    def current(self) -> bool:
        return self.superseded_at is None and self.removed_at is None
