"""The committed migrations describe the models exactly: a model change without its migration
would pass every test on a fresh test database and then fail on a bureau's real one."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:  # --check exits 1 when a migration is missing
        pytest.fail(f"models and migrations differ:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_approved_target_sets_become_approved_by_the_department() -> None:
    """targets 0002: the old 审核通过 is the workflow's 主管部门审核通过, in the history too."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("targets", "0001_initial")]
    after = [("targets", "0002_targets_follow_the_core_workflow")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    bureau = old.get_model("organisations", "Organisation").objects.create(
        name="迁移测试财政局", kind="finance_bureau"
    )
    target_sets = old.get_model("targets", "TargetSet")
    approved = target_sets.objects.create(
        organisation=bureau, year=2023, status="approved", data={}
    )
    draft = target_sets.objects.create(organisation=bureau, year=2024, status="draft", data={})
    old.get_model("targets", "HistoricalTargetSet").objects.create(
        id=approved.pk,
        organisation_id=bureau.pk,
        year=2023,
        status="approved",
        data={},
        version=1,
        history_date="2023-06-30T00:00:00Z",
        history_type="~",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    rows = new.get_model("targets", "TargetSet").objects
    assert rows.get(pk=approved.pk).status == "dept_approved"
    assert rows.get(pk=draft.pk).status == "draft"
    history = new.get_model("targets", "HistoricalTargetSet").objects
    assert list(history.values_list("status", flat=True)) == ["dept_approved"]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_monitoring_records_kept_before_get_the_light_a_save_gives() -> None:
    """monitoring 0003: every record is judged once by the core, as a save judges it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from jixiao.web.monitoring.demo import december_spender

    executor = MigrationExecutor(connection)
    before = [("monitoring", "0002_monitoring_records_are_versioned_documents")]
    after = [("monitoring", "0003_monitoring_light_stored")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    organisations = old.get_model("organisations", "Organisation").objects
    records = old.get_model("monitoring", "MonitoringRecord").objects
    for month in (3, 7, 8):  # on time; 15.33 points behind time; 22.67 points behind
        unit = organisations.create(name=f"迁移测试单位{month}", kind="unit")
        organisations.filter(pk=unit.pk).update(path=f"/{unit.pk}/")
        form = december_spender(unit.name, "", month=month)
        records.create(
            organisation=unit,
            year=form.year,
            kind="unit",
            name=unit.name,
            month=month,
            data=form.model_dump(mode="json"),
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    lights = new.get_model("monitoring", "MonitoringRecord").objects.order_by("month")
    assert list(lights.values_list("light", flat=True)) == ["绿", "黄", "红"]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
