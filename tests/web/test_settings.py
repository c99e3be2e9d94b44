"""Production settings: with JIXIAO_DEBUG=false, a secret key and allowed hosts, Django's
deployment check finds nothing that matters, and errors are shown on Chinese pages.

Settings are read from the environment once, at start-up, so each case runs in a fresh process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.web.env import SettingError, env_int

REPO = Path(__file__).parents[2]
# Left to the deployer, and said in the README: HSTS for every subdomain of a government
# domain, and the browsers' preload list, cannot be undone quickly.
OPT_IN = {"security.W005", "security.W021"}


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # The test run's own switches (async-unsafe for live servers, the database) stay out.
    ours = ("JIXIAO_", "DATABASE_URL", "DJANGO_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env.update(
        DJANGO_SETTINGS_MODULE="jixiao.web.settings",
        JIXIAO_DEBUG="false",
        JIXIAO_SECRET_KEY="k" * 10 + "-a-long-random-production-secret-0123456789-xyz",
        JIXIAO_ALLOWED_HOSTS="jixiao.example.gov.cn",
        JIXIAO_VAR_DIR=str(tmp_path),
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def warnings_of(result: subprocess.CompletedProcess[str]) -> set[str]:
    return set(re.findall(r"\(([a-z_]+\.[WE]\d+)\)", result.stdout + result.stderr))


def test_the_deployment_check_finds_nothing_that_matters(tmp_path):
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert warnings_of(result) <= OPT_IN, result.stderr


def test_with_the_opt_ins_set_the_deployment_check_is_silent(tmp_path):
    env = production_env(
        tmp_path, JIXIAO_HSTS_INCLUDE_SUBDOMAINS="true", JIXIAO_HSTS_PRELOAD="true"
    )
    result = run(["manage.py", "check", "--deploy"], env)
    assert result.returncode == 0 and warnings_of(result) == set(), result.stderr
    assert "no issues" in result.stdout


def test_without_https_the_check_says_what_is_missing(tmp_path):
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path, JIXIAO_HTTPS="false"))
    # Served over plain HTTP on purpose (an intranet): the check says so, it does not hide it.
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= (
        warnings_of(result)
    )


def test_a_production_start_without_a_secret_key_is_refused(tmp_path):
    env = production_env(tmp_path)
    del env["JIXIAO_SECRET_KEY"]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "JIXIAO_SECRET_KEY must be set" in result.stderr


def test_a_malformed_number_stops_the_start_with_its_name(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, JIXIAO_HSTS_SECONDS="一年"))
    assert result.returncode != 0
    assert "JIXIAO_HSTS_SECONDS must be a whole number" in result.stderr


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client, RequestFactory
from django.views.defaults import server_error
from django.test.utils import setup_test_environment
setup_test_environment()
settings.ALLOWED_HOSTS.append("testserver")
client = Client(raise_request_exception=False)
plain = client.get("/evaluations/", secure=False)
missing = client.get("/no/such/page/", secure=True)
crashed = server_error(RequestFactory().get("/", secure=True))
print(json.dumps({
    "debug": settings.DEBUG,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "redirect": [plain.status_code, plain.get("Location", "")],
    "404": [missing.status_code, missing.content.decode()],
    "500": [crashed.status_code, crashed.content.decode()],
}))
"""


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    result = run(["-c", PROBE], production_env(tmp_path_factory.mktemp("var")))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_to_https_and_sends_hsts_for_a_year(probed):
    assert probed["debug"] is False and probed["hsts"] == 31_536_000
    assert probed["redirect"] == [301, "https://testserver/evaluations/"]


def test_production_error_pages_are_in_chinese(probed):
    status, page = probed["404"]
    assert status == 404 and "返回首页" in page and "Not Found" not in page
    status, page = probed["500"]
    assert status == 500 and "系统出错" in page and "Server Error" not in page


@pytest.mark.parametrize(("raw", "expected"), [(None, 7), ("", 7), ("12", 12), (" 3 ", 3)])
def test_env_int_reads_whole_numbers_with_a_default(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("JIXIAO_TEST_INT", raising=False)
    else:
        monkeypatch.setenv("JIXIAO_TEST_INT", raw)
    assert env_int("JIXIAO_TEST_INT", 7) == expected


@pytest.mark.parametrize("raw", ["1.5", "many", "-1"])
def test_env_int_refuses_what_is_not_a_whole_number_in_range(monkeypatch, raw):
    monkeypatch.setenv("JIXIAO_TEST_INT", raw)
    with pytest.raises(SettingError, match="JIXIAO_TEST_INT"):
        env_int("JIXIAO_TEST_INT", 7)


STORAGE_PROBE = """
import django
django.setup()
from django.core.files.storage import default_storage
print(type(default_storage._wrapped if hasattr(default_storage, "_wrapped") else default_storage))
default_storage._setup()
print(type(default_storage._wrapped).__name__, default_storage._wrapped.bucket_name,
      default_storage._wrapped.endpoint_url, default_storage._wrapped.default_acl)
"""


def test_files_can_go_to_s3_compatible_storage(tmp_path):
    env = production_env(
        tmp_path,
        JIXIAO_STORAGE="s3",
        JIXIAO_S3_BUCKET="jixiao-files",
        JIXIAO_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    result = run(["-c", STORAGE_PROBE], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[1].split() == [
        "S3Storage",
        "jixiao-files",
        "http://127.0.0.1:9000",
        "private",
    ]


def test_s3_storage_without_a_bucket_is_refused(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, JIXIAO_STORAGE="s3"))
    assert result.returncode != 0 and "JIXIAO_S3_BUCKET must be set" in result.stderr


def test_ldap_on_without_its_directory_is_refused(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, JIXIAO_LDAP_ENABLED="true"))
    assert result.returncode != 0
    assert "JIXIAO_LDAP_URL" in result.stderr and "JIXIAO_LDAP_USER_DN_TEMPLATE" in result.stderr


def test_with_ldap_on_the_deployment_check_still_finds_nothing_that_matters(tmp_path):
    pytest.importorskip("django_auth_ldap", reason="the ldap extra is not installed")
    pytest.importorskip("ldap", reason="python-ldap (the ldap extra) is not installed")
    env = production_env(
        tmp_path,
        JIXIAO_LDAP_ENABLED="true",
        JIXIAO_LDAP_URL="ldaps://ldap.example.gov.cn",
        JIXIAO_LDAP_USER_DN_TEMPLATE="uid=%(user)s,ou=people,dc=example,dc=gov,dc=cn",
        JIXIAO_LDAP_GROUP_BASE="ou=groups,dc=example,dc=gov,dc=cn",
    )
    result = run(["manage.py", "check", "--deploy"], env)
    assert result.returncode == 0, result.stderr
    assert warnings_of(result) <= OPT_IN, result.stderr
    shown = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.AUTHENTICATION_BACKENDS[-1], "
            "type(settings.AUTH_LDAP_GROUP_SEARCH).__name__)",
        ],
        env,
    )
    assert shown.stdout.split() == ["jixiao.web.accounts.sso_ldap.LDAPLoginBackend", "LDAPSearch"]
