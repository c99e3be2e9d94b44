"""What reviewers say beyond the one comment of a decision: a comment on a single field, which
the unit answers before resubmitting, and the phrases a bureau or department reuses
(常用审核意见)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation


class FieldComment(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name="表单", on_delete=models.CASCADE, related_name="field_comments"
    )
    field = models.CharField("字段", max_length=200)  # the editor's name: tasks-0-expected_goal
    label = models.CharField("字段名称", max_length=300)
    text = models.TextField("意见")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("提出时间", auto_now_add=True)
    answer = models.TextField("答复", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = "字段审核意见"
        verbose_name_plural = "字段审核意见"
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"{self.label}：{self.text[:30]}"

    @property
    def answered(self) -> bool:
        return bool(self.answer.strip())


class ReviewPhrase(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="所属单位",
        on_delete=models.CASCADE,
        related_name="review_phrases",
    )
    text = models.CharField("常用意见", max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="添加人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "常用审核意见"
        verbose_name_plural = "常用审核意见"
        ordering = ("organisation", "text")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "text"], name="one_phrase_per_text"),
        )

    def __str__(self) -> str:
        return self.text
