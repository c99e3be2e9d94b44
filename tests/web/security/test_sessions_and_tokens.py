"""Sessions end after an idle time and after an absolute lifetime, and the editor keeps what
was typed; API tokens expire, carry a scope, are listed and revocable; the editor's compute
permission holds in the API too."""

from __future__ import annotations

import json
import time
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jixiao.web.accounts.models import AuthEvent
from jixiao.web.accounts.signals import LOGIN_AT, SEEN_AT
from jixiao.web.api.models import ApiToken


def _age(client: Client, *, idle: int = 0, since_login: int = 0) -> None:
    session = client.session
    now = int(time.time())
    session[SEEN_AT] = now - idle
    session[LOGIN_AT] = now - since_login
    session.save()


def test_an_idle_session_ends_and_says_so(world, client_for, settings):
    client = client_for(world.unit_user)
    _age(client, idle=settings.JIXIAO_SESSION_IDLE_SECONDS + 1)
    response = client.get(reverse("evaluations:list"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "登录已超时" in response.content.decode()
    assert client.get(reverse("evaluations:list")).status_code == 302
    assert AuthEvent.objects.filter(kind=AuthEvent.Kind.SESSION_EXPIRED).exists()


def test_a_busy_session_still_ends_at_its_absolute_lifetime(world, client_for, settings):
    client = client_for(world.unit_user)
    _age(client, since_login=settings.JIXIAO_SESSION_MAX_SECONDS + 1)
    assert client.get(reverse("evaluations:list")).status_code == 302


def test_the_default_idle_timeout_is_thirty_minutes(settings):
    assert settings.JIXIAO_SESSION_IDLE_SECONDS == 30 * 60


def test_live_requests_of_an_expired_session_get_401_not_a_login_page(world, client_for, settings):
    client = client_for(world.unit_user)
    _age(client, idle=settings.JIXIAO_SESSION_IDLE_SECONDS + 1)
    response = client.post(
        reverse("evaluations:compute", args=[world.unit_form.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 401
    assert response.json()["expired"] is True


def test_the_pages_timeout_check_learns_of_the_end_as_json(world, client_for, settings):
    client = client_for(world.unit_user)
    _age(client, idle=settings.JIXIAO_SESSION_IDLE_SECONDS + 1)
    response = client.get(reverse("accounts:session"))
    assert response.status_code == 401
    assert response.json()["expired"] is True


def test_asking_the_time_left_is_not_activity(world, client_for, settings):
    client = client_for(world.unit_user)
    _age(client, idle=settings.JIXIAO_SESSION_IDLE_SECONDS - 100)
    left = client.get(reverse("accounts:session")).json()["seconds_left"]
    assert 0 < left <= 100
    again = client.get(reverse("accounts:session")).json()["seconds_left"]
    assert again <= left
    kept = client.post(reverse("accounts:keep_alive")).json()["seconds_left"]
    assert kept > settings.JIXIAO_SESSION_IDLE_SECONDS - 10


def test_the_editor_keeps_typed_text_in_the_browser_and_warns_before_timeout(world, client_for):
    page = client_for(world.unit_user).get(reverse("evaluations:edit", args=[world.unit_form.pk]))
    html = page.content.decode()
    assert f'data-keep-draft="evaluation-{world.unit_form.pk}:v{world.unit_form.version}"' in html
    assert 'data-session-status="/account/session/"' in html
    assert "jixiao/ui.js" in html


# API tokens


def _get(token: str, url: str = "/api/evaluations"):
    return Client().get(url, headers={"Authorization": f"Bearer {token}"})


def test_tokens_expire_after_ninety_days_by_default(world):
    row, token = ApiToken.issue(user=world.unit_user, name="测试")
    assert row.expires_at - timezone.now() > timedelta(days=89, hours=23)
    assert _get(token).status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = _get(token)
    assert refused.status_code == 401
    assert "过期" in refused.json()["detail"]
    assert AuthEvent.objects.filter(kind=AuthEvent.Kind.TOKEN_REFUSED, detail="令牌已过期").exists()


def test_a_read_only_token_reads_and_computes_but_never_writes(world):
    _, token = ApiToken.issue(user=world.unit_user, name="只读", scope="read")
    pk = world.unit_form.pk
    headers = {"Authorization": f"Bearer {token}"}
    assert Client().get(f"/api/evaluations/{pk}", headers=headers).status_code == 200
    body = json.dumps({"data": world.unit_form.data})
    computed = Client().post(
        f"/api/evaluations/{pk}/compute", body, content_type="application/json", headers=headers
    )
    assert computed.status_code == 200
    saved = Client().put(
        f"/api/evaluations/{pk}/draft",
        json.dumps({"data": world.unit_form.data, "version": 1}),
        content_type="application/json",
        headers=headers,
    )
    assert saved.status_code == 403
    assert "只读令牌" in saved.json()["detail"]


def test_tokens_are_made_with_scope_and_lifetime_listed_and_revoked(world, client_for):
    client = client_for(world.unit_user)
    made = client.post(
        reverse("tokens:list"), {"name": "统计报表", "scope": "read", "days": "30"}, follow=True
    )
    page = made.content.decode()
    row = ApiToken.objects.get(name="统计报表")
    assert row.scope == "read"
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)
    assert "只读" in page and timezone.localtime(row.expires_at).strftime("%Y-%m-%d") in page
    too_long = client.post(reverse("tokens:list"), {"name": "x", "scope": "write", "days": "365"})
    assert too_long.status_code == 400
    assert "有效期应为 1 至 90 天" in too_long.content.decode()
    client.post(reverse("tokens:revoke", args=[row.pk]))
    assert not ApiToken.objects.filter(pk=row.pk).exists()
    kinds = set(AuthEvent.objects.values_list("kind", flat=True))
    assert {"token_created", "token_revoked"} <= kinds


def test_compute_in_the_api_needs_the_editors_permission(world):
    _, token = ApiToken.issue(user=world.reviewer, name="测试")
    answer = Client().post(
        f"/api/evaluations/{world.unit_form.pk}/compute",
        json.dumps({"data": world.unit_form.data}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 403
