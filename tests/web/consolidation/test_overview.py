"""The 汇总 overview at scale: a page of departments at a time, searched, filtered by the
status of their department form, sorted, with a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.web.organisations.models import Organisation
from tests.web.consolidation.conftest import approve

pytestmark = pytest.mark.django_db


def _departments(world, count: int, units: int = 1, prefix: str = "第") -> None:
    for n in range(count):
        department = Organisation.objects.create(
            name=f"{prefix}{n:03d}主管部门", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
        )
        for u in range(units):
            Organisation.objects.create(
                name=f"{prefix}{n:03d}部门所属单位{u}",
                kind=Organisation.Kind.UNIT,
                parent=department,
            )


def _names(page: str) -> list[str]:
    table = page[page.index('id="overview"') : page.index("</table>", page.index('id="overview"'))]
    return re.findall(r"<tr><td>([^<]+)</td>", table)


def test_the_overview_shows_a_page_of_departments_at_a_time(world, client_for):
    _departments(world, 60)
    client = client_for(world.finance)
    first = client.get("/consolidation/?year=2022").content.decode()
    second = client.get("/consolidation/?year=2022&page=2").content.decode()
    assert len(_names(first)) == 50 and len(_names(second)) == 11
    assert "第 1 / 2 页，共 61 条" in first
    assert not set(_names(first)) & set(_names(second))


def test_the_overview_is_searched_filtered_and_sorted(world, client_for):
    _departments(world, 3, units=3)
    client = client_for(world.finance)
    found = client.get("/consolidation/", {"year": "2022", "q": "第001"}).content.decode()
    assert _names(found) == ["第001主管部门"]
    by_units = client.get("/consolidation/", {"year": "2022", "sort": "-units"}).content.decode()
    assert _names(by_units)[-1] == world.department.name  # 2 units, the others 3
    not_filed = client.get("/consolidation/", {"year": "2022", "status": "not_filed"})
    assert world.department.name in _names(not_filed.content.decode())
    drafts = client.get("/consolidation/", {"year": "2022", "status": "draft"}).content.decode()
    assert _names(drafts) == []


def test_each_row_counts_the_units_approved_in_the_year(world, client_for):
    approve(world.unit_form, world.unit_user, world.reviewer)
    page = client_for(world.reviewer).get("/consolidation/?year=2022").content.decode()
    row = page[page.index(f"<tr><td>{world.department.name}</td>") :].split("</tr>")[0]
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["2", "1"]
    assert "未填报" in row


def test_the_overview_costs_the_same_queries_whatever_the_number_of_departments(world, client_for):
    client = client_for(world.finance)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/consolidation/?year=2022").status_code == 200
        return len(captured)

    _departments(world, 2)
    small = queries()
    _departments(world, 80, units=2, prefix="另")
    assert queries() == small


def test_a_unit_user_sees_no_department_to_consolidate(world, client_for):
    page = client_for(world.unit_user).get("/consolidation/?year=2022").content.decode()
    assert _names(page) == [] and "没有可汇总的主管部门" in page
