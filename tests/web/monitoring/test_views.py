"""Monitoring pages with the personas: IDOR attempts, CSRF, the monthly form, import report,
exports and the warnings board."""

from __future__ import annotations

from decimal import Decimal

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
    assert 'class="light light-yellow"' in body
    assert "落后15.33个百分点" in body and "规范化建设综治中心数量" in body
    assert "按此进度推算全年预计支出309.60万元" in body
    other = client_for(world.other_unit_user).get(url).content.decode()
    assert world.unit.name not in other
    assert client_for(world.other_unit_user).get(url + f"&org={world.unit.pk}").status_code == 404


def check(client, record, **changes):
    return client.post(reverse("monitoring:check", args=[record.pk]), post_of(record, **changes))


def test_the_live_panel_computes_the_figures_as_typed_and_saves_nothing(
    world, unit_record, client_for
):
    client = client_for(world.unit_user)
    body = check(client, unit_record).content.decode()
    # July: 6 × 29.40 + 4.20 = 180.60 of 420 is 43%, against 7/12 = 58.33% of the year.
    assert 'id="live-spent">180.60 万元' in body
    assert 'id="live-rate">43.00%' in body and 'id="live-elapsed">58.33%' in body
    assert "按此进度推算全年预计支出309.60万元" in body
    assert 'class="light light-yellow"' in body and 'data-code="spending.behind_time"' in body
    # As of June the same unit is on pace: green, no warning.
    june = check(client, unit_record, month="6").content.decode()
    assert 'class="light light-green"' in june and "进度正常，无预警" in june
    assert 'id="live-rate">42.00%' in june and 'id="live-elapsed">50.00%' in june
    # A big July payment typed in: 180.60 + 100 = 280.60, 66.81% — ahead of time, no lag.
    paid = check(client, unit_record, **{"spend-7": "104.20"}).content.decode()
    assert 'id="live-rate">66.81%' in paid and "spending.behind_time" not in paid
    unit_record.refresh_from_db()
    assert unit_record.version == 1


def test_the_live_panel_names_what_cannot_be_computed(world, unit_record, client_for):
    body = check(client_for(world.unit_user), unit_record, **{"spend-3": "三十"}).content.decode()
    assert "有 1 处填写错误" in body and "3月支出数：请填写金额数字" in body
    assert "live-rate" not in body


def test_the_live_panel_is_hidden_from_other_units(world, unit_record, client_for):
    assert check(client_for(world.other_unit_user), unit_record).status_code == 404
    assert check(client_for(world.reviewer), unit_record).status_code == 200


def test_rows_are_added_and_removed_as_typed_without_saving(world, unit_record, client_for):
    client = client_for(world.unit_user)
    url = reverse("monitoring:edit", args=[unit_record.pk])
    typed = {"spend-8": "12.00", "month": "8"}
    added = client.post(url, post_of(unit_record, op="add", **typed))
    body = added.content.decode()
    assert added.status_code == 200
    assert 'name="ind-2-name"' in body and 'value="12.00"' in body
    removed = client.post(url, post_of(unit_record, op="remove:0", **typed)).content.decode()
    assert 'name="ind-1-name"' not in removed
    assert 'name="ind-0-name" value="规范化建设综治中心数量"' in removed
    unit_record.refresh_from_db()
    assert unit_record.version == 1 and len(form_of(unit_record).indicators) == 2
    # Saving the page as it now stands keeps the one remaining row.
    kept = {k: v for k, v in post_of(unit_record).items() if not k.startswith("ind-0-")}
    kept = {k.replace("ind-1-", "ind-0-"): v for k, v in kept.items()}
    assert client.post(url, kept).status_code == 302
    unit_record.refresh_from_db()
    assert [i.name for i in form_of(unit_record).indicators] == ["规范化建设综治中心数量"]


def test_a_refused_save_keeps_every_typed_row_and_marks_the_nameless_one(
    world, unit_record, client_for
):
    url = reverse("monitoring:edit", args=[unit_record.pk])
    post = post_of(unit_record, **{"ind-2-name": "", "ind-2-target": "≥3场", "spend-9": "7"})
    response = client_for(world.unit_user).post(url, post)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="≥3场"' in body and 'value="7"' in body
    assert "第3行指标：请填写三级指标名称" in body


def test_the_warnings_use_the_rule_set_of_the_units_forms(
    world, unit_record, client_for, settings, tmp_path
):
    """A region that tolerates a 20-point lag: the unit, 15.33 points behind in July, is then
    warned only about its indicator."""
    from jixiao.core.rulesets import load_ruleset

    tolerant = load_ruleset("guangzhou").model_copy(
        update={
            "id": "tolerant",
            "name": "宽松的地区规则",
            "monitoring": load_ruleset("guangzhou").monitoring.model_copy(
                update={"lag_points": Decimal("20")}
            ),
        }
    )
    # The region's rule set is a data file in the site's rule-set directory, not a release.
    (tmp_path / "tolerant.json").write_text(tolerant.model_dump_json(), encoding="utf-8")
    settings.JIXIAO_RULESETS_DIR = str(tmp_path)
    type(world.unit_form).objects.filter(pk=world.unit_form.pk).update(ruleset_id="tolerant")
    client = client_for(world.unit_user)
    body = check(client, unit_record).content.decode()
    assert "spending.behind_time" not in body and "indicator.projected_miss" in body
    assert "预警规则：宽松的地区规则" in body
    board = client.get(reverse("monitoring:warnings") + "?year=2023").content.decode()
    assert "落后15.33个百分点" not in board and "规范化建设综治中心数量" in board


def test_the_list_opens_on_the_latest_year_with_data_and_shows_each_light(
    world, unit_record, client_for
):
    body = client_for(world.unit_user).get(reverse("monitoring:list")).content.decode()
    assert "2023年度 绩效运行监控" in body
    assert 'class="light light-yellow"' in body and world.unit.name in body
    warnings = client_for(world.reviewer).get(reverse("monitoring:warnings")).content.decode()
    assert "2023年度 运行监控预警" in warnings
