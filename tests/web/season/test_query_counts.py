"""Every list page costs the same number of queries whatever the number of forms, units and
departments: the 自评表 list, 待我处理, the API list, the public portal, the 汇总 overview and
the bureau's 填报进度 (what ``make bench`` times on a generated province)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.web.evaluations import demo
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation
from jixiao.web.season.models import FormFacts
from tests.web.conftest import make_form


def _pages(world, task) -> list[tuple[str, object]]:
    return [
        ("/", world.finance),
        ("/?year=2022&sort=-score&overdue=1", world.finance),
        ("/queue/", world.reviewer),
        ("/api/evaluations?page_size=50", world.finance),
        ("/public/", None),
        ("/consolidation/?year=2022", world.finance),
        (f"/season/{task.pk}/", world.finance),
    ]


def _counts(world, task, client_for) -> dict[str, int]:
    counts = {}
    for url, user in _pages(world, task):
        client = client_for(user)
        assert client.get(url).status_code == 200, url  # warm: sessions, caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def _statuses() -> None:
    """A third of the forms submitted, a third published (the queue and the portal list some)."""
    forms = list(Evaluation.objects.order_by("pk").values_list("pk", flat=True))
    for status, chosen in (("submitted", forms[::3]), ("published", forms[1::3])):
        Evaluation.objects.filter(pk__in=chosen).update(status=status)
        FormFacts.objects.filter(evaluation_id__in=chosen).update(status=status)


def _grow(world, departments: int, units: int) -> None:
    """More departments, units and forms."""
    for d in range(departments):
        department = Organisation.objects.create(
            name=f"新增主管部门{d}", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
        )
        for u in range(units):
            unit = Organisation.objects.create(
                name=f"新增部门{d}单位{u}", kind=Organisation.Kind.UNIT, parent=department
            )
            make_form(unit, demo.centre_form(2022))


def test_each_list_page_costs_the_same_queries_for_small_and_bigger_data(world, client_for, task):
    _statuses()
    small = _counts(world, task, client_for)
    _grow(world, departments=3, units=25)
    _statuses()
    assert Evaluation.objects.count() == 77
    assert _counts(world, task, client_for) == small
