"""Loading a generated province in bulk: organisations in three levels with their paths, forms
and their chart figures."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jixiao.demo.generator import BUREAU
from jixiao.web.dashboards.selectors import dashboard_for
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation
from jixiao.web.season.models import FormFacts


def test_demo_data_loads_a_small_province_that_the_dashboard_reads(db, capsys):
    call_command("demo_data", units=30, years=2, last_year=2024, batch=7)
    bureau = Organisation.objects.get(name=BUREAU)
    assert bureau.subtree().count() == 1 + 1 + 30
    unit = Organisation.objects.filter(kind="unit").first()
    assert unit.path == f"{bureau.path}{unit.parent_id}/{unit.pk}/"
    forms = Evaluation.objects.count()
    assert forms == (1 + 30) * 2 + 6 * 2  # department forms, and a project form for 1 unit in 5
    assert FormFacts.objects.count() == forms
    dashboard = dashboard_for(bureau, 2024)
    assert dashboard.years == [2023, 2024]
    assert len(dashboard.chart("rates").rows) == 1
    with pytest.raises(CommandError, match="已存在"):
        call_command("demo_data", units=30, years=2)


def test_demo_data_can_hang_a_district_under_an_existing_bureau(db):
    bureau = Organisation.objects.create(name="某区财政局", kind="finance_bureau")
    call_command(
        "demo_data", units=12, per_department=4, years=3, last_year=2023, under=bureau.name
    )
    assert not Organisation.objects.filter(name=BUREAU).exists()
    assert bureau.children.count() == 3
    assert bureau.subtree().count() == 1 + 3 + 12
    dashboard = dashboard_for(bureau, 2023)
    assert dashboard.years == [2021, 2022, 2023]
    assert len(dashboard.chart("rates").rows) == 3
    # Run again (as make run does each time): nothing doubles.
    call_command("demo_data", units=12, per_department=4, under=bureau.name, skip_existing=True)
    assert bureau.subtree().count() == 1 + 3 + 12
    with pytest.raises(CommandError, match="没有名为"):
        call_command("demo_data", units=12, under="不存在的财政局")
