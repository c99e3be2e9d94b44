"""The finance dashboard costs the same number of queries whatever the number of departments,
units, forms, years and monitoring records: read from its snapshot, and rolled up after a form
changed (what ``make bench`` times on a generated province)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.core.monitoring.models import ExecutionKind
from jixiao.web.dashboards.figures import subtree_changed
from jixiao.web.evaluations import demo
from jixiao.web.monitoring.services import monitoring_create
from jixiao.web.organisations.models import Organisation
from tests.web.conftest import make_form


def _counts(world, client_for, changed) -> dict[str, int]:
    """Queries of the bureau's dashboard rolled up (after a change) and read from its snapshot."""
    client = client_for(world.finance)
    url = f"/dashboards/{world.bureau.pk}/?year=2022"
    assert client.get(url).status_code == 200  # warm: the session, the snapshot's row
    counts = {}
    for state in ("rolled up", "kept"):
        if state == "rolled up":
            changed()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert "各部门预算完成率与预算调整率" in response.content.decode()
        counts[state] = len(captured)
    return counts


def _grow(world, departments: int, units: int) -> None:
    """More departments and units, each with forms of two years and a monitoring record."""
    for d in range(departments):
        department = Organisation.objects.create(
            name=f"新增主管部门{d}", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
        )
        for u in range(units):
            unit = Organisation.objects.create(
                name=f"新增部门{d}单位{u}", kind=Organisation.Kind.UNIT, parent=department
            )
            make_form(unit, demo.centre_form(2021))
            make_form(unit, demo.centre_form(2022))
            make_form(unit, demo.centre_project_form(2022, department.name))
            monitoring_create(
                organisation=unit, year=2022, kind=ExecutionKind.UNIT, name="", user=None
            )


def test_the_finance_dashboard_costs_the_same_queries_for_small_and_bigger_data(
    world, client_for, django_capture_on_commit_callbacks
):
    def changed() -> None:
        """A form of a unit changed: the bureau's snapshot and its department's part are out of
        date once the change commits (the other departments' parts are kept)."""
        with django_capture_on_commit_callbacks(execute=True):
            subtree_changed([world.unit.path])

    monitoring_create(
        organisation=world.unit, year=2022, kind=ExecutionKind.UNIT, name="", user=None
    )
    small = _counts(world, client_for, changed)
    assert small["kept"] < small["rolled up"]
    _grow(world, departments=3, units=8)
    assert _counts(world, client_for, changed) == small
