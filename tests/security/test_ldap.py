"""Sign-on against a real LDAP directory: Debian's slapd, started by the test on 127.0.0.1 with
its own configuration in a temporary folder, and stopped afterwards. A directory user is placed
by the same mapping as OIDC and CAS (organisation attribute; role attribute or group); one the
directory does not place gets the "请联系管理员分配单位和角色" page and no account; a wrong
password is a failed login that django-axes counts."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from jixiao.web.accounts.models import AuthEvent
from jixiao.web.organisations.models import Membership
from tests.security import ldap_server
from tests.security.ldap_server import Person

pytest.importorskip("django_auth_ldap", reason="the ldap extra is not installed")
pytest.importorskip("ldap", reason="python-ldap (the ldap extra) is not installed")
pytestmark = pytest.mark.skipif(not ldap_server.available(), reason="slapd is not installed")

UNMAPPED = "请联系管理员分配单位和角色"
ZHANG_PASSWORD = "Zhang-San-2026!"


@pytest.fixture
def directory(world, tmp_path):
    server = ldap_server.start(
        tmp_path / "slapd",
        [
            Person("zhang.san", ZHANG_PASSWORD, "张三", world.unit.name, "单位填报人"),
            # The role by group: li.si's entry names no role, the group department_reviewer does.
            Person("li.si", "Li-Si-2026!", "李四", world.department.name, None,
                   ("department_reviewer",)),
            Person("wang.wu", "Wang-Wu-2026!", "王五", "不存在的单位", "单位填报人"),
            Person("zhao.liu", "Zhao-Liu-2026!", "赵六", world.unit.name, "局长"),
        ],
    )  # fmt: skip
    yield server
    server.stop()


@pytest.fixture
def ldap_on(directory, settings):
    settings.LDAP_ENABLED = True
    settings.AUTH_LDAP_SERVER_URI = directory.url
    settings.AUTH_LDAP_USER_DN_TEMPLATE = f"uid=%(user)s,{ldap_server.PEOPLE}"
    import ldap
    from django_auth_ldap.config import GroupOfNamesType, LDAPSearch

    settings.AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
        ldap_server.GROUPS, ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)"
    )
    settings.AUTH_LDAP_GROUP_TYPE = GroupOfNamesType()
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "jixiao.web.accounts.sso_ldap.LDAPLoginBackend",
    ]
    cache.clear()
    yield directory
    cache.clear()


def _login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_a_directory_user_is_placed_by_attributes_and_logged_in(world, ldap_on):
    client = Client()
    assert "LDAP" in client.get("/login/").content.decode()
    done = _login(client, "zhang.san", ZHANG_PASSWORD)
    assert done.status_code == 302
    user = User.objects.get(username="zhang.san")
    assert user.first_name == "张三"
    assert not user.has_usable_password()  # the directory keeps the password, not jixiao
    assert int(client.session["_auth_user_id"]) == user.pk
    assert list(user.memberships.values_list("organisation", "role")) == [(world.unit.pk, "filler")]
    assert client.get("/").status_code == 200
    assert AuthEvent.objects.filter(kind="login", username="zhang.san").exists()


def test_a_directory_group_gives_the_role(world, ldap_on):
    assert _login(Client(), "li.si", "Li-Si-2026!").status_code == 302
    reviewer = User.objects.get(username="li.si")
    assert Membership.objects.filter(
        user=reviewer, organisation=world.department, role="department_reviewer"
    ).exists()


@pytest.mark.parametrize("username", ["wang.wu", "zhao.liu"])
def test_a_directory_user_not_placed_gets_no_account(world, ldap_on, username):
    client = Client()
    done = _login(client, username, username.replace(".", "-").title() + "-2026!")
    assert done.status_code == 302 and done["Location"] == "/account/unmapped/"
    page = client.get(done["Location"])
    assert page.status_code == 403 and UNMAPPED in page.content.decode()
    assert not User.objects.filter(username=username).exists()
    assert "_auth_user_id" not in client.session
    assert AuthEvent.objects.filter(kind="sso_unmapped", username=username).exists()


def test_a_wrong_directory_password_is_a_failed_login_axes_counts(world, ldap_on, settings):
    client = Client()
    response = _login(client, "zhang.san", "not-the-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(username="zhang.san").exists()
    attempt = AccessAttempt.objects.get(username="zhang.san")
    assert attempt.failures_since_start == 1
    assert AuthEvent.objects.filter(kind="login_failed", username="zhang.san").exists()
    # The limit holds for directory users too: even the right password is then refused.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "zhang.san", "not-the-password")
    assert _login(client, "zhang.san", ZHANG_PASSWORD).status_code == 429
    assert not User.objects.filter(username="zhang.san").exists()


def test_ldap_is_off_by_default(world, directory):
    # The directory is running, but without the settings nobody signs in through it.
    client = Client()
    assert "LDAP" not in client.get("/login/").content.decode()
    assert _login(client, "zhang.san", ZHANG_PASSWORD).status_code == 200
    assert not User.objects.filter(username="zhang.san").exists()
