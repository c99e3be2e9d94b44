"""``manage.py load_sealing_demo``, run after ``load_demo``: evidence on two of the seed form's
claims, and the centre's 2022 project form published (signed when a certificate is configured).
Running it again adds nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation
from jixiao.web.sealing.demo import load_sealing_demo

SEED_DEPARTMENT = "中国共产党广州市天河区委员会政法委员会"
CENTRE = "天河区社会治安综合治理中心"


class Command(BaseCommand):
    help = "载入佐证材料与封存的演示数据（在 load_demo 之后运行，可重复执行）"

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        department = Organisation.objects.filter(name=SEED_DEPARTMENT).first()
        seed = Evaluation.objects.filter(
            organisation=department, year=2022, form_type="department_overall"
        ).first()
        project = Evaluation.objects.filter(
            organisation__name=CENTRE, year=2022, form_type="project"
        ).first()
        load_sealing_demo(seed, project)
