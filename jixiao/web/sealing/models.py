"""Sealed records: each form's hash chain of workflow events, daily anchors over all chains,
and the sealed (signed) PDFs of published forms.

``snapshot`` is the exact canonical JSON text that was hashed (a text column, not JSON: a JSON
column may reorder keys or reformat numbers on the way back, PostgreSQL's jsonb does). The
columns beside it repeat parts of it for lists and queries; verification checks they agree.
"""

from __future__ import annotations

from django.db import models

from jixiao.core.audit import EVENT_LABELS, EventKind
from jixiao.web.evaluations.models import Evaluation


class ChainEvent(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name="表单", on_delete=models.PROTECT, related_name="chain_events"
    )
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField(
        "事件", max_length=20, choices=[(k.value, EVENT_LABELS[k]) for k in EventKind]
    )
    actor = models.CharField("操作人", max_length=150)
    at = models.CharField("时间", max_length=40)
    status = models.CharField("事件后状态", max_length=30)
    snapshot = models.TextField("快照（规范 JSON）")
    previous_hash = models.CharField("前一哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "封存事件"
        verbose_name_plural = "封存事件"
        ordering = ("evaluation", "seq")
        constraints = (
            models.UniqueConstraint(fields=["evaluation", "seq"], name="chain_seq_unique"),
        )

    def __str__(self) -> str:
        return f"{self.evaluation_id} #{self.seq} {self.kind}"


class DailyAnchor(models.Model):
    """One hash over the heads of every chain on a day, to print or publish."""

    day = models.DateField("日期", unique=True)
    payload = models.TextField("链头（规范 JSON）")
    previous_hash = models.CharField("前一锚点哈希", max_length=64)
    hash = models.CharField("锚点哈希", max_length=64, unique=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "每日锚点"
        verbose_name_plural = "每日锚点"
        ordering = ("day",)

    def __str__(self) -> str:
        return f"{self.day} {self.hash[:12]}"


class SealedDocument(models.Model):
    """A PDF made at an event (the published form), signed when a certificate is configured."""

    event = models.OneToOneField(
        ChainEvent, verbose_name="封存事件", on_delete=models.PROTECT, related_name="document"
    )
    storage_key = models.CharField("存储键", max_length=300, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    signed = models.BooleanField("已签名", default=False)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "封存文件"
        verbose_name_plural = "封存文件"

    def __str__(self) -> str:
        return self.storage_key
