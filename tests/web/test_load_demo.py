"""load_demo builds the demo hierarchy, users and forms, and running it again keeps data."""

from __future__ import annotations

import copy
from datetime import date

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from jixiao.web.evaluations import demo
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import evaluation_save_draft
from jixiao.web.monitoring.management.commands.load_demo import DEMO_YEAR, DEPARTMENT, USERS
from jixiao.web.organisations.models import Organisation


def test_the_demo_has_the_seed_form_inside_its_hierarchy(db) -> None:
    call_command("load_demo", verbosity=0)
    seed = Evaluation.objects.get(organisation__name=DEPARTMENT, year=2022)
    assert seed.data["funds"]["actual_spending"] == "1961.88"
    assert len(seed.data["tasks"]) == 3
    assert seed.organisation.parent.name == "天河区财政局"
    units = Organisation.objects.filter(parent=seed.organisation)
    assert units.count() == 2
    assert Evaluation.objects.filter(organisation__in=units, year=2022).count() == 3
    assert Evaluation.objects.filter(organisation__in=units, year=2023).count() == 2
    for username, *_ in USERS:
        assert (
            authenticate(
                RequestFactory().post("/login/"), username=username, password="jixiao-demo"
            )
            is not None
        )


def test_running_it_again_keeps_what_users_changed(db) -> None:
    call_command("load_demo", verbosity=0)
    from django.contrib.auth.models import User

    head = User.objects.get(username="dept_head")
    seed = Evaluation.objects.get(organisation__name=DEPARTMENT, year=2022)
    data = copy.deepcopy(seed.data)
    data["problems"] = "已修改"
    evaluation_save_draft(evaluation=seed, data=data, expected_version=1, user=head)
    head.set_password("changed-password")
    head.save()
    call_command("load_demo", verbosity=0)
    seed.refresh_from_db()
    assert seed.data["problems"] == "已修改"
    assert Evaluation.objects.count() == 6
    assert (
        authenticate(
            RequestFactory().post("/login/"), username="dept_head", password="changed-password"
        )
        is not None
    )


def test_the_demo_forms_lists_are_not_numbered_by_hand() -> None:
    # Layouts number goals and achievements themselves (“1、…”); a hand-typed “一、” printed
    # as “1、一、…” on the detail page and in every export.
    import re

    from jixiao.web.evaluations import demo

    numbered = re.compile(r"^\s*([一二三四五六七八九十]+|\d+)[、.．)）]")
    for form in (demo.centre_form(2022), demo.migrants_form(2022)):
        lists = [form.annual_goals.expected] + [p.achievements for p in form.key_projects]
        for item in (text for items in lists for text in items):
            assert not numbered.match(item), item


def test_one_unit_arrives_approved_so_the_consolidation_story_can_be_shown(db) -> None:
    # 2023 is the year in progress: 来穗 approved, 综治中心 a draft holding the 汇总 back.
    # 2022 is finished: both units approved, so that the seed (their 汇总) can be published.
    from jixiao.web.evaluations import demo

    call_command("load_demo", verbosity=0)
    migrants = Evaluation.objects.get(organisation__name=demo.MIGRANTS, year=DEMO_YEAR)
    centre = Evaluation.objects.get(
        organisation__name=demo.CENTRE, year=DEMO_YEAR, form_type="department_overall"
    )
    assert migrants.status == "dept_approved"
    assert centre.status == "draft"  # left for the reviewer story of issue 5
    assert migrants.history.count() >= 3  # created, submitted, approved: through the services
    finished = Evaluation.objects.filter(
        organisation__parent__name=DEPARTMENT, year=2022, form_type="department_overall"
    )
    assert sorted(finished.values_list("status", flat=True)) == ["dept_approved"] * 2
    call_command("load_demo", verbosity=0)
    migrants.refresh_from_db()
    assert migrants.status == "dept_approved"


def test_the_seed_is_read_from_the_published_text_shipped_with_the_package(db) -> None:
    # A clone has nothing beside it: the seed comes from jixiao/demo/data through the text
    # importer, never from a sibling folder or the hand-checked JSON fixture.
    from io import StringIO

    from jixiao.demo import SEED_TEXT

    assert SEED_TEXT.is_file() and "shared" not in SEED_TEXT.parts
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert f"seed form loaded from {SEED_TEXT.name}（导入）" in out.getvalue()


def test_the_demo_has_an_indicator_library_and_review_phrases(db):
    from django.core.management import call_command

    from jixiao.web.indicators.models import LibraryIndicator
    from jixiao.web.review.models import ReviewPhrase

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # again: nothing doubles
    assert LibraryIndicator.objects.count() == 11
    assert ReviewPhrase.objects.count() == 5


def test_the_demo_runs_a_season_of_the_year_in_progress_with_a_late_unit_reminded(db) -> None:
    from django.test import Client

    from jixiao.web.notifications.models import Notification
    from jixiao.web.season.models import Reminder, Task

    call_command("load_demo", verbosity=0)
    call_command("load_season_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("load_season_demo", verbosity=0)  # again: one task, one reminder
    assert Task.objects.count() == 2
    task = Task.objects.get(year=DEMO_YEAR)
    assert task.issuer.name == "天河区财政局"
    reminder = Reminder.objects.get(task=task)
    assert reminder.unit.name == demo.CENTRE and reminder.kind == "manual"
    filler = get_user_model().objects.get(username="unit_filler")
    assert Notification.objects.filter(recipient=filler, kind="reminder_manual").exists()
    client = Client()
    admin = get_user_model().objects.get(username="finance_admin")
    # Outside debug a demo user must first replace the shared demo password.
    admin.set_password("a-changed-Password-9")
    admin.save()
    client.force_login(admin)
    page = client.get(f"/season/{task.pk}/").content.decode()
    assert "填报进度" in page and "逾期未报" in page
    home = client.get("/").content.decode()
    assert "season-progress" in home


def test_the_demo_has_the_finished_2022_season_with_a_unit_late_after_a_reminder(db) -> None:
    from django.test import Client

    from jixiao.web.notifications.models import Notification
    from jixiao.web.season.models import Reminder, Task, TaskEvent

    call_command("load_demo", verbosity=0)
    call_command("load_sealing_demo", verbosity=0)
    call_command("load_season_demo", verbosity=0)
    call_command("load_season_demo", verbosity=0)  # again: nothing doubles
    task = Task.objects.get(title="天河区2022年度预算绩效自评")
    assert task.issuer.name == "天河区财政局" and task.year == 2022
    assert str(task.unit_due) == "2023-03-31" and str(task.department_due) == "2023-04-21"
    seed = Evaluation.objects.get(organisation__name=DEPARTMENT, year=2022)
    assert seed.status == "published"  # the season's dates leave the seed as it was
    assert seed.facts.task == task
    reminder = Reminder.objects.get(task=task)
    assert reminder.unit.name == demo.CENTRE and str(reminder.sent_on) == "2023-04-03"
    assert TaskEvent.objects.filter(task=task, action="reminded").count() == 1
    filler = get_user_model().objects.get(username="unit_filler")
    assert Notification.objects.filter(
        recipient=filler, kind="reminder_manual", title__contains="2022"
    ).exists()

    admin = get_user_model().objects.get(username="finance_admin")
    admin.set_password("a-changed-Password-9")
    admin.save()
    client = Client()
    client.force_login(admin)
    from jixiao.web.season import selectors

    table = selectors.progress_of(task, admin, date(2026, 12, 1))
    rows = {row.unit.name: row for row in table.rows}
    assert rows[demo.CENTRE].late == 6 and rows[demo.CENTRE].reminders == 1
    assert rows[demo.MIGRANTS].late == 0 and rows[demo.MIGRANTS].handed_in
    assert rows[DEPARTMENT].late == 0 and rows[DEPARTMENT].handed_in
    assert table.overall.late == 0  # late only while not handed in
    page = client.get(f"/season/{task.pk}/").content.decode()
    assert "填报进度" in page and demo.CENTRE in page and "2023-03-31" in page
