"""Notifications: what a person is told (shown in the in-app centre), how they want to be told
besides (e-mail, a group robot's webhook), and every attempt to deliver it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """One message to one person, always shown in the notification centre."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("类型", max_length=40)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("内容", blank=True, default="")
    url = models.CharField("链接", max_length=500, blank=True, default="")
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["recipient", "read_at"], name="notification_unread"),)

    def __str__(self) -> str:
        return self.title


class ChannelChoice(models.Model):
    """How a person wants to be told besides the centre. Without a row: by e-mail when they
    have an address, no webhook."""

    class WebhookKind(models.TextChoices):
        WECOM = "wecom", "企业微信 / 政务微信群机器人"
        DINGTALK = "dingtalk", "钉钉群机器人"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="channel_choice",
    )
    email = models.BooleanField("电子邮件", default=True)
    webhook = models.BooleanField("群机器人", default=False)
    webhook_kind = models.CharField(
        "机器人类型", max_length=20, choices=WebhookKind.choices, default=WebhookKind.WECOM
    )
    webhook_url = models.URLField("机器人 Webhook 地址", max_length=500, blank=True, default="")
    webhook_secret = models.CharField(
        "加签密钥（钉钉，可选）", max_length=200, blank=True, default=""
    )

    class Meta:
        verbose_name = "通知方式"
        verbose_name_plural = "通知方式"

    def __str__(self) -> str:
        return f"{self.user} 的通知方式"


class Delivery(models.Model):
    """One channel's delivery of a notification, with its attempts: the log of what was sent."""

    class Channel(models.TextChoices):
        EMAIL = "email", "电子邮件"
        WEBHOOK = "webhook", "群机器人"

    class State(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    notification = models.ForeignKey(
        Notification, verbose_name="通知", on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices)
    target = models.CharField("发送到", max_length=500)
    state = models.CharField(
        "状态", max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True, default="")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "发送记录"
        verbose_name_plural = "发送记录"
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.target}：{self.get_state_display()}"


class DigestSent(models.Model):
    """The day's summary e-mail went to this person: written before sending (so that two
    workers, or two runs of ``send_digest``, never send it twice) and removed if sending
    failed (so that the next run tries again)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE
    )
    day = models.DateField("日期")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)
    lines = models.PositiveIntegerField("条目数", default=0)

    class Meta:
        verbose_name = "每日汇总邮件"
        verbose_name_plural = "每日汇总邮件"
        constraints = (models.UniqueConstraint(fields=["user", "day"], name="one_digest_a_day"),)

    def __str__(self) -> str:
        return f"{self.user} {self.day:%Y-%m-%d}"
