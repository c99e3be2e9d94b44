"""``manage.py send_daily_summary``: each person's early-warning digest of the day.

A person's digest covers the units and projects they may see (their unit, their department's
subtree, everything for the bureau); warnings new since their previous digest are marked. The
digest is sent through Django's e-mail backend (the console in development) to those with an
address and kept in :class:`DigestLog` for everyone, so the next one knows what is new.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandParser

from jixiao.web.monitoring.digests import digest_for


class Command(BaseCommand):
    help = "生成并发送每位用户的每日预警摘要（开发环境输出到控制台）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None, help="监控年度（默认今年）")
        parser.add_argument("--date", type=date.fromisoformat, default=None, help="摘要日期")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options.get("date") or date.today()
        year = options.get("year") or today.year
        sent = 0
        for user in get_user_model().objects.filter(is_active=True).order_by("username"):
            digest = digest_for(user, year=year, day=today)
            if digest is None:
                continue
            subject = f"【绩效运行监控】{today:%Y-%m-%d} 预警摘要"
            if user.email:
                send_mail(subject, digest.text, None, [user.email], fail_silently=False)
            self.stdout.write(f"== {user.get_username()}\n{digest.text}\n")
            sent += 1
        self.stdout.write(f"{sent} digests for {year}")
