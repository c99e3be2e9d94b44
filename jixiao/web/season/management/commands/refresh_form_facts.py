"""``manage.py refresh_form_facts``: recompute the figures kept beside every form (forms loaded
in bulk, which no save has computed, or after a change of the core's reading)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.evaluations.models import Evaluation, ReviewRound
from jixiao.web.season.figures import facts_rebuild
from jixiao.web.season.models import FormFacts
from jixiao.web.season.signals import figures_rebuilt


class Command(BaseCommand):
    help = "重算表单数据（年初预算、实际支出、执行率、得分、等级）"

    def handle(self, *args: Any, **options: Any) -> None:
        count = facts_rebuild(Evaluation, ReviewRound, FormFacts)
        figures_rebuilt.send(sender=FormFacts)
        self.stdout.write(f"重算 {count} 张表单的数据")
