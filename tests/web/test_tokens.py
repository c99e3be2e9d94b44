"""The API tokens page: create (shown once), list, revoke — and only one's own."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.web.api.models import ApiToken, hash_token
from jixiao.web.api.services import MAX_TOKENS

TOKENS = reverse("tokens:list")


def _create(client, name="决算系统对接"):
    return client.post(TOKENS, {"name": name}, follow=True)


def _shown_token(page: str) -> str:
    found = re.search(r'id="fresh-token" readonly value="(jx_[^"]+)"', page)
    assert found, "no new token on the page"
    return found.group(1)


def test_a_new_token_is_shown_once_and_works_against_the_api(world, client_for):
    client = client_for(world.unit_user)
    response = _create(client)
    page = response.content.decode()
    token = _shown_token(page)
    assert "新令牌已创建" in page
    row = ApiToken.objects.get(user=world.unit_user)
    assert row.name == "决算系统对接"
    assert row.digest == hash_token(token) and token not in row.digest
    # Shown once: the next visit lists the token without its text.
    again = client.get(TOKENS).content.decode()
    assert token not in again and "决算系统对接" in again

    api = Client().get("/api/evaluations", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    assert [e["title"] for e in api.json()["items"]] == [world.unit_form.title]


def test_the_list_shows_name_created_and_last_used(world, client_for):
    client = client_for(world.unit_user)
    token = _shown_token(_create(client, "统计报表").content.decode())
    assert "从未使用" in client.get(TOKENS).content.decode()
    Client().get("/api/evaluations", headers={"Authorization": f"Bearer {token}"})
    row = ApiToken.objects.get(user=world.unit_user)
    assert row.last_used_at is not None
    page = client.get(TOKENS).content.decode()
    assert "从未使用" not in page
    assert row.last_used_at.astimezone().strftime("%Y-%m-%d") in page


def test_revoking_a_token_stops_it_at_once(world, client_for):
    client = client_for(world.unit_user)
    token = _shown_token(_create(client).content.decode())
    row = ApiToken.objects.get(user=world.unit_user)
    response = client.post(reverse("tokens:revoke", kwargs={"pk": row.pk}), follow=True)
    assert "已撤销令牌“决算系统对接”" in response.content.decode()
    assert not ApiToken.objects.filter(pk=row.pk).exists()
    api = Client().get("/api/evaluations", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401


def test_nobody_sees_or_revokes_another_persons_tokens(world, client_for):
    row, _ = ApiToken.issue(user=world.reviewer, name="审核人的令牌")
    client = client_for(world.unit_user)
    assert "审核人的令牌" not in client.get(TOKENS).content.decode()
    response = client.post(reverse("tokens:revoke", kwargs={"pk": row.pk}))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=row.pk).exists()


def test_a_token_needs_a_name(world, client_for):
    response = client_for(world.unit_user).post(TOKENS, {"name": "  "})
    assert response.status_code == 400
    assert "请填写令牌用途" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_tokens_are_limited_per_person(world, client_for):
    for i in range(MAX_TOKENS):
        ApiToken.issue(user=world.unit_user, name=f"令牌{i}")
    response = client_for(world.unit_user).post(TOKENS, {"name": "再来一个"})
    assert response.status_code == 400
    assert f"每人最多 {MAX_TOKENS} 个令牌" in response.content.decode()


def test_creating_and_revoking_need_the_csrf_token(world, client_for):
    row, _ = ApiToken.issue(user=world.unit_user, name="已有")
    client = client_for(world.unit_user, csrf=True)
    assert client.post(TOKENS, {"name": "x"}).status_code == 403
    assert client.post(reverse("tokens:revoke", kwargs={"pk": row.pk})).status_code == 403
    assert ApiToken.objects.filter(user=world.unit_user).count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_log_in(world, client_for, method):
    response = getattr(client_for(None), method)(TOKENS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_revoking_is_a_post_only(world, client_for):
    row, _ = ApiToken.issue(user=world.unit_user, name="已有")
    response = client_for(world.unit_user).get(reverse("tokens:revoke", kwargs={"pk": row.pk}))
    assert response.status_code == 405
    assert ApiToken.objects.filter(pk=row.pk).exists()


def test_the_token_text_is_escaped_like_everything_else(world, client_for):
    page = _create(client_for(world.unit_user), "<b>粗体</b>").content.decode()
    assert "<b>粗体</b>" not in page and "&lt;b&gt;粗体&lt;/b&gt;" in page
