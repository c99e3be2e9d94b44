"""``manage.py refresh_form_facts``: fill the list figures of forms loaded in bulk (e.g. by
``demo_data``), which no save has computed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.evaluations.models import Evaluation, ReviewRound
from jixiao.web.season.models import FormFacts
from jixiao.web.season.rebuild import facts_fill


class Command(BaseCommand):
    help = "补算表单列表数据（年初预算、实际支出、执行率、得分、等级）"

    def handle(self, *args: Any, **options: Any) -> None:
        made = facts_fill(Evaluation, ReviewRound, FormFacts)
        self.stdout.write(f"补算 {made} 张表单的列表数据")
