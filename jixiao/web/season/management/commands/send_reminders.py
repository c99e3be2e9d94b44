"""``manage.py send_reminders``: the day's automatic reminders (run daily from cron or the task
queue's scheduler; running it twice a day sends nothing twice)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jixiao.web.season.services import reminders_send_due


class Command(BaseCommand):
    help = "发送当天的自评任务提醒（到期前若干天、逾期后每天）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options.get("date"):
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD，如 2023-03-31") from exc
        sent = reminders_send_due(today=today)
        self.stdout.write(f"{today:%Y-%m-%d} 发送提醒 {len(sent)} 条")
