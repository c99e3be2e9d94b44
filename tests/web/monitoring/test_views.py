"""Monitoring pages with the personas: IDOR attempts, CSRF, the monthly form, import report,
exports and the warnings board."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.monitoring.editing import raw_of
from jixiao.web.monitoring.models import MonitoringUpload
from jixiao.web.monitoring.selectors import form_of

pytestmark = pytest.mark.django_db


def post_of(record, **changes):
    return {**raw_of(form_of(record)), "version": str(record.version), **changes}


def test_the_record_and_its_exports_are_hidden_from_other_units(world, unit_record, client_for):
    urls = [
        reverse("monitoring:edit", args=[unit_record.pk]),
        reverse("monitoring:export", args=[unit_record.pk, "xlsx"]),
        reverse("monitoring:export", args=[unit_record.pk, "pdf"]),
    ]
    for url in urls:
        assert client_for(world.other_unit_user).get(url).status_code == 404
        assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.reviewer).get(urls[0]).status_code == 200
    xlsx = client_for(world.unit_user).get(urls[1])
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client_for(world.observer).get(urls[2])
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    assert (
        client_for(world.unit_user)
        .get(reverse("monitoring:export", args=[unit_record.pk, "exe"]))
        .status_code
        == 404
    )


def test_the_unit_saves_its_months_and_reviewers_cannot(world, unit_record, client_for):
    url = reverse("monitoring:edit", args=[unit_record.pk])
    post = post_of(unit_record, **{"spend-8": "12.00", "month": "8"})
    assert client_for(world.reviewer).post(url, post).status_code == 403
    assert client_for(world.other_unit_user).post(url, post).status_code == 404
    assert client_for(world.unit_user).post(url, post).status_code == 302
    unit_record.refresh_from_db()
    assert (
        unit_record.month == 8
        and str(form_of(unit_record).execution.monthly_spending[8]) == "12.00"
    )


def test_a_bad_amount_is_shown_again_as_typed_with_its_error(world, unit_record, client_for):
    url = reverse("monitoring:edit", args=[unit_record.pk])
    response = client_for(world.unit_user).post(url, post_of(unit_record, **{"spend-8": "十二"}))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="十二"' in body and "请填写金额数字" in body


def test_csrf_is_enforced_on_every_write(world, unit_record, client_for):
    client = client_for(world.unit_user, csrf=True)
    assert (
        client.post(
            reverse("monitoring:edit", args=[unit_record.pk]), post_of(unit_record)
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("monitoring:new"), {"organisation": world.unit.pk}).status_code == 403
    )
    assert client.post(reverse("monitoring:import")).status_code == 403


def test_the_import_page_lists_row_errors_and_another_unit_cannot_apply_it(
    world, unit_record, client_for
):
    content = (
        f"单位或项目名称,月份,当月支出数\n{world.unit.name},8,9.5\n{world.unit.name},8月,abc\n"
    )
    upload = SimpleUploadedFile("八月.csv", content.encode(), content_type="text/csv")
    client = client_for(world.unit_user)
    response = client.post(
        reverse("monitoring:import"),
        {"organisation": world.unit.pk, "year": 2023, "file": upload},
    )
    body = response.content.decode()
    assert "第3行：当月支出数（万元）“abc”不是数字" in body
    assert "确认导入 1 行" in body
    kept = MonitoringUpload.objects.get()
    apply = reverse("monitoring:import_apply", args=[kept.pk])
    assert client_for(world.other_unit_user).post(apply).status_code == 404
    assert client_for(world.reviewer).post(apply).status_code == 403
    assert client.post(apply).status_code == 302
    unit_record.refresh_from_db()
    assert unit_record.month == 8


def test_importing_for_another_units_organisation_is_refused(world, client_for):
    upload = SimpleUploadedFile("a.csv", b"x", content_type="text/csv")
    response = client_for(world.other_unit_user).post(
        reverse("monitoring:import"), {"organisation": world.unit.pk, "year": 2023, "file": upload}
    )
    assert response.status_code == 404


def test_the_warnings_page_shows_the_lights_and_explanations_in_reach(
    world, unit_record, client_for
):
    url = reverse("monitoring:warnings") + "?year=2023"
    body = client_for(world.reviewer).get(url + f"&org={world.department.pk}").content.decode()
    assert 'class="light light-red"' in body
    assert "落后44.33个百分点" in body and "第四季度" in body
    assert "按此进度推算全年预计支出100.80万元" in body
    other = client_for(world.other_unit_user).get(url).content.decode()
    assert world.unit.name not in other
    assert client_for(world.other_unit_user).get(url + f"&org={world.unit.pk}").status_code == 404
