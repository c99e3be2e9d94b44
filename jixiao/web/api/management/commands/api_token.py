"""``manage.py api_token USERNAME NAME``: issue an API token (printed once, stored hashed)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.api.models import ApiToken


class Command(BaseCommand):
    help = "为用户生成接口令牌（只显示一次）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="令牌用途，如“决算系统对接”")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['username']}")
        _, token = ApiToken.issue(user=user, name=options["name"])
        self.stdout.write(token)
