"""Single sign-on against real providers in their own processes (tests/security/sso_providers):
OpenID Connect through mozilla-django-oidc and CAS through django-cas-ng. Each is off by
default; on, a person is placed in an organisation and role by claim or attribute, and a person
the claims do not place gets the "请联系管理员分配单位和角色" page and no account."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from jixiao.web.accounts.models import AuthEvent
from jixiao.web.organisations.models import Membership
from tests.security import sso_providers

REPO = Path(__file__).parents[2]
UNMAPPED = "请联系管理员分配单位和角色"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def provider(world):
    """Start a provider of the kind asked for (``provider("oidc")``) and stop it afterwards."""
    started: list[subprocess.Popen[bytes]] = []
    users = {
        "zhang.san": {"organisation": world.unit.name, "role": "单位填报人", "name": "张三"},
        "li.si": {"organisation": world.department.name, "role": "department_reviewer"},
        "wang.wu": {"organisation": "不存在的单位", "role": "单位填报人"},
        "zhao.liu": {"organisation": world.unit.name, "role": "局长"},
    }

    def start(kind: str) -> str:
        port = _free_port()
        env = {**os.environ, "SSO_USERS": json.dumps(users, ensure_ascii=False)}
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.security.sso_providers", kind, str(port)],
            cwd=REPO,
            env=env,
        )
        started.append(process)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return f"http://127.0.0.1:{port}/"
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the {kind} provider did not start")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def _redirect_of(url: str) -> str:
    """Ask the provider (it answers with a redirect) without following it."""

    class NoFollow(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoFollow)
    try:
        opener.open(url)
    except urllib.error.HTTPError as answer:
        assert answer.code == 302, answer.code
        return answer.headers["Location"]
    raise AssertionError("the provider did not redirect")


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


@pytest.fixture
def oidc(provider, settings):
    base = provider("oidc")
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = sso_providers.CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = sso_providers.CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = base + "authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = base + "token"
    settings.OIDC_OP_USER_ENDPOINT = base + "userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "jixiao.web.accounts.sso.OIDCBackend",
    ]
    return base


def _oidc_login(client: Client, username: str):
    start = client.get("/account/oidc/")
    assert start.status_code == 302
    back = _redirect_of(start["Location"] + f"&login_hint={username}")
    return client.get(_local(back))


def test_sso_is_off_by_default(db):
    assert Client().get("/account/oidc/").status_code == 404
    assert Client().get("/account/cas/login/").status_code == 404
    assert "统一身份认证" not in Client().get("/login/").content.decode()


def test_an_oidc_user_is_placed_by_claims_and_logged_in(world, oidc):
    client = Client()
    assert "统一身份认证登录" in client.get("/login/").content.decode()
    done = _oidc_login(client, "zhang.san")
    assert done.status_code == 302 and done["Location"] == "/"
    user = User.objects.get(username="zhang.san")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert Membership.objects.filter(user=user, organisation=world.unit, role="filler").exists()
    assert client.get("/").status_code == 200
    # Claims may give the role by its code too.
    _oidc_login(Client(), "li.si")
    reviewer = User.objects.get(username="li.si")
    assert reviewer.memberships.get().role == "department_reviewer"


@pytest.mark.parametrize("username", ["wang.wu", "zhao.liu"])
def test_an_oidc_user_the_claims_do_not_place_gets_no_account(world, oidc, username):
    client = Client()
    done = _oidc_login(client, username)
    page = client.get(done["Location"])
    assert page.status_code == 403
    assert UNMAPPED in page.content.decode()
    assert not User.objects.filter(username=username).exists()
    assert "_auth_user_id" not in client.session
    assert AuthEvent.objects.filter(kind="sso_unmapped", username=username).exists()


@pytest.fixture
def cas(provider, settings):
    base = provider("cas")
    settings.CAS_ENABLED = True
    settings.CAS_SERVER_URL = base
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "jixiao.web.accounts.sso.CASLoginBackend",
    ]
    return base


def _cas_login(client: Client, username: str):
    start = client.get("/account/cas/login/")
    assert start.status_code == 302
    back = _redirect_of(start["Location"] + f"&user={username}")
    return client.get(_local(back))


def test_a_cas_user_is_placed_by_attributes_and_logged_in(world, cas):
    client = Client()
    done = _cas_login(client, "zhang.san")
    assert done.status_code == 302
    user = User.objects.get(username="zhang.san")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert Membership.objects.filter(user=user, organisation=world.unit, role="filler").exists()


def test_a_cas_user_the_attributes_do_not_place_gets_no_account(world, cas):
    client = Client()
    done = _cas_login(client, "wang.wu")
    page = client.get(done["Location"]) if done.status_code == 302 else done
    assert UNMAPPED in page.content.decode()
    assert not User.objects.filter(username="wang.wu").exists()
    assert "_auth_user_id" not in client.session
