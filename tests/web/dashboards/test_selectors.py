"""Dashboard figures: sums by department, rates from the sums, consolidated forms counted once,
and a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.consolidation import services as consolidation_services
from jixiao.web.dashboards.selectors import dashboard_for
from jixiao.web.organisations.models import Organisation
from tests.web.conftest import Role, make_form, make_user
from tests.web.consolidation.conftest import approve, own_form


def _rows(dashboard, key):
    return {row[0]: row for row in dashboard.chart(key).rows}


def test_the_finance_dashboard_sums_each_department_and_recomputes_its_rates(world):
    dashboard = dashboard_for(world.bureau, 2022)
    rates = _rows(dashboard, "rates")
    # The department's two units: 420 + 655, 405.60 + 690.40, 398.72 + 671.15 (by hand).
    row = rates["测试主管部门"]
    assert row[1:4] == ["1075.00", "1096.00", "1069.87"]
    # 1069.87 / 1096 = 97.616 %, |1096 − 1075| / 1075 = 1.953 %: from the sums, not averaged.
    assert row[4:6] == ["97.62", "1.95"]
    assert row[6] == "2"  # both units' forms are drafts: labelled as not yet approved


def test_a_department_dashboard_shows_its_units_one_bar_each(world):
    dashboard = dashboard_for(world.department, 2022)
    rates = _rows(dashboard, "rates")
    assert set(rates) == {world.unit.name, world.other_unit.name}
    assert rates[world.unit.name][4] == "98.30"  # 398.72 / 405.60 = 98.3037 %
    assert dashboard.chart("rates").data["names"][0] == world.unit.name  # sorted, highest first


def test_a_department_dashboard_speaks_of_units_and_the_bureaus_of_departments(world):
    department = dashboard_for(world.department, 2022)
    assert department.chart("rates").title == "各单位预算完成率与预算调整率"
    assert department.chart("funds").columns[0] == "单位"
    bureau = dashboard_for(world.bureau, 2022)
    assert bureau.chart("trend").title == "各部门预算完成率年度趋势（%）"


def test_a_consolidated_department_form_is_not_counted_twice_with_its_units(world):
    head = make_user("dept_head", world.department, Role.FILLER, Role.UNIT_HEAD)
    make_form(world.department, own_form())
    approve(world.unit_form, world.unit_user, world.reviewer)
    approve(world.other_form, world.other_unit_user, world.reviewer)
    consolidation_services.consolidation_build(department=world.department, year=2022, user=head)
    rates = _rows(dashboard_for(world.bureau, 2022), "rates")
    assert rates["测试主管部门"][1:4] == ["1175.00", "1216.00", "1179.87"]


def test_filing_progress_counts_every_organisation_of_the_subtree(world):
    progress = _rows(dashboard_for(world.department, 2022), "progress")
    assert progress["草稿"][1] == "2"
    assert progress["未填报"][1] == "1"  # the department itself has no form
    # The finance bureau files no department form and is not counted as missing one.
    assert _rows(dashboard_for(world.bureau, 2022), "progress")["未填报"][1] == "1"


def test_trends_and_scores_cover_the_years_and_projects_stored(world):
    from jixiao.web.evaluations import demo

    make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    make_form(world.unit, demo.centre_form(2021))
    dashboard = dashboard_for(world.bureau, 2022)
    assert dashboard.years == [2021, 2022]
    trend = _rows(dashboard, "trend")
    assert trend["测试主管部门"][1] == "98.30"  # 2021: only the centre's form
    scores = dashboard.chart("scores").data
    assert sum(scores["counts"]) == 1
    assert sum(g["value"] for g in scores["grades"]) == 1


@pytest.mark.parametrize("departments", [2, 12])
def test_the_dashboard_takes_the_same_few_queries_whatever_the_size(
    world, departments, django_assert_max_num_queries
):
    from jixiao.web.evaluations import demo

    for n in range(departments):
        org = Organisation.objects.create(
            name=f"部门{n}", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
        )
        unit = Organisation.objects.create(
            name=f"部门{n}单位", kind=Organisation.Kind.UNIT, parent=org
        )
        form = demo.centre_form(2022).model_copy(update={"department": unit.name})
        make_form(unit, form)
    # The root's children with their change counts and kept parts; the subtree and the figures
    # of the children rolled up again (all of them here: none was kept) and their parts' upsert;
    # the snapshot's generation, lookup and upsert; the year of the monitoring tile (none here).
    with django_assert_max_num_queries(8):
        built = dashboard_for(world.bureau, 2022)
    with django_assert_max_num_queries(2):  # kept: read back in one row
        kept = dashboard_for(world.bureau, 2022)
    assert kept.charts == built.charts and kept.years == built.years


def test_a_kept_dashboard_is_rebuilt_once_a_form_below_changes(
    world, django_capture_on_commit_callbacks
):
    from jixiao.web.evaluations.services import evaluation_save_draft

    before = _rows(dashboard_for(world.bureau, 2022), "rates")["测试主管部门"]
    assert before[3] == "1069.87"
    data = {**world.unit_form.data}
    data["funds"] = {**data["funds"], "actual_spending": "400.72"}
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_save_draft(
            evaluation=world.unit_form,
            data=data,
            expected_version=world.unit_form.version,
            user=world.unit_user,
        )
    after = _rows(dashboard_for(world.bureau, 2022), "rates")["测试主管部门"]
    assert after[3] == "1071.87"  # 400.72 + 671.15
    # The department's own dashboard, kept or not, follows too.
    assert _rows(dashboard_for(world.department, 2022), "rates")[world.unit.name][3] == "400.72"


def test_a_change_rolls_up_again_only_the_part_of_its_department(
    world, django_capture_on_commit_callbacks
):
    """Each department's subtree is rolled up on its own and kept; a form saved in one
    department rolls up that department's part again, and the others are merged as kept."""
    from jixiao.web.dashboards.models import SubtreePart
    from jixiao.web.evaluations import demo
    from jixiao.web.evaluations.services import evaluation_save_draft

    with django_capture_on_commit_callbacks(execute=True):
        culture = Organisation.objects.create(
            name="文化局", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
        )
        library = Organisation.objects.create(
            name="图书馆", kind=Organisation.Kind.UNIT, parent=culture
        )
        make_form(library, demo.centre_form(2022).model_copy(update={"department": "图书馆"}))
    built = _rows(dashboard_for(world.bureau, 2022), "rates")
    kept = dict(SubtreePart.objects.values_list("organisation_id", "built_at"))
    assert set(kept) == {world.department.pk, culture.pk}
    data = {**world.unit_form.data}
    data["funds"] = {**data["funds"], "actual_spending": "400.72"}
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_save_draft(
            evaluation=world.unit_form,
            data=data,
            expected_version=world.unit_form.version,
            user=world.unit_user,
        )
    rates = _rows(dashboard_for(world.bureau, 2022), "rates")
    assert rates["测试主管部门"][3] == "1071.87"  # 400.72 + 671.15
    assert rates["文化局"] == built["文化局"]
    now = dict(SubtreePart.objects.values_list("organisation_id", "built_at"))
    assert now[culture.pk] == kept[culture.pk]  # merged as kept
    assert now[world.department.pk] > kept[world.department.pk]  # rolled up again
    # A change of the organisation tree forgets every part: the two departments had not filed,
    # the new unit has not either.
    assert _rows(dashboard_for(world.bureau, 2022), "progress")["未填报"][1] == "2"
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.create(name="档案馆", kind=Organisation.Kind.UNIT, parent=culture)
    assert not SubtreePart.objects.exists()
    assert _rows(dashboard_for(world.bureau, 2022), "progress")["未填报"][1] == "3"


def test_a_unit_form_kept_in_yuan_is_charted_in_wan_yuan(world):
    """Issue 10, defect 2: a form stored in 元 was summed as if in 万元 (6,550,420.00)."""
    from jixiao.core.aggregation import form_in_money_unit
    from jixiao.core.serialization import form_from_data, form_to_data
    from jixiao.web.evaluations.services import evaluation_save_draft

    in_yuan = form_in_money_unit(form_from_data(world.unit_form.data), "元")
    assert in_yuan.funds.initial_budget == Decimal("4200000.00")
    evaluation_save_draft(
        evaluation=world.unit_form,
        data=form_to_data(in_yuan),
        expected_version=world.unit_form.version,
        user=world.unit_user,
    )
    rates = _rows(dashboard_for(world.bureau, 2022), "rates")
    assert rates["测试主管部门"][1:4] == ["1075.00", "1096.00", "1069.87"]
    units = _rows(dashboard_for(world.department, 2022), "rates")
    assert units[world.unit.name][1] == "420.00"


def test_a_consolidated_form_saved_in_the_editor_with_the_box_unticked_is_counted_once(
    world, client_for
):
    """Issue 10, defect 3: the dashboard followed the box (2,250.00), the 汇总 app the
    record; a built 汇总 stays consolidated for both."""
    from django.urls import reverse

    from jixiao.web.consolidation.selectors import department_form, is_consolidated
    from jixiao.web.evaluations.editor.session import as_post

    head = make_user("dept_head", world.department, Role.FILLER, Role.UNIT_HEAD)
    make_form(world.department, own_form())
    approve(world.unit_form, world.unit_user, world.reviewer)
    approve(world.other_form, world.other_unit_user, world.reviewer)
    consolidation_services.consolidation_build(department=world.department, year=2022, user=head)
    built = department_form(world.department, 2022)
    assert built is not None
    post = as_post(built.form_type, built.data)
    post.pop("consolidated", None)  # the box unticked
    saved_version = built.version
    post["version"] = str(saved_version)
    response = client_for(head).post(reverse("evaluations:edit", kwargs={"pk": built.pk}), post)
    assert response.status_code == 302
    built.refresh_from_db()
    assert built.version == saved_version + 1
    rates = _rows(dashboard_for(world.bureau, 2022), "rates")
    assert rates["测试主管部门"][1] == "1175.00"
    assert is_consolidated(built)
    assert built.data["consolidated"] is True


def test_a_monitoring_change_counts_the_warnings_tile_again_and_keeps_the_charts(
    world, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.core.monitoring.models import ExecutionKind
    from jixiao.web.monitoring.services import monitoring_create

    built = dashboard_for(world.bureau, 2022)
    assert built.warnings is None
    with django_capture_on_commit_callbacks(execute=True):
        monitoring_create(
            organisation=world.unit, year=2022, kind=ExecutionKind.UNIT, name="", user=None
        )
    with CaptureQueriesContext(connection) as captured:
        counted = dashboard_for(world.bureau, 2022)
    assert counted.warnings is not None and (counted.warnings.year, counted.warnings.total) == (
        2022,
        1,
    )
    assert counted.charts == built.charts
    # The charts came from the snapshot: no figure was read again.
    assert not any("season_formfacts" in q["sql"] for q in captured.captured_queries)
    kept = dashboard_for(world.bureau, 2022)
    assert kept.warnings == counted.warnings


def test_a_form_change_rolls_up_the_charts_and_keeps_the_warnings_tile(
    world, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.core.monitoring.models import ExecutionKind
    from jixiao.web.dashboards.figures import subtree_changed
    from jixiao.web.monitoring.services import monitoring_create

    with django_capture_on_commit_callbacks(execute=True):
        monitoring_create(
            organisation=world.unit, year=2022, kind=ExecutionKind.UNIT, name="", user=None
        )
    built = dashboard_for(world.bureau, 2022)
    with django_capture_on_commit_callbacks(execute=True):
        subtree_changed([world.unit.path])
    with CaptureQueriesContext(connection) as captured:
        rolled = dashboard_for(world.bureau, 2022)
    sql = [q["sql"] for q in captured.captured_queries]
    assert any("season_formfacts" in q for q in sql)  # the charts rolled up again
    assert not any("monitoring_monitoringrecord" in q for q in sql)  # the tile kept
    assert rolled.warnings == built.warnings and rolled.warnings.total == 1


def test_the_warnings_tile_counts_the_lights_stored_at_save(
    world, django_capture_on_commit_callbacks
):
    """The tile reads each record's stored light (no form is judged while the page is read),
    and a record judged again because its rule set changed counts the tile again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.core.monitoring.models import ExecutionKind
    from jixiao.web.monitoring.demo import december_spender
    from jixiao.web.monitoring.lights import lights_refresh_all
    from jixiao.web.monitoring.models import MonitoringRecord
    from jixiao.web.monitoring.services import monitoring_create

    with django_capture_on_commit_callbacks(execute=True):
        for organisation, month in ((world.unit, 7), (world.other_unit, 8)):
            monitoring_create(
                organisation=organisation,
                year=2023,
                kind=ExecutionKind.UNIT,
                name="",
                user=None,
                form=december_spender(organisation.name, "", month=month),
            )
    # What is counted is the stored light: here one stored wrong, as a bulk load could leave it.
    MonitoringRecord.objects.filter(organisation=world.other_unit).update(light="绿")
    with CaptureQueriesContext(connection) as captured:
        tile = dashboard_for(world.bureau, 2022).warnings
    assert tile is not None and (tile.year, tile.total) == (2023, 2)
    assert tile.counts == {"red": 0, "yellow": 1, "green": 1}
    # Counted by the database: the records' forms are not read.
    assert not any('"monitoring_monitoringrecord"."data"' in q["sql"] for q in captured)
    # Judged again, the light is counted again (the kept tile is out of date).
    with django_capture_on_commit_callbacks(execute=True):
        assert lights_refresh_all() == 1
    assert dashboard_for(world.bureau, 2022).warnings.counts == {"red": 1, "yellow": 1, "green": 0}
