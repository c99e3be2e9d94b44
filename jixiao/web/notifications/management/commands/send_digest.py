"""``manage.py send_digest``: queue the day's summary e-mails (每日汇总) for the worker (run
once a day from a systemd timer or cron; running it twice a day sends nothing twice)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jixiao.web.notifications.digest import digest_start


class Command(BaseCommand):
    help = "将当天的每日汇总邮件（未读消息、逾期任务）交给后台任务发送"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="汇总的日期（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        day = timezone.localdate()
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD，如 2023-03-31") from exc
        job = digest_start(day)
        self.stdout.write(f"{day:%Y-%m-%d} 每日汇总已交给后台任务（{job.pk}）")
