"""``manage.py send_notifications``: retry every delivery still pending (run it every few
minutes from cron or the task queue's scheduler)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.notifications.services import deliveries_retry


class Command(BaseCommand):
    help = "重试发送尚未成功的通知（电子邮件、群机器人）"

    def handle(self, *args: Any, **options: Any) -> None:
        tried = deliveries_retry()
        self.stdout.write(f"重试 {tried} 条待发送的通知")
