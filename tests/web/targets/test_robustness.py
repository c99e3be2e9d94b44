"""Bad input never gives a 500 on the targets pages: hypothesis types odd text into the editor's
save and live check, odd buttons, workflow steps with odd comments, the year-end hand-off and
the new-targets form, with wrong ids and missing fields, as the unit persona (and the reviewer
for the steps only a reviewer reaches).

Odd means the web suite's odd text (``1e400``, ``NaN``, ``Infinity``, negative and 400-digit
numbers, U+0000, very long strings) and any text. Every answer is below 500; a refused save
says why in Chinese and shows what was typed again; a NUL never reaches the database.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.web.evaluations.editor.fields import LIST_MARK
from jixiao.web.targets.models import TargetSet
from tests.web.fuzzing import CHINESE, INPUT, assert_handled, assert_shown_again, type_into
from tests.web.targets.conftest import form_post
from tests.web.test_robustness import FUZZ, odd_ids, odd_values, rolled_back

pytestmark = pytest.mark.django_db
# A page rendered twice per example: a third of the suite's examples keeps the file near 5 s.
PAGES = settings(FUZZ, max_examples=max(4, FUZZ.max_examples // 3))

HUGE = "9" * 400
NUMBERS = ["-1", "-0.5", HUGE, f"-{HUGE}", "1e400", "NaN", "Infinity", "-Infinity", "2.5"]
odd_versions = st.one_of(st.sampled_from(["", "abc", "1.5", "-1", HUGE, "NaN", "\x00"]), odd_values)
odd_names = st.one_of(
    st.sampled_from(
        [
            "budget",
            "tasks-0-funds",
            "tasks-0-indicators-0-value",
            "tasks-0-indicators-0-nature",
            "tasks-99999-name",
            "tasks-abc-funds",
            "tasks-0-indicators-99999999999999999999-name",
            "projects-0-budget",
            "annual_goals-7",
            "year",
            "form_type",
            "nonexistent",
        ]
    ),
    st.text(max_size=30),
)


@pytest.fixture
def unit(world, client_for):
    return client_for(world.unit_user)


@pytest.fixture
def reviewer(world, client_for):
    return client_for(world.reviewer)


@PAGES
@given(data=st.data())
def test_the_editor_survives_any_typing_and_shows_refused_values_again(
    world, unit_targets, unit, data
):
    with rolled_back():
        unit_targets.refresh_from_db()
        url = f"/targets/{unit_targets.pk}/"
        post = form_post(unit_targets)
        shown = set(INPUT.findall(unit.get(url).content.decode()))
        names = sorted(post)
        typed = type_into(data, post, st.one_of(odd_values, st.sampled_from(NUMBERS)), odd_names)
        if data.draw(st.booleans()):
            post["version"] = data.draw(odd_versions)
        # A field left out keeps its stored value; a list marker left out, the stored list.
        for missing in data.draw(st.lists(st.sampled_from(names), max_size=3)):
            if missing not in typed and not missing.endswith(LIST_MARK):
                post.pop(missing, None)
        assert_handled(unit.post(url + "check/", post), f"check {typed}")
        saved = unit.post(url, post)
        assert_handled(saved, f"save {typed}")
        if saved.status_code in (400, 409):
            page = saved.content.decode()
            problem = re.search(r'id="problem">([^<]*)<', page)
            assert problem and CHINESE.search(problem.group(1)), "no Chinese reason given"
            assert_shown_again(page, typed, shown)


@PAGES
@given(version=odd_versions)
def test_a_save_with_a_version_that_is_not_the_stored_one_is_a_conflict(
    world, unit_targets, unit, version
):
    with rolled_back():
        unit_targets.refresh_from_db()
        post = form_post(unit_targets, budget="123.45")
        post["version"] = version
        response = unit.post(f"/targets/{unit_targets.pk}/", post)
        if version.strip() == str(unit_targets.version):
            return
        assert response.status_code == 409, version
        assert "123.45" in response.content.decode()
        unit_targets.refresh_from_db()
        assert unit_targets.version == 1


@PAGES
@given(op=st.one_of(st.text(max_size=40), st.sampled_from(["add:", "remove:tasks-99", "up:x-0"])))
def test_odd_structural_edits_are_refused_without_losing_the_page(world, unit_targets, unit, op):
    with rolled_back():
        post = form_post(unit_targets, op=op, version="abc")
        assert_handled(unit.post(f"/targets/{unit_targets.pk}/", post), op)


@FUZZ
@given(
    step=st.one_of(
        st.sampled_from(["submit", "approve", "return", "handoff", "check"]),
        st.text(min_size=1, max_size=12),
    ),
    comment=st.one_of(odd_values, st.sampled_from(NUMBERS)),
    pk=st.one_of(st.just("OWN"), odd_ids),
    as_reviewer=st.booleans(),
)
def test_any_workflow_step_with_any_comment_and_id_is_answered_without_a_server_error(
    world, unit_targets, unit, reviewer, step, comment, pk, as_reviewer
):
    with rolled_back():
        TargetSet.objects.filter(pk=unit_targets.pk).update(
            status=TargetSet.Status.SUBMITTED if as_reviewer else TargetSet.Status.DRAFT
        )
        pk = unit_targets.pk if pk == "OWN" else pk
        url = f"/targets/{quote(str(pk), safe='')}/{quote(step, safe='')}/"
        client = reviewer if as_reviewer else unit
        assert_handled(client.post(url, {"comment": comment}), f"{url} {comment!r}")
        assert_handled(client.post(url), f"{url} without fields")


@FUZZ
@given(
    organisation=st.one_of(st.just("UNIT"), odd_ids, st.text(max_size=12)),
    year=st.one_of(st.sampled_from(["2024", "1999", "2101", *NUMBERS]), odd_values),
)
def test_starting_targets_with_odd_values_is_refused_or_done_never_a_500(
    world, unit, organisation, year
):
    with rolled_back():
        if organisation == "UNIT":
            organisation = str(world.unit.pk)
        post = {"organisation": organisation, "year": year}
        assert_handled(unit.post("/targets/new/", post), str(post))


def test_a_version_that_is_not_a_number_is_a_conflict_in_chinese_not_a_500(
    world, unit_targets, unit
):
    response = unit.post(f"/targets/{unit_targets.pk}/", form_post(unit_targets, version="abc"))
    assert response.status_code == 409
    assert "版本" in response.content.decode()


def test_a_nul_character_typed_into_targets_or_a_comment_is_dropped_not_stored(
    world, unit_targets, unit, reviewer
):
    # PostgreSQL refuses U+0000 in text and JSON (it gave a 500 there).
    post = form_post(unit_targets, **{"annual_goals-0": "全年\x00目标"})
    assert unit.post(f"/targets/{unit_targets.pk}/", post).status_code == 302
    unit_targets.refresh_from_db()
    assert unit_targets.data["annual_goals"][0] == "全年目标"
    TargetSet.objects.filter(pk=unit_targets.pk).update(status=TargetSet.Status.SUBMITTED)
    returned = reviewer.post(f"/targets/{unit_targets.pk}/return/", {"comment": "请\x00修改"})
    assert returned.status_code == 302
    unit_targets.refresh_from_db()
    assert unit_targets.status == TargetSet.Status.RETURNED
    assert unit_targets.review_comment == "请修改"
    # A comment of nothing but NUL is no comment: returning needs one.
    TargetSet.objects.filter(pk=unit_targets.pk).update(status=TargetSet.Status.SUBMITTED)
    refused = reviewer.post(f"/targets/{unit_targets.pk}/return/", {"comment": "\x00 "})
    assert refused.status_code == 302
    unit_targets.refresh_from_db()
    assert unit_targets.status == TargetSet.Status.SUBMITTED
