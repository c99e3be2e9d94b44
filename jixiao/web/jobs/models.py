"""A job a person started and can watch, and the heartbeats of the workers that run them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "运行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    # A UUID, not a counter: the progress page's address reveals nothing about other jobs.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("任务类型", max_length=200)
    title = models.CharField("任务", max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="发起人",
    )
    task_result_id = models.CharField("队列编号", max_length=64, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.CharField("进度说明", max_length=500, blank=True)
    result_file = models.CharField("结果文件", max_length=500, blank=True)
    result_name = models.CharField("下载文件名", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ("-created_at",)
        indexes = (models.Index(fields=["owner", "-created_at"]),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(total=0) | models.Q(done__lte=models.F("total")),
                name="job_done_within_total",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)


class WorkerBeat(models.Model):
    """One row per running worker process, touched every few seconds while it lives."""

    worker_id = models.CharField("工作进程", max_length=100, primary_key=True)
    host = models.CharField("主机", max_length=200)
    pid = models.PositiveIntegerField("进程号")
    backend = models.CharField("队列后端", max_length=20)
    started_at = models.DateTimeField("启动时间")
    seen_at = models.DateTimeField("最近心跳", db_index=True)

    class Meta:
        verbose_name = "工作进程心跳"
        verbose_name_plural = "工作进程心跳"

    def __str__(self) -> str:
        return f"{self.worker_id}@{self.host}"
