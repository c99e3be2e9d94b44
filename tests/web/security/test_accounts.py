"""Accounts fit for a government network: lockout after repeated failures (login, admin login,
API tokens) with a Chinese message and an admin unlock, API throttle, passwords (own change,
admin reset forcing a change, validators, the demo password), and the authentication log."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from jixiao.web.accounts.models import AuthEvent, LoginLock, PasswordState
from jixiao.web.api.models import ApiToken
from tests.web.conftest import PASSWORD

LOCKED = "登录失败次数过多"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def login(client: Client, username: str, password: str, url: str = "/login/"):
    return client.post(url, {"username": username, "password": password})


def fail(client: Client, username: str, times: int, url: str = "/login/") -> None:
    for _ in range(times):
        response = login(client, username, "wrong-password", url)
        assert response.status_code in (200, 429)


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_five_wrong_passwords_lock_the_account_with_a_chinese_message(world, settings, url):
    if url == "/admin/login/":
        world.finance.is_staff = True
        world.finance.save()
    client = Client()
    fail(client, "finance", settings.AXES_FAILURE_LIMIT - 1, url)
    response = login(client, "finance", "wrong-password", url)
    assert response.status_code == 429
    # Even the right password is refused now, and the answer says when to retry.
    response = login(client, "finance", PASSWORD, url)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "分钟后" in page and "联系系统管理员解锁" in page
    assert "_auth_user_id" not in client.session
    kinds = list(AuthEvent.objects.values_list("kind", flat=True))
    assert kinds.count(AuthEvent.Kind.LOGIN_FAILED) >= settings.AXES_FAILURE_LIMIT
    assert AuthEvent.Kind.LOCKED_OUT in kinds


def test_one_address_trying_many_names_is_locked_out(world, settings):
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"guess{i}", "wrong-password")
    response = login(client, "unit_user", PASSWORD)
    assert response.status_code == 429
    # Another address may still log in as that user.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert login(other, "unit_user", PASSWORD).status_code == 302


def test_an_administrator_unlocks_from_the_admin(world, settings):
    fail(Client(), "unit_user", settings.AXES_FAILURE_LIMIT)
    assert LoginLock.objects.exists()
    admin = User.objects.create_superuser("admin", password="x", email="")
    staff = Client(REMOTE_ADDR="10.0.0.2")
    staff.force_login(admin)
    page = staff.get("/admin/accounts/loginlock/").content.decode()
    assert "登录失败与锁定" in page and "unit_user" in page
    staff.post(
        "/admin/accounts/loginlock/",
        {
            "action": "unlock",
            "_selected_action": list(LoginLock.objects.values_list("pk", flat=True)),
        },
    )
    assert not LoginLock.objects.exists()
    assert login(Client(), "unit_user", PASSWORD).status_code == 302
    assert AuthEvent.objects.filter(kind=AuthEvent.Kind.UNLOCKED, username="unit_user").exists()


def test_guessing_api_tokens_locks_the_address_out(world, settings):
    _, good = ApiToken.issue(user=world.unit_user, name="测试")
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        wrong = client.get("/api/evaluations", headers={"Authorization": f"Bearer jx_guess{i}"})
        assert wrong.status_code in (401, 429)
    refused = client.get("/api/evaluations", headers={"Authorization": f"Bearer {good}"})
    assert refused.status_code == 429
    assert "锁定" in refused.json()["detail"]
    elsewhere = Client(REMOTE_ADDR="10.0.0.7")
    ok = elsewhere.get("/api/evaluations", headers={"Authorization": f"Bearer {good}"})
    assert ok.status_code == 200


def test_the_api_is_throttled_per_person(world, settings):
    settings.API_RATE = "3/m"
    _, token = ApiToken.issue(user=world.unit_user, name="测试")
    headers = {"Authorization": f"Bearer {token}"}
    answers = [Client().get("/api/evaluations", headers=headers).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    last = Client().get("/api/evaluations", headers=headers)
    assert last.json()["detail"] == "请求过于频繁，请稍后再试"


# Passwords


def test_a_person_changes_their_own_password(world, client_for):
    client = client_for(world.unit_user)
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    new = "Xk7#pQ2!vL9@wz"
    done = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    world.unit_user.refresh_from_db()
    assert world.unit_user.check_password(new)
    # Still logged in after the change (the session hash was updated).
    assert client.get(reverse("evaluations:list")).status_code == 200
    assert AuthEvent.objects.filter(
        kind=AuthEvent.Kind.PASSWORD_CHANGED, user=world.unit_user
    ).exists()


@pytest.mark.parametrize(
    ("new", "says"),
    [
        ("Ab1!", "密码长度太短"),
        ("abcdefghijklmn", "至少 3 类字符"),
        ("Password1234", "太常见"),
        ("unit_user_2024!A", "相似"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(world, client_for, new, says):
    response = client_for(world.unit_user).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 400
    assert says in response.content.decode()
    world.unit_user.refresh_from_db()
    assert world.unit_user.check_password(PASSWORD)


def test_an_admin_reset_forces_a_change_at_the_next_login(world):
    admin = User.objects.create_superuser("admin", password="x", email="")
    staff = Client()
    staff.force_login(admin)
    temporary = "Tmp#2024-Reset!x"
    response = staff.post(
        f"/admin/auth/user/{world.unit_user.pk}/password/",
        {"password1": temporary, "password2": temporary, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert PasswordState.objects.get(user=world.unit_user).must_change
    client = Client()
    assert login(client, "unit_user", temporary).status_code == 302
    # Every page leads to the password change until it is done.
    response = client.get(reverse("evaluations:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "临时密码" in page
    new = "Mine#2024-Strong!"
    client.post(
        reverse("accounts:password_change"),
        {"old_password": temporary, "new_password1": new, "new_password2": new},
    )
    assert client.get(reverse("evaluations:list")).status_code == 200
    assert not PasswordState.objects.get(user=world.unit_user).must_change


def test_demo_users_must_change_the_demo_password_outside_debug(world, settings):
    world.unit_user.set_password("jixiao-demo")
    world.unit_user.save()
    settings.DEBUG = False
    client = Client()
    login(client, "unit_user", "jixiao-demo")
    response = client.get(reverse("evaluations:list"))
    assert response["Location"] == reverse("accounts:password_change")
    settings.DEBUG = True
    relaxed = Client()
    login(relaxed, "unit_user", "jixiao-demo")
    assert relaxed.get(reverse("evaluations:list")).status_code == 200


# The authentication log


def test_logins_failures_and_token_use_are_logged_and_exported_for_admins(world, client_for):
    login(Client(), "unit_user", "wrong-password")
    login(Client(), "unit_user", PASSWORD)
    _, token = ApiToken.issue(user=world.unit_user, name="决算系统")
    Client().get("/api/evaluations", headers={"Authorization": f"Bearer {token}"})
    kinds = set(AuthEvent.objects.values_list("kind", flat=True))
    assert {"login_failed", "login", "token_used"} <= kinds
    assert client_for(world.unit_user).get(reverse("accounts:audit")).status_code == 403
    admin = User.objects.create_superuser("admin", password="x", email="")
    auditor = client_for(admin)
    page = auditor.get(reverse("accounts:audit"), {"username": "unit_user"}).content.decode()
    assert "登录失败" in page and "使用接口令牌" in page
    exported = auditor.get(reverse("accounts:audit_csv")).content.decode("utf-8-sig")
    assert exported.splitlines()[0].startswith("时间,事件,用户名,来源地址")
    assert re.search(r"登录成功,unit_user,127\.0\.0\.1", exported)
