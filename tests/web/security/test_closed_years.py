"""A closed year (开放填报 off) is read-only for units everywhere: editor, import, submit,
targets, monitoring, and the API. The finance bureau may still correct it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.workflow import WorkflowError
from jixiao.web.api.models import ApiToken
from jixiao.web.evaluations import services
from jixiao.web.monitoring.services import MonitoringError, monitoring_create
from jixiao.web.organisations.models import FiscalYear

SEED_JSON = Path(__file__).parents[2] / "fixtures" / "seed_form.json"
CLOSED = "2022年度已停止填报"


@pytest.fixture
def closed(world):
    FiscalYear.objects.update_or_create(year=2022, defaults={"is_open": False})
    return world


def _api(user):
    _, token = ApiToken.issue(user=user, name="测试")
    return Client(), {"Authorization": f"Bearer {token}"}


def test_the_editor_neither_opens_nor_saves_for_the_unit(closed, client_for):
    form = closed.unit_form
    client = client_for(closed.unit_user)
    opened = client.get(reverse("evaluations:edit", args=[form.pk]), follow=True)
    assert CLOSED in opened.content.decode()
    saved = client.post(reverse("evaluations:edit", args=[form.pk]), {"version": form.version})
    assert saved.status_code == 400
    assert CLOSED in saved.content.decode()
    closed.refresh()
    assert closed.unit_form.version == form.version


def test_submitting_is_refused_in_the_browser_and_the_api(closed, client_for):
    pk = closed.unit_form.pk
    page = client_for(closed.unit_user).post(
        reverse("evaluations:transition", args=[pk, "submit"]), {"explanation": "说明"}, follow=True
    )
    assert CLOSED in page.content.decode()
    client, headers = _api(closed.unit_user)
    answer = client.post(
        f"/api/evaluations/{pk}/submit",
        data=json.dumps({"explanation": "说明"}),
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 409
    assert CLOSED in answer.json()["detail"]
    closed.refresh()
    assert closed.unit_form.status == "draft"


def test_the_api_refuses_a_draft_save(closed):
    form = closed.unit_form
    client, headers = _api(closed.unit_user)
    answer = client.put(
        f"/api/evaluations/{form.pk}/draft",
        data=json.dumps({"data": form.data, "version": form.version}),
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 409
    assert CLOSED in answer.json()["detail"]


def test_an_import_into_a_closed_year_is_refused(closed, client_for):
    client = client_for(closed.unit_user)
    upload = client.post(
        reverse("evaluations:import"),
        {"file": SimpleUploadedFile("f.json", SEED_JSON.read_bytes())},
    )
    confirm = client.post(
        reverse("evaluations:import_confirm"),
        {"token": upload.context["token"], "index": "0", "organisation": str(closed.unit.pk)},
        follow=True,
    )
    assert CLOSED in confirm.content.decode()
    closed.refresh()
    assert closed.unit_form.version == 1


def test_monitoring_of_a_closed_year_takes_no_new_record_or_upload(closed, client_for):
    with pytest.raises(MonitoringError, match=CLOSED):
        monitoring_create(
            organisation=closed.unit,
            year=2022,
            kind=ExecutionKind.UNIT,
            name="",
            user=closed.unit_user,
        )
    upload = SimpleUploadedFile(
        "a.csv", f"单位或项目名称,月份,当月支出数\n{closed.unit.name},8,1\n".encode()
    )
    page = client_for(closed.unit_user).post(
        reverse("monitoring:import"), {"organisation": closed.unit.pk, "year": 2022, "file": upload}
    )
    assert CLOSED in page.content.decode()


def test_reviewers_still_decide_on_what_was_submitted_before_the_close(world):
    submitted = services.evaluation_submit(
        evaluation=world.unit_form, user=world.unit_user, explanation="说明"
    )
    FiscalYear.objects.update_or_create(year=2022, defaults={"is_open": False})
    approved = services.evaluation_approve(evaluation=submitted, user=world.reviewer)
    assert approved.status == "dept_approved"
    returned = services.evaluation_return(evaluation=approved, user=world.finance, comment="改")
    with pytest.raises(WorkflowError, match=CLOSED):
        services.evaluation_save_draft(
            evaluation=returned,
            data=returned.data,
            expected_version=returned.version,
            user=world.unit_user,
        )
