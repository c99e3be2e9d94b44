"""A Content-Security-Policy without inline scripts, in debug and in production; a short
secret key stops a production start."""

from __future__ import annotations

import re

import pytest

from tests.web.test_settings import production_env, run

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize(
    "url",
    [
        "/login/",
        "/",
        "/evaluations/{form}/",
        "/evaluations/{form}/edit/",
        "/account/tokens/",
        "/account/password/",
        "/dashboards/",
        "/public/",
        "/api/docs",
    ],
)
def test_every_page_has_a_policy_and_no_inline_script(world, client_for, url):
    response = client_for(world.unit_user).get(url.format(form=world.unit_form.pk), follow=True)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    page = response.content.decode()
    assert not _INLINE_SCRIPT.search(page), _INLINE_SCRIPT.search(page).group(0)
    assert not _HANDLER.search(page), _HANDLER.search(page).group(0)


def test_the_policy_is_sent_in_production_too(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/login/', secure=True, HTTP_HOST='jixiao.example.gov.cn');"
        "print(r.status_code, r['Content-Security-Policy'])"
    )
    env = production_env(tmp_path)
    migrated = run(["manage.py", "migrate", "-v", "0"], env)
    assert migrated.returncode == 0, migrated.stderr
    result = run(["-c", script], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("200 ")
    # django-csp does not keep the directives' order: compare them as a set.
    directives = {d.strip() for d in result.stdout[len("200 ") :].split(";")}
    assert "script-src 'self'" in directives


def test_a_short_secret_key_stops_a_production_start(tmp_path):
    env = production_env(tmp_path)
    env["JIXIAO_SECRET_KEY"] = "short-but-not-empty-0123456789"
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "JIXIAO_SECRET_KEY must be at least 50 characters" in result.stderr
