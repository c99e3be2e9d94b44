"""Dashboard pages and downloads: who sees which subtree."""

from __future__ import annotations

import csv
import io

import pytest

from jixiao.web.organisations.models import Membership, Organisation


def test_finance_opens_the_bureau_dashboard_with_chart_data_and_tables(world, client_for):
    response = client_for(world.finance).get(f"/dashboards/{world.bureau.pk}/?year=2022")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="chart-data"' in page
    assert "vendor/echarts.min.js" in page
    assert "各部门预算完成率与预算调整率" in page
    assert "<td>测试主管部门</td>" in page


def test_the_dashboard_home_opens_the_widest_organisation_reached(world, client_for):
    assert client_for(world.finance).get("/dashboards/").url == f"/dashboards/{world.bureau.pk}/"
    assert client_for(world.reviewer).get("/dashboards/").url == (
        f"/dashboards/{world.department.pk}/"
    )


@pytest.mark.parametrize(
    ("persona", "org", "status"),
    [
        ("finance", "bureau", 200),
        ("finance", "department", 200),
        ("observer", "bureau", 200),
        ("reviewer", "department", 200),
        ("reviewer", "unit", 200),
        ("reviewer", "bureau", 404),
        ("unit_user", "unit", 200),
        ("unit_user", "other_unit", 404),
        ("unit_user", "department", 404),
        ("other_unit_user", "unit", 404),
        ("outsider", "department", 404),
    ],
)
def test_each_person_sees_only_their_subtree(world, client_for, persona, org, status):
    target = getattr(world, org)
    client = client_for(getattr(world, persona))
    assert client.get(f"/dashboards/{target.pk}/").status_code == status
    assert client.get(f"/dashboards/{target.pk}/rates.csv").status_code == status


def test_anonymous_visitors_are_sent_to_log_in(world, client_for):
    response = client_for(None).get(f"/dashboards/{world.bureau.pk}/")
    assert response.status_code == 302
    assert "/login/" in response.url


def test_another_departments_dashboard_is_not_found_for_a_reviewer(world, client_for):
    other = Organisation.objects.create(
        name="另一部门", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
    )
    assert client_for(world.reviewer).get(f"/dashboards/{other.pk}/").status_code == 404
    assert client_for(world.reviewer).get("/dashboards/999999/").status_code == 404


def test_every_chart_downloads_as_csv_with_its_table(world, client_for):
    client = client_for(world.finance)
    for key in ("rates", "funds", "scores", "progress", "trend"):
        response = client.get(f"/dashboards/{world.bureau.pk}/{key}.csv?year=2022")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) >= 2, key
    rates = client.get(f"/dashboards/{world.bureau.pk}/rates.csv?year=2022")
    rows = list(csv.reader(io.StringIO(rates.content.decode("utf-8-sig"))))
    assert rows[0][0] == "部门"
    assert rows[1][:2] == ["测试主管部门", "1075.00"]
    assert client.get(f"/dashboards/{world.bureau.pk}/nothing.csv").status_code == 404


def test_the_dashboard_page_takes_a_bounded_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.finance)
    # Session, user, memberships, the top-level organisations, the menu's queue count, the
    # unread-notification badge, the open-warnings tile's latest monitoring year, and the
    # dashboard's own reads: rolled up the first time (every department's part read and kept)
    # and kept, read back in one row after.
    with django_assert_max_num_queries(16):
        client.get(f"/dashboards/{world.bureau.pk}/?year=2022")
    with django_assert_max_num_queries(11):
        client.get(f"/dashboards/{world.bureau.pk}/?year=2022")


def test_a_superuser_picks_any_top_level_organisation(world, client_for):
    province = Organisation.objects.create(name="某省财政厅", kind=Organisation.Kind.FINANCE_BUREAU)
    admin = type(world.finance).objects.create_superuser("root", password="x")
    client = client_for(admin)
    page = client.get(f"/dashboards/{world.bureau.pk}/?year=2022").content.decode()
    assert 'id="dashboard-top"' in page
    assert f'<option value="{province.pk}">某省财政厅</option>' in page
    assert f'<option value="{world.bureau.pk}" selected>测试财政局</option>' in page
    picked = client.get(f"/dashboards/?org={province.pk}&year=2022")
    assert picked.url == f"/dashboards/{province.pk}/?year=2022"
    assert client.get(picked.url).status_code == 200


def test_a_finance_admin_picks_among_the_bureaus_they_serve_only(world, client_for):
    province = Organisation.objects.create(name="某省财政厅", kind=Organisation.Kind.FINANCE_BUREAU)
    elsewhere = Organisation.objects.create(
        name="外省财政厅", kind=Organisation.Kind.FINANCE_BUREAU
    )
    Membership.objects.create(
        user=world.finance, organisation=province, role=Membership.Role.FINANCE_ADMIN
    )
    client = client_for(world.finance)
    page = client.get(f"/dashboards/{world.bureau.pk}/").content.decode()
    assert "某省财政厅" in page and "外省财政厅" not in page
    assert client.get(f"/dashboards/?org={province.pk}").url == f"/dashboards/{province.pk}/"
    assert client.get(f"/dashboards/?org={elsewhere.pk}").status_code == 404
    # One bureau only: no selector.
    single = client_for(world.observer).get(f"/dashboards/{world.bureau.pk}/").content.decode()
    assert 'id="dashboard-top"' not in single


def test_every_department_on_the_dashboard_links_to_its_forms_for_the_year(world, client_for):
    import json
    import re

    client = client_for(world.finance)
    page = client.get(f"/dashboards/{world.bureau.pk}/?year=2022").content.decode()
    raw = re.search(r'<script id="drill-links" type="application/json">(.*?)</script>', page)
    assert raw is not None
    drill = json.loads(raw.group(1))
    link = drill["orgs"]["测试主管部门"]
    assert link == f"/?department={world.department.pk}&year=2022"
    assert (
        drill["statuses"]["草稿"]
        == f"/?department={world.bureau.pk}&year=2022&status=draft&form_type=department_overall"
    )
    listed = client.get(link).content.decode()
    assert world.unit_form.title in listed and world.other_form.title in listed
    # A grade's slice lists the project forms of that grade; a point of a year-over-year line
    # lists that organisation's forms of that year.
    assert drill["grades"]["优"].endswith("&grade=优&form_type=project")
    assert drill["trend"]["测试主管部门"]["2022"] == link
    assert "测试主管部门" in drill["trend"] and set(drill["trend"]["测试主管部门"]) >= {"2022"}
    assert "状态颜色" in page  # the legend of the colours the charts use


def test_the_dashboard_leads_with_tiles_and_a_ranking_from_the_core(world, client_for):
    from jixiao.web.evaluations import demo as demo_forms
    from tests.web.conftest import make_form

    make_form(world.unit, demo_forms.centre_form(2021))
    page = client_for(world.finance).get(f"/dashboards/{world.bureau.pk}/?year=2022")
    dashboard = page.context["dashboard"]
    assert dashboard.headline.year == 2022 and dashboard.headline.previous.year == 2021
    assert dashboard.headline.filed == 2 and dashboard.headline.expected == 3
    html = page.content.decode()
    assert "自评表已填报" in html and "2 / 3" in html and "较上年" in html
    assert f"{dashboard.headline.completion_rate}%" in html
    ranked = dashboard.ranking[0]
    assert ranked.rank == 1 and ranked.label == "测试主管部门"
    assert f'<a href="/?department={world.department.pk}&amp;year=2022">测试主管部门</a>' in html
    assert f"level-{ranked.level}" in html


def test_the_open_warnings_tile_counts_the_latest_monitoring_year_of_the_scope(
    world, client_for, django_capture_on_commit_callbacks
):
    from jixiao.web.monitoring.demo import december_spender
    from jixiao.web.monitoring.services import monitoring_create

    client = client_for(world.finance)
    page = client.get(f"/dashboards/{world.bureau.pk}/?year=2022").content.decode()
    assert "运行监控预警" in page and "暂无监控数据" in page
    # The record commits: the tile, kept with the charts, is counted again.
    with django_capture_on_commit_callbacks(execute=True):
        monitoring_create(
            organisation=world.unit,
            year=2023,
            kind="unit",
            name="",
            user=None,
            form=december_spender(world.unit.name, world.department.name, month=7),
        )
    response = client.get(f"/dashboards/{world.bureau.pk}/?year=2022")
    board = response.context["warnings"]
    assert board.year == 2023 and board.total == 1
    assert board.counts["red"] + board.counts["yellow"] == 1  # spending far behind in July
    html = response.content.decode()
    assert "2023年度，共 1 项" in html
    assert f'href="/monitoring/warnings/?org={world.bureau.pk}&amp;year=2023"' in html


def test_the_warnings_tile_is_kept_with_the_charts_and_counted_again_after_a_change(
    world, client_for, django_capture_on_commit_callbacks
):
    from jixiao.core.monitoring.models import ExecutionKind
    from jixiao.web.monitoring.services import monitoring_create

    url = f"/dashboards/{world.bureau.pk}/"
    finance, reviewer = client_for(world.finance), client_for(world.reviewer)
    assert "暂无监控数据" in finance.get(url).content.decode()
    for unit in (world.unit, world.other_unit):
        with django_capture_on_commit_callbacks(execute=True):
            monitoring_create(
                organisation=unit, year=2022, kind=ExecutionKind.UNIT, name="", user=None
            )
    page = finance.get(url).content.decode()
    assert "2022年度，共 2 项" in page
    kept = finance.get(url).context["warnings"]
    assert (kept.year, kept.total) == (2022, 2)
    # A reviewer of the department sees the department's records: the same tile there.
    department = reviewer.get(f"/dashboards/{world.department.pk}/")
    assert "2022年度，共 2 项" in department.content.decode()
    # A unit's own user is counted over what they see: their own record only.
    own = client_for(world.unit_user).get(f"/dashboards/{world.unit.pk}/")
    assert "2022年度，共 1 项" in own.content.decode()
