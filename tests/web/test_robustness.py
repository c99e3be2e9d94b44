"""Bad input never gives a 500: hypothesis throws odd JSON at every route of the API and odd
text at the editor's save and compute endpoints and the workflow steps, as the unit persona.

Odd means: bodies of any shape, wrong types, numbers JSON cannot hold (``1e400``, ``NaN``),
negative amounts, very long strings, unknown keys, ids that do not exist or are not numbers.
Every answer is below 500, and a refused editor save shows what was typed again.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.web.api.models import ApiToken
from jixiao.web.evaluations.editor.session import as_post
from tests.web.fuzzing import INPUT, assert_handled, assert_shown_again, type_into

# The world fixture is made once per test, not per example; each example runs in a transaction
# rolled back at its end, so that every example starts from the same form.
FUZZ = settings(
    max_examples=int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "30")),  # more for a deeper run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LONG = "长" * 20_000
ODD_TEXT = [
    "",
    " ",
    "1e400",
    "-1e400",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "1e-400",
    "-5",
    "-0.00",
    "99999999999999999999999999999999999999",
    "１９８５．２８",
    "1,985.28",
    "0x10",
    "null",
    "<script>alert(1)</script>",
    "\x00",
    "\u202e",
    LONG,
]
# Number literals that json.dumps cannot write but a client can send.
RAW_NUMBERS = ["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1e-400", "1" * 400]

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(ODD_TEXT),
)
json_values = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
odd_ids = st.sampled_from(["0", "-1", "99999999999999999999999", "abc", "1.5", "%E8%A1%A8"])


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document: containers and leaves."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    out = copy.deepcopy(document)
    node = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return out


@st.composite
def damaged(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """The form's own data with one to three places replaced or an unknown key added."""
    out: Any = data
    for _ in range(draw(st.integers(1, 3))):
        places = _paths(out)
        path = draw(st.sampled_from(places))
        if draw(st.booleans()) or not path:
            out = _replace(out, path, draw(json_values))
        else:
            parent = path[:-1]
            target = out
            for part in parent:
                target = target[part]
            if isinstance(target, dict):
                out = _replace(out, (*parent, draw(st.text(max_size=8))), draw(json_values))
    return out if isinstance(out, dict) else {"data": out}


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def api(world):
    """A token client for the unit persona: (method, url, body text) → response."""
    from django.test import Client

    _, token = ApiToken.issue(user=world.unit_user, name="fuzz")
    client = Client(enforce_csrf_checks=True)
    headers = {"Authorization": f"Bearer {token}"}

    def call(method: str, url: str, body: str | None = None) -> Any:
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        return getattr(client, method)(url, **kwargs)

    return call


def _body_routes(pk: object) -> list[tuple[str, str]]:
    return [
        ("post", f"/api/evaluations/{pk}/compute"),
        ("put", f"/api/evaluations/{pk}/draft"),
        ("post", f"/api/evaluations/{pk}/submit"),
        ("post", f"/api/evaluations/{pk}/approve"),
        ("post", f"/api/evaluations/{pk}/return"),
        ("post", f"/api/evaluations/{pk}/publish"),
    ]


def _get_routes(pk: object) -> list[str]:
    return [
        "/api/evaluations",
        f"/api/evaluations/{pk}",
        f"/api/evaluations/{pk}/history",
        f"/api/evaluations/{pk}/export/json",
        f"/api/evaluations/{pk}/export/xlsx",
    ]


@FUZZ
@given(body=json_values)
def test_any_json_body_to_any_api_route_is_answered_without_a_server_error(world, api, body):
    with rolled_back():
        for method, url in _body_routes(world.unit_form.pk):
            assert_handled(api(method, url, json.dumps(body)), f"{method} {url}")


@FUZZ
@given(data=st.data())
def test_the_forms_own_data_damaged_anywhere_is_refused_or_computed_never_a_500(world, api, data):
    with rolled_back():
        pk = world.unit_form.pk
        world.refresh()
        form = data.draw(damaged(world.unit_form.data))
        version = data.draw(st.one_of(st.just(world.unit_form.version), leaves))
        for method, url in (
            ("post", f"/api/evaluations/{pk}/compute"),
            ("put", f"/api/evaluations/{pk}/draft"),
        ):
            body = json.dumps({"data": form, "version": version})
            assert_handled(api(method, url, body), f"{method} {url}")


@FUZZ
@given(data=st.data())
def test_numbers_json_cannot_hold_are_refused_with_a_message(world, api, data):
    with rolled_back():
        pk = world.unit_form.pk
        world.refresh()
        marker = "__raw_number__"
        path = data.draw(st.sampled_from([p for p in _paths(world.unit_form.data) if p]))
        raw = data.draw(st.sampled_from(RAW_NUMBERS))
        body = json.dumps({"data": _replace(world.unit_form.data, path, marker), "version": 1})
        body = body.replace(f'"{marker}"', raw)
        for method, url in (
            ("post", f"/api/evaluations/{pk}/compute"),
            ("put", f"/api/evaluations/{pk}/draft"),
        ):
            response = api(method, url, body)
            assert_handled(response, f"{method} {url} {path}={raw}")
            if response.status_code >= 400:
                assert response.json()["detail"], response.content


@FUZZ
@given(pk=odd_ids, fmt=st.text(min_size=1, max_size=10))
def test_wrong_ids_and_formats_are_not_found_or_refused(world, api, pk, fmt):
    with rolled_back():
        odd_format = f"/api/evaluations/{world.unit_form.pk}/export/{quote(fmt)}"
        for url in [*_get_routes(pk), odd_format]:
            assert_handled(api("get", url), url)
        for method, url in _body_routes(pk):
            assert_handled(api(method, url, "{}"), url)
        # The other unit's form exists but is not the unit's: not found, as if it did not.
        assert api("get", f"/api/evaluations/{world.other_form.pk}").status_code == 404


@FUZZ
@given(text=st.one_of(st.text(max_size=200), st.binary(max_size=200).map(repr)))
def test_bodies_that_are_not_json_are_refused(world, api, text):
    with rolled_back():
        for method, url in _body_routes(world.unit_form.pk):
            assert_handled(api(method, url, text), url)


# The editor: the page's own POST with some values replaced by odd text.


@pytest.fixture
def editor(world, client_for):
    return client_for(world.unit_user)


def _editor_post(world) -> dict[str, str]:
    world.refresh()
    post = as_post(world.unit_form.form_type, world.unit_form.data)
    post["version"] = str(world.unit_form.version)
    return post


odd_values = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=60))
odd_names = st.one_of(
    st.sampled_from(
        [
            "tasks-99999-name",
            "tasks-abc-funds",
            "tasks-0-indicators-99999999999999999999-name",
            "funds-spending_by_source-unknown",
            "annual_goals-expected-7",
            "nonexistent",
            "op",
            "version",
        ]
    ),
    st.text(max_size=30),
)


@FUZZ
@given(data=st.data())
def test_the_editor_survives_any_typing_and_shows_refused_values_again(world, editor, data):
    with rolled_back():
        url = f"/evaluations/{world.unit_form.pk}/"
        post = _editor_post(world)
        shown = set(INPUT.findall(editor.get(url + "edit/").content.decode()))
        typed = type_into(data, post, odd_values, odd_names)
        compute = editor.post(url + "compute/", post)
        assert_handled(compute, f"compute {typed}")
        saved = editor.post(url + "edit/", post)
        assert_handled(saved, f"save {typed}")
        if saved.status_code in (400, 409):
            page = saved.content.decode()
            assert_shown_again(page, typed, shown)


@FUZZ
@given(op=st.one_of(st.text(max_size=40), st.sampled_from(["add:", "remove:tasks-99", "up:x-0"])))
def test_odd_structural_edits_are_refused_without_losing_the_page(world, editor, op):
    with rolled_back():
        post = _editor_post(world)
        post["op"] = op
        response = editor.post(f"/evaluations/{world.unit_form.pk}/edit/", post)
        assert_handled(response, op)


@FUZZ
@given(step=st.text(min_size=1, max_size=12), comment=odd_values)
def test_any_workflow_step_and_comment_is_answered_without_a_server_error(
    world, editor, step, comment
):
    with rolled_back():
        response = editor.post(
            f"/evaluations/{world.unit_form.pk}/{quote(step, safe='')}/",
            {"comment": comment, "explanation": comment},
        )
        assert_handled(response, step)


@FUZZ
@given(
    organisation=st.one_of(st.just("UNIT"), odd_ids, st.text(max_size=12)),
    year=st.one_of(st.sampled_from(["2023", "1948", "2201"]), odd_values),
    form_type=st.one_of(st.sampled_from(["department_overall", "project"]), st.text(max_size=12)),
    name=odd_values,
    start=st.one_of(st.sampled_from(["blank", "previous"]), st.text(max_size=8)),
)
def test_starting_a_form_with_odd_values_is_refused_or_done_never_a_500(
    world, editor, organisation, year, form_type, name, start
):
    with rolled_back():
        if organisation == "UNIT":
            organisation = str(world.unit.pk)
        post = {
            "organisation": organisation,
            "year": year,
            "form_type": form_type,
            "project_name": name,
            "start": start,
        }
        assert_handled(editor.post("/evaluations/new/", post), str(post))


@FUZZ
@given(token=st.text(max_size=30), index=st.one_of(odd_ids, st.text(max_size=8)), org=odd_ids)
def test_confirming_an_import_with_odd_values_is_refused_never_a_500(
    world, editor, token, index, org
):
    with rolled_back():
        post = {"token": token, "index": index, "organisation": org}
        assert_handled(editor.post("/import/confirm/", post), str(post))


def test_a_nul_character_typed_anywhere_is_dropped_not_stored(world, editor):
    # PostgreSQL refuses U+0000 in text and JSON: typed into a narrative, a comment or a
    # token's name it must not reach the database (it gave a 500 there).
    post = _editor_post(world)
    post["annual_goals-achieved"] = "全年\x00完成"
    response = editor.post(f"/evaluations/{world.unit_form.pk}/edit/", post)
    assert response.status_code == 302
    world.refresh()
    assert world.unit_form.data["annual_goals"]["achieved"] == "全年完成"
    submitted = editor.post(
        f"/evaluations/{world.unit_form.pk}/submit/", {"explanation": "已说明\x00"}
    )
    assert submitted.status_code == 302
    world.refresh()
    assert world.unit_form.submit_explanation == "已说明"
    assert editor.post("/account/tokens/", {"name": "脚本\x00"}).status_code == 302
    assert world.unit_user.api_tokens.get().name == "脚本"
