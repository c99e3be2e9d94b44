"""The JSON API: the same reach and steps as the UI, token or session authentication, CSRF
for sessions, optimistic locking and Chinese error details."""

from __future__ import annotations

import copy
import json

import pytest
from django.test import Client

from jixiao.web.api.models import ApiToken


def _token_client(user) -> tuple[Client, dict[str, str]]:
    _, token = ApiToken.issue(user=user, name="测试")
    return Client(enforce_csrf_checks=True), {"Authorization": f"Bearer {token}"}


def _call(client, headers, method, url, body=None):
    kwargs = {"headers": headers}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def _routes(world):
    pk = world.unit_form.pk
    data = world.unit_form.data
    return [
        ("get", f"/api/evaluations/{pk}", None),
        ("get", f"/api/evaluations/{pk}/history", None),
        ("get", f"/api/evaluations/{pk}/export/json", None),
        ("post", f"/api/evaluations/{pk}/compute", {"data": data}),
        ("put", f"/api/evaluations/{pk}/draft", {"data": data, "version": 1}),
        ("post", f"/api/evaluations/{pk}/approve", {"comment": ""}),
    ]


EXPECTED = {
    "unit_user": [200, 200, 200, 200, 200, 403],
    "other_unit_user": [404, 404, 404, 404, 404, 404],
    # compute is the editor's: only those who may edit (403 otherwise, as in the browser).
    "reviewer": [200, 200, 200, 403, 403, 409],  # 409: a draft cannot be approved yet
    "finance": [200, 200, 200, 403, 403, 403],
    "outsider": [404, 404, 404, 404, 404, 404],
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_reaches_exactly_what_the_ui_allows(world, persona):
    client, headers = _token_client(getattr(world, persona))
    got = [_call(client, headers, *route).status_code for route in _routes(world)]
    assert got == EXPECTED[persona]


def test_without_credentials_every_route_answers_401(world):
    client = Client()
    for method, url, body in _routes(world):
        assert _call(client, {}, method, url, body).status_code == 401, url
    assert client.get("/api/evaluations").status_code == 401


def test_a_wrong_token_is_refused(world):
    response = Client().get("/api/evaluations", headers={"Authorization": "Bearer jx_nope"})
    assert response.status_code == 401


def test_the_list_holds_only_visible_forms(world):
    client, headers = _token_client(world.other_unit_user)
    rows = client.get("/api/evaluations", headers=headers).json()["items"]
    assert [r["id"] for r in rows] == [world.other_form.pk]


def test_session_writes_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.unit_user)
    url = f"/api/evaluations/{world.unit_form.pk}/submit"
    assert client.post(url, data="{}", content_type="application/json").status_code == 403
    client.get("/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, data="{}", content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_a_stale_draft_is_refused_with_409(world):
    client, headers = _token_client(world.unit_user)
    url = f"/api/evaluations/{world.unit_form.pk}/draft"
    data = copy.deepcopy(world.unit_form.data)
    assert _call(client, headers, "put", url, {"data": data, "version": 1}).status_code == 200
    response = _call(client, headers, "put", url, {"data": data, "version": 1})
    assert response.status_code == 409
    assert "其他人" in response.json()["detail"]


def test_a_malformed_form_gets_a_chinese_400(world):
    client, headers = _token_client(world.unit_user)
    url = f"/api/evaluations/{world.unit_form.pk}/draft"
    bad = {**world.unit_form.data, "funds": {"actual_spending": "很多"}}
    response = _call(client, headers, "put", url, {"data": bad, "version": 1})
    assert response.status_code == 400
    assert "表单内容不符合格式要求" in response.json()["detail"]


def test_compute_returns_the_cores_figures_without_saving(world):
    client, headers = _token_client(world.unit_user)
    data = copy.deepcopy(world.unit_form.data)
    data["funds"]["actual_spending"] = "300.00"
    url = f"/api/evaluations/{world.unit_form.pk}/compute"
    out = _call(client, headers, "post", url, {"data": data}).json()
    figures = {f["path"]: f["text"] for f in out["figures"]}
    assert figures["funds.completion_rate"] == "73.96%"
    assert "spending_sources_mismatch" in {f["code"] for f in out["findings"]}
    world.refresh()
    assert world.unit_form.version == 1


def test_the_whole_workflow_runs_through_the_api(world):
    pk = world.unit_form.pk
    unit, unit_h = _token_client(world.unit_user)
    reviewer, reviewer_h = _token_client(world.reviewer)
    finance, finance_h = _token_client(world.finance)
    base = f"/api/evaluations/{pk}"
    assert _call(unit, unit_h, "post", f"{base}/submit", {}).status_code == 200
    # The schema requires the comment, and the answer says so in Chinese.
    response = _call(reviewer, reviewer_h, "post", f"{base}/return", {"comment": ""})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("请求内容不符合要求：comment")
    response = _call(reviewer, reviewer_h, "post", f"{base}/return", {"comment": "  "})
    assert response.status_code == 422
    _call(reviewer, reviewer_h, "post", f"{base}/return", {"comment": "补充说明"})
    _call(unit, unit_h, "post", f"{base}/submit", {})
    _call(reviewer, reviewer_h, "post", f"{base}/approve", {})
    _call(finance, finance_h, "post", f"{base}/approve", {})
    out = _call(finance, finance_h, "post", f"{base}/publish").json()
    assert out["status"] == "published"
    history = _call(finance, finance_h, "get", f"{base}/history").json()
    assert history[0]["reason"] == "公开"


def test_the_openapi_document_is_served(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert "/api/evaluations/{pk}/draft" in response.json()["paths"]
    assert Client().get("/api/docs").status_code == 200


def test_a_body_that_is_not_json_is_refused_in_chinese(world):
    client, headers = _token_client(world.unit_user)
    url = f"/api/evaluations/{world.unit_form.pk}/compute"
    response = client.post(url, data="{not json", content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "请求内容无法读取：请发送有效的 JSON"


def test_a_request_of_the_wrong_shape_says_each_problem_in_chinese(world):
    client, headers = _token_client(world.unit_user)
    url = f"/api/evaluations/{world.unit_form.pk}/draft"
    response = _call(client, headers, "put", url, {"data": 5})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "请求内容不符合要求：data：应为对象（键值对）；version：此项必填"
    # Programs still get ninja's list, field by field.
    assert [e["loc"][-1] for e in body["errors"]] == ["data", "version"]


def test_an_id_that_is_not_a_number_is_said_in_chinese(world):
    client, headers = _token_client(world.unit_user)
    response = _call(client, headers, "get", "/api/evaluations/abc")
    assert response.status_code == 422
    assert response.json()["detail"] == "请求内容不符合要求：pk：请填写整数"


def test_a_money_field_too_large_or_a_float_is_named_with_its_path(world):
    client, headers = _token_client(world.unit_user)
    url = f"/api/evaluations/{world.unit_form.pk}/compute"
    data = copy.deepcopy(world.unit_form.data)
    data["funds"]["actual_spending"] = "1" * 400
    data["tasks"][0]["funds"] = 12.5
    detail = _call(client, headers, "post", url, {"data": data}).json()["detail"]
    assert "funds.actual_spending：数值过大（整数部分最多 15 位）" in detail
    assert "tasks[0].funds：金额和比率须写成文本形式的数字" in detail


def test_an_unknown_export_format_is_named_as_such(world):
    client, headers = _token_client(world.unit_user)
    response = _call(client, headers, "get", f"/api/evaluations/{world.unit_form.pk}/export/doc")
    assert response.status_code == 404
    assert response.json()["detail"] == "不支持该导出格式（可选：xlsx、pdf、json）"


def test_without_credentials_the_answer_says_how_to_authenticate(world):
    response = Client().get("/api/evaluations")
    assert response.status_code == 401
    assert "令牌" in response.json()["detail"]


def test_the_list_is_paged_filtered_and_carries_the_figures(world):
    client, headers = _token_client(world.finance)
    page = client.get("/api/evaluations", {"page_size": 1, "sort": "title"}, headers=headers).json()
    assert page["count"] == 2 and page["pages"] == 2 and len(page["items"]) == 1
    row = page["items"][0]
    assert {"budget", "spent", "rate", "score", "grade", "due", "days_late"} <= set(row)
    assert row["budget"] is not None
    only = client.get("/api/evaluations", {"q": world.other_unit.name}, headers=headers).json()
    assert [r["id"] for r in only["items"]] == [world.other_form.pk]
    assert client.get("/api/evaluations", {"page": "x"}, headers=headers).status_code == 200


def test_a_draft_of_the_other_form_type_gets_a_chinese_400(world):
    """Issue 10, defect 4, through the API that let it in."""
    from tests.conftest import FIXTURES

    project = json.loads((FIXTURES / "sample_project_form.json").read_text(encoding="utf-8"))
    client, headers = _token_client(world.unit_user)
    url = f"/api/evaluations/{world.unit_form.pk}/draft"
    response = _call(client, headers, "put", url, {"data": project, "version": 1})
    assert response.status_code == 400
    assert "项目支出绩效自评表" in response.json()["detail"]
    world.refresh()
    assert world.unit_form.form_type == "department_overall"
    assert "project_name" not in world.unit_form.data


def test_a_new_rule_set_version_does_not_rejudge_a_stored_form(world, settings, tmp_path):
    """财政局 adds national 2026.1 (优 from 95) as a file: the project form stored under 2020.1
    keeps its grade in the API, a form created afterwards is judged by 2026.1."""
    from jixiao.core.rulesets import load_ruleset
    from jixiao.core.serialization import form_from_data
    from tests.conftest import FIXTURES
    from tests.web.conftest import make_form

    project = form_from_data(
        json.loads((FIXTURES / "sample_project_form.json").read_text(encoding="utf-8"))
    )
    stored = make_form(world.unit, project)
    assert (stored.ruleset_id, stored.ruleset_version) == ("national", "2020.1")
    newer = json.loads(load_ruleset("national").model_dump_json())
    newer["version"] = "2026.1"
    newer["grades"][0]["min_score"] = "95"
    (tmp_path / "national-2026.json").write_text(json.dumps(newer), encoding="utf-8")
    settings.JIXIAO_RULESETS_DIR = str(tmp_path)

    client, headers = _token_client(world.unit_user)
    old = client.get(f"/api/evaluations/{stored.pk}", headers=headers).json()
    assert old["ruleset"] == "national@2020.1"
    assert {f["path"]: f["text"] for f in old["figures"]}["grade"] == "优"

    renamed = project.model_copy(update={"project_name": "另一个项目"})
    fresh = make_form(world.unit, renamed)
    assert fresh.ruleset_version == "2026.1"
    new = client.get(f"/api/evaluations/{fresh.pk}", headers=headers).json()
    assert new["ruleset"] == "national@2026.1"
    assert {f["path"]: f["text"] for f in new["figures"]}["grade"] == "良"
