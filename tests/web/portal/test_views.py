"""The public portal: anonymous visitors see published forms and only those, can search,
read the official layout, download each form and every form of a year at once."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import TestCase

from jixiao.core.serialization import form_from_data
from jixiao.web.evaluations import demo
from jixiao.web.evaluations import services as evaluation_services
from jixiao.web.jobs.services import jobs_run_pending
from tests.web.conftest import make_form
from tests.web.consolidation.conftest import approve


def publish(world, evaluation, head):
    evaluation = approve(evaluation, head, world.reviewer)
    evaluation = evaluation_services.evaluation_approve(evaluation=evaluation, user=world.finance)
    # Publishing queues the portal's files once committed (which a test's transaction never is).
    with TestCase.captureOnCommitCallbacks(execute=True):
        published = evaluation_services.evaluation_publish(
            evaluation=evaluation, user=world.finance
        )
    jobs_run_pending()  # the worker writes the PDF and the year's open-data files
    return published


@pytest.fixture
def published(world):
    """The centre's form published; the sibling's at every other status in turn is not."""
    return publish(world, world.unit_form, world.unit_user)


def _hidden_forms(world):
    """One form in each status short of published."""
    forms = {"draft": world.other_form}
    submitted = make_form(world.other_unit, demo.centre_project_form(2022, "测试主管部门"))
    forms["submitted"] = evaluation_services.evaluation_submit(
        evaluation=submitted, user=world.other_unit_user, explanation="说明"
    )
    dept = make_form(world.other_unit, demo.migrants_form(2021))
    forms["dept_approved"] = approve(dept, world.other_unit_user, world.reviewer)
    fin = make_form(world.other_unit, demo.migrants_form(2020))
    forms["finance_approved"] = evaluation_services.evaluation_approve(
        evaluation=approve(fin, world.other_unit_user, world.reviewer), user=world.finance
    )
    ret = make_form(world.other_unit, demo.migrants_form(2019))
    ret = evaluation_services.evaluation_submit(
        evaluation=ret, user=world.other_unit_user, explanation="说明"
    )
    forms["returned"] = evaluation_services.evaluation_return(
        evaluation=ret, user=world.reviewer, comment="请修改"
    )
    return forms


def test_only_published_forms_are_listed_viewable_or_downloadable(world, published, client_for):
    hidden = _hidden_forms(world)
    assert {e.status for e in hidden.values()} == {
        "draft",
        "submitted",
        "dept_approved",
        "finance_approved",
        "returned",
    }
    client = client_for(None)
    page = client.get("/public/").content.decode()
    assert demo.CENTRE in page
    assert demo.MIGRANTS not in page
    assert client.get(f"/public/forms/{published.pk}/").status_code == 200
    for evaluation in hidden.values():
        assert client.get(f"/public/forms/{evaluation.pk}/").status_code == 404
        assert client.get(f"/public/forms/{evaluation.pk}/download/json/").status_code == 404
    for year in (2019, 2020, 2021, 2022):
        lines = b"".join(client.get(f"/public/{year}/forms.jsonl").streaming_content)
        names = [json.loads(line)["department"] for line in lines.splitlines()]
        assert names == ([demo.CENTRE] if year == 2022 else [])


def test_the_list_is_searchable_by_department_and_year(world, published, client_for):
    client = client_for(None)
    assert demo.CENTRE in client.get("/public/", {"q": "综合治理"}).content.decode()
    assert "没有符合条件" in client.get("/public/", {"q": "不存在的部门"}).content.decode()
    assert "没有符合条件" in client.get("/public/", {"year": "2021"}).content.decode()
    assert demo.CENTRE in client.get("/public/", {"year": "2022"}).content.decode()


def test_a_published_form_shows_the_official_layout(world, published, client_for):
    page = client_for(None).get(f"/public/forms/{published.pk}/").content.decode()
    assert "<table" in page
    assert "部门整体支出绩效自评表" in page
    assert "398.72" in page


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("xlsx", b"PK"), ("json", b"{")])
def test_each_published_form_downloads(world, published, client_for, fmt, magic):
    response = client_for(None).get(f"/public/forms/{published.pk}/download/{fmt}/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(magic)
    assert client_for(None).get(f"/public/forms/{published.pk}/download/exe/").status_code == 404


def test_bulk_downloads_of_a_year_parse_back(world, published, client_for):
    other = publish(world, world.other_form, world.other_unit_user)
    client = client_for(None)
    lines = b"".join(client.get("/public/2022/forms.jsonl").streaming_content).splitlines()
    forms = [form_from_data(json.loads(line)) for line in lines]
    assert sorted(f.department for f in forms) == sorted([demo.CENTRE, demo.MIGRANTS])
    assert other.status == "published"
    raw = b"".join(client.get("/public/2022/indicators.csv").streaming_content)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    # The centre's three indicators and the migrants centre's one (demo forms).
    assert len(rows) == 4
    assert {r["部门"] for r in rows} == {demo.CENTRE, demo.MIGRANTS}
    assert "受理来穗人员随迁子女积分制入学报名" in {r["指标名称"] for r in rows}


def test_the_json_schema_is_documented_and_served(client_for, db):
    client = client_for(None)
    page = client.get("/public/schema/").content.decode()
    assert "部门名称" in page
    assert "<code>funds</code>" in page
    schema = json.loads(client.get("/public/schema/form.schema.json").content)
    assert "$defs" in schema


def test_the_portal_list_takes_few_queries(
    world, published, client_for, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client_for(None).get("/public/")
