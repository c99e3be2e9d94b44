"""The 自评 season's part of the daily digest: the tasks a person's units are late with."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from jixiao.web.season.selectors import pending_for_unit


def overdue_lines(user: User, day: date) -> list[str]:
    return [
        f"{p.task.title}（{p.unit.name}）：{p.text}，{p.state_label}"
        for p in pending_for_unit(user, day)
        if p.overdue
    ]
