"""Monitoring services and reads: December spending warns from July on, imports are kept and
applied only after the report, digests mark what is new, and nobody writes another unit's data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from jixiao.core.monitoring import Light
from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.digests import digest_for
from jixiao.web.monitoring.models import DigestLog, MonitoringUpload
from jixiao.web.monitoring.selectors import board_row, form_of, records_in, warnings_board
from jixiao.web.monitoring.services import (
    MonitoringError,
    monitoring_create,
    monitoring_import_confirm,
    monitoring_save,
    monitoring_upload,
)
from jixiao.web.targets.services import targets_create

pytestmark = pytest.mark.django_db

HEADER = "单位或项目名称,月份,当月支出数,指标名称,1—N月实际完成值\n"


def _demo_row(world, month):
    record = monitoring_create(
        organisation=world.unit,
        year=2023,
        kind="unit",
        name="",
        user=None,
        form=december_spender(world.unit.name, "", month=month),
    )
    return board_row(record)


@pytest.mark.parametrize("month", range(1, 7))
def test_the_december_spender_is_quiet_in_the_first_half(world, month):
    """7% of the budget a month keeps within 10 points of time elapsed (8.33% a month), the
    plan keeps 40% for the last quarter (under 50%) and the count indicator is on pace."""
    row = _demo_row(world, month)
    assert row.light is Light.GREEN and row.warnings == []


@pytest.mark.parametrize("month", range(7, 12))
def test_the_december_spender_is_warned_from_july_on(world, month):
    """From July only 1% a month: by July 43% spent against 58.33% of the year (15.33 points
    behind, yellow), by August 44% against 66.67% (22.67 points, over twice the line: red)."""
    row = _demo_row(world, month)
    codes = {w.code for w in row.warnings}
    assert row.light is (Light.YELLOW if month == 7 else Light.RED)
    assert {"spending.behind_time", "indicator.projected_miss"} <= codes
    # From September what is unspent is necessarily last-quarter spending: 55% of the budget.
    assert ("spending.last_quarter" in codes) is (month >= 9)


def test_the_december_spenders_projection_is_explained_with_its_figures(world):
    # 1—8月: 6 × 29.40 + 2 × 4.20 = 184.80, i.e. 23.10 a month, 277.20 a year, 66% of 420.
    row = _demo_row(world, 8)
    assert row.projection is not None
    assert row.projection.explanation == (
        "1—8月共支出184.80万元，平均每月23.10万元，按此进度推算全年预计支出277.20万元，"
        "占全年预算420.00万元的66.00%。"
    )


def test_a_new_record_takes_its_indicators_and_budget_from_the_years_targets(world):
    targets_create(organisation=world.unit, year=2023, user=None)
    record = monitoring_create(
        organisation=world.unit, year=2023, kind="unit", name="", user=world.unit_user
    )
    form = form_of(record)
    assert record.name == world.unit.name
    assert [i.name for i in form.indicators] == [
        "矛盾纠纷调处成功率",
        "规范化建设综治中心数量",
        "网格事件按期办结率",
    ]
    assert form.indicators[0].target == "≥95%" and form.indicators[2].task_number == 2


def test_another_unit_cannot_create_save_or_import(world, unit_record):
    with pytest.raises(PermissionDenied):
        monitoring_create(
            organisation=world.unit, year=2024, kind="unit", name="", user=world.other_unit_user
        )
    with pytest.raises(PermissionDenied):
        monitoring_save(
            record=unit_record, form=form_of(unit_record), expected_version=1, user=world.reviewer
        )
    with pytest.raises(PermissionDenied):
        monitoring_upload(
            organisation=world.unit, year=2023, filename="a.csv", content=b"x", user=world.reviewer
        )


def test_an_upload_is_kept_with_its_row_errors_and_imports_only_after_confirmation(
    world, unit_record
):
    content = (
        HEADER
        + f"{world.unit.name},8,9.5,,\n"
        + f"{world.unit.name},13,1,,\n"
        + f"{world.unit.name},8,,规范化建设综治中心数量,5个\n"
        + "不存在的单位,8,1,,\n"
    ).encode()
    upload, _result, _outcome = monitoring_upload(
        organisation=world.unit,
        year=2023,
        filename="八月.csv",
        content=content,
        user=world.unit_user,
    )
    assert [e["line"] for e in upload.errors] == [3, 5]
    assert "月份“13”" in upload.errors[0]["message"]
    assert bytes(MonitoringUpload.objects.get(pk=upload.pk).content) == content
    unit_record.refresh_from_db()
    assert unit_record.month == 7  # nothing imported yet
    changed = monitoring_import_confirm(upload=upload, user=world.unit_user)
    assert [r.pk for r in changed] == [unit_record.pk]
    unit_record.refresh_from_db()
    form = form_of(unit_record)
    assert unit_record.month == 8 and unit_record.version == 2
    assert form.execution.monthly_spending[8] == Decimal("9.5")
    assert form.indicators[1].actual_to_date == "5个"
    with pytest.raises(MonitoringError, match="已经导入过"):
        monitoring_import_confirm(upload=upload, user=world.unit_user)


def test_an_unreadable_file_is_refused_in_one_line(world, unit_record):
    with pytest.raises(MonitoringError, match="缺少"):
        monitoring_upload(
            organisation=world.unit,
            year=2023,
            filename="a.csv",
            content=b"a,b\n1,2\n",
            user=world.unit_user,
        )


def test_the_board_of_a_department_covers_its_subtree_only(world, unit_record):
    other = monitoring_create(
        organisation=world.other_unit,
        year=2023,
        kind="unit",
        name="",
        user=None,
        form=december_spender(world.other_unit.name, "", month=6),
    )
    everyone = records_in(world.finance, None, 2023)
    assert {r.pk for r in everyone} == {unit_record.pk, other.pk}
    assert {r.pk for r in records_in(world.unit_user, None, 2023)} == {unit_record.pk}
    assert {r.pk for r in records_in(world.finance, world.unit, 2023)} == {unit_record.pk}
    board = warnings_board(everyone, scope=None, year=2023)
    assert [r.light for r in board.rows] == [Light.YELLOW, Light.GREEN]  # worst first
    assert board.rows[0].record.pk == unit_record.pk


def test_the_daily_digest_marks_only_warnings_new_since_the_last_one(world, unit_record):
    first = digest_for(world.unit_user, year=2023, day=date(2023, 8, 1))
    # As of July: spending behind time and the count indicator heading short, both yellow.
    assert first is not None and len(first.new) == len(first.by_level[Light.YELLOW]) == 2
    second = digest_for(world.unit_user, year=2023, day=date(2023, 8, 2))
    assert second is not None and second.new == []
    assert DigestLog.objects.filter(user=world.unit_user).count() == 2
    assert digest_for(world.outsider, year=2023, day=date(2023, 8, 2)) is None


def test_the_command_mails_each_person_with_an_address_their_digest(world, unit_record):
    world.reviewer.email = "reviewer@example.org"
    world.reviewer.save()
    out = StringIO()
    call_command("send_daily_summary", "--year", "2023", "--date", "2023-08-01", stdout=out)
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]
    assert "红灯0条，黄灯2条" in mail.outbox[0].body
    assert "== other_unit_user" not in out.getvalue()  # sees no record: no digest
    assert "== unit_user" in out.getvalue()
