"""Bad input never gives a 500 on the monitoring pages: hypothesis types odd text into the
monthly form's save and live check, starts records with odd values, uploads odd files and
confirms and exports with wrong ids and formats, as the unit persona.

Odd means the web suite's odd text (``1e400``, ``NaN``, ``Infinity``, negative and 400-digit
numbers, U+0000, very long strings), any text and any bytes. Every answer is below 500; a
refused save says why in Chinese and shows what was typed again; a NUL never reaches the
database.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.web.monitoring.editing import raw_of
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringUpload
from jixiao.web.monitoring.selectors import form_of
from tests.web.fuzzing import CHINESE, INPUT, assert_handled, assert_shown_again, type_into
from tests.web.test_robustness import FUZZ, odd_ids, odd_values, rolled_back

pytestmark = pytest.mark.django_db
# A page rendered twice per example: a third of the suite's examples keeps the file near 5 s.
PAGES = settings(FUZZ, max_examples=max(4, FUZZ.max_examples // 3))

HUGE = "9" * 400
NUMBERS = ["-1", "-0.5", HUGE, f"-{HUGE}", "1e400", "NaN", "Infinity", "-Infinity", "2.5", "0"]
odd_text = st.one_of(odd_values, st.sampled_from(NUMBERS))
odd_years = st.one_of(st.sampled_from(["2023", "1999", "2101", "-2023", *NUMBERS]), odd_values)
odd_names = st.one_of(
    st.sampled_from(
        [
            "month",
            "initial_budget",
            "annual_budget",
            "spend-7",
            "plan-12",
            "spend-13",
            "ind-0-name",
            "ind-0-actual_to_date",
            "ind-0-task_number",
            "ind-0-nature",
            "ind-0-deviation_reason",
            "ind-0-likelihood",
            "ind-99999-name",
            "ind-abc-name",
            "ind-99999999999999999999-note",
            "nonexistent",
        ]
    ),
    st.text(max_size=30),
)


def post_of(record: MonitoringRecord) -> dict[str, str]:
    return {**raw_of(form_of(record)), "version": str(record.version)}


@pytest.fixture
def unit(world, client_for):
    return client_for(world.unit_user)


@PAGES
@given(data=st.data())
def test_the_monthly_form_survives_any_typing_and_shows_refused_values_again(
    world, unit_record, unit, data
):
    with rolled_back():
        unit_record.refresh_from_db()
        url = f"/monitoring/{unit_record.pk}/"
        post = post_of(unit_record)
        shown = set(INPUT.findall(unit.get(url).content.decode()))
        names = sorted(post)
        typed = type_into(data, post, odd_text, odd_names)
        if data.draw(st.booleans()):
            post["version"] = data.draw(odd_text)
        for missing in data.draw(st.lists(st.sampled_from(names), max_size=3)):
            if missing not in typed:
                post.pop(missing, None)
        assert_handled(unit.post(url + "check/", post), f"check {typed}")
        saved = unit.post(url, post)
        assert_handled(saved, f"save {typed}")
        if saved.status_code in (400, 409):
            page = saved.content.decode()
            problem = re.search(r'class="problem"[^>]*>([^<]*)<', page)
            assert problem and CHINESE.search(problem.group(1)), "no Chinese reason given"
            assert_shown_again(page, typed, shown)


@PAGES
@given(op=st.one_of(st.text(max_size=40), st.sampled_from(["add", "remove:99999", "remove:-1"])))
def test_odd_row_buttons_are_answered_without_losing_the_page(world, unit_record, unit, op):
    with rolled_back():
        post = {**post_of(unit_record), "op": op, "version": "abc"}
        assert_handled(unit.post(f"/monitoring/{unit_record.pk}/", post), op)


@FUZZ
@given(
    organisation=st.one_of(st.just("UNIT"), odd_ids, st.text(max_size=12)),
    year=odd_years,
    kind=st.one_of(st.sampled_from(["unit", "project"]), st.text(max_size=10)),
    name=odd_text,
)
def test_starting_a_record_with_odd_values_is_refused_or_done_never_a_500(
    world, unit, organisation, year, kind, name
):
    with rolled_back():
        if organisation == "UNIT":
            organisation = str(world.unit.pk)
        post = {"organisation": organisation, "year": year, "kind": kind, "name": name}
        assert_handled(unit.post("/monitoring/new/", post), str(post))


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


@FUZZ
@given(
    data=st.data(),
    cells=st.lists(st.lists(odd_text, min_size=1, max_size=5), min_size=1, max_size=4),
    raw=st.binary(max_size=300),
    filename=st.one_of(st.sampled_from(["八月.csv", "八月.xlsx", "x", ""]), st.text(max_size=40)),
    year=odd_years,
)
def test_any_uploaded_file_is_reported_or_refused_and_confirming_it_never_a_500(
    world, unit_record, unit, data, cells, raw, filename, year
):
    with rolled_back():
        header = ["类别", "单位或项目名称", "月份", "当月支出数", "指标名称", "1—N月实际完成值"]
        # A file that looks right with odd cells in it, or bytes of anything.
        rows = [[c if i != 1 else world.unit.name for i, c in enumerate(r)] for r in cells]
        content = data.draw(st.sampled_from([_csv([header, *rows]), raw]))
        upload = SimpleUploadedFile(filename or "upload", content)
        organisation = data.draw(st.one_of(st.just(str(world.unit.pk)), odd_ids))
        post = {"organisation": organisation, "year": year, "file": upload}
        response = unit.post("/monitoring/import/", post)
        assert_handled(response, f"import {filename!r} {year!r} {content[:80]!r}")
        if response.status_code == 400:
            assert CHINESE.search(
                re.search(r'class="problem"[^>]*>([^<]*)<', response.content.decode()).group(1)
            )
        for kept in MonitoringUpload.objects.all():
            confirmed = unit.post(f"/monitoring/import/{kept.pk}/apply/")
            assert_handled(confirmed, f"confirm {content[:80]!r}")
            again = unit.post(f"/monitoring/import/{kept.pk}/apply/")
            assert_handled(again, "confirm twice")


@FUZZ
@given(pk=odd_ids, fmt=st.one_of(st.sampled_from(["csv", "XLSX", "pdf/"]), st.text(max_size=10)))
def test_wrong_ids_and_formats_are_not_found_never_a_500(world, unit_record, unit, pk, fmt):
    with rolled_back():
        for url in (
            f"/monitoring/{quote(pk)}/export/{quote(fmt, safe='')}/",
            f"/monitoring/{unit_record.pk}/export/{quote(fmt, safe='')}/",
            f"/monitoring/import/{quote(pk)}/apply/",
            f"/monitoring/{quote(pk)}/check/",
        ):
            method = unit.get if "/export/" in url else unit.post
            assert_handled(method(url), url)
        assert_handled(
            unit.post("/monitoring/import/", {"organisation": str(world.unit.pk)}), "no file"
        )


def test_a_version_that_is_not_a_number_is_a_conflict_in_chinese_not_a_500(
    world, unit_record, unit
):
    post = {**post_of(unit_record), "version": "abc", "spend-8": "12.5"}
    response = unit.post(f"/monitoring/{unit_record.pk}/", post)
    assert response.status_code == 409
    assert "版本" in response.content.decode()


def test_a_nul_character_typed_or_uploaded_is_dropped_not_stored(world, unit_record, unit):
    # PostgreSQL refuses U+0000 in text and JSON (it gave a 500 there).
    post = {**post_of(unit_record), "ind-0-note": "已\x00说明"}
    assert unit.post(f"/monitoring/{unit_record.pk}/", post).status_code == 302
    unit_record.refresh_from_db()
    assert form_of(unit_record).indicators[0].note == "已说明"
    started = unit.post(
        "/monitoring/new/",
        {"organisation": world.unit.pk, "year": "2023", "kind": "project", "name": "新\x00项目"},
    )
    assert started.status_code == 302
    assert MonitoringRecord.objects.filter(name="新项目").exists()
    indicator = form_of(unit_record).indicators[0].name
    content = _csv(
        [
            ["单位或项目名称", "月份", "当月支出数", "指标名称", "1—N月实际完成值"],
            [world.unit.name, "8", "1.5", indicator, "九成\x00"],
            [world.unit.name + "\x00外", "8", "1.5", "", ""],
        ]
    )
    upload = SimpleUploadedFile("八\x00月.csv", content)
    response = unit.post(
        "/monitoring/import/", {"organisation": world.unit.pk, "year": "2023", "file": upload}
    )
    assert response.status_code == 200
    kept = MonitoringUpload.objects.get()
    assert "\x00" not in kept.filename and "\x00" not in str(kept.errors)
    assert unit.post(f"/monitoring/import/{kept.pk}/apply/").status_code == 302
    unit_record.refresh_from_db()
    assert form_of(unit_record).indicators[0].actual_to_date == "九成"


def test_a_year_out_of_range_is_refused_in_chinese(world, unit):
    for year in ("-2023", "99999999999", "0"):
        response = unit.post(
            "/monitoring/new/",
            {"organisation": world.unit.pk, "year": year, "kind": "project", "name": "项目"},
            follow=True,
        )
        assert response.status_code == 200 and "年度" in response.content.decode()
        assert not MonitoringRecord.objects.filter(name="项目").exists()


def test_a_project_name_longer_than_the_column_is_refused_in_chinese(world, unit):
    # PostgreSQL refuses a value longer than the column (SQLite stores it): it gave a 500 there.
    response = unit.post(
        "/monitoring/new/",
        {"organisation": world.unit.pk, "year": "2023", "kind": "project", "name": "项" * 301},
        follow=True,
    )
    assert "项目名称太长（301字），请不超过300字。" in response.content.decode()
    assert not MonitoringRecord.objects.filter(kind="project").exists()
