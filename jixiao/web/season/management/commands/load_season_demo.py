"""``manage.py load_season_demo``, run after ``load_demo`` and ``load_sealing_demo``: the
self-evaluation tasks issued by the demo bureau, the seed's year (2022) finished with the centre
handed in late after a 催报, and the year in progress (``DEMO_YEAR``) with the centre late and
reminded. Running it again adds nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jixiao.web.evaluations import demo
from jixiao.web.monitoring.management.commands.load_demo import BUREAU, DEMO_YEAR, DEPARTMENT
from jixiao.web.organisations.models import Organisation
from jixiao.web.season.demo import load_finished_season_demo, load_season_demo


class Command(BaseCommand):
    help = "载入自评任务的演示数据（在 load_demo 之后运行，可重复执行）"

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        found = {
            o.name: o
            for o in Organisation.objects.filter(name__in=[BUREAU, DEPARTMENT, demo.CENTRE])
        }
        missing = [n for n in (BUREAU, DEPARTMENT, demo.CENTRE) if n not in found]
        if missing:
            raise CommandError(f"请先运行 load_demo：没有找到 {'、'.join(missing)}")
        load_finished_season_demo(found[BUREAU], found[DEPARTMENT], found[demo.CENTRE], 2022)
        load_season_demo(found[BUREAU], found[DEPARTMENT], found[demo.CENTRE], DEMO_YEAR)
