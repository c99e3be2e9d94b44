"""The scripted sweep: every route of the application, as every persona, with the objects of
an organisation outside that persona's reach, by GET and POST, with and without a CSRF token.

It fails on any server error, on any page that shows the outside organisation's data, and on
any POST that changes stored data it should not. The API has its own contract test
(schemathesis, tests/web/security); the Django admin checks its own permissions.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from jixiao.core.monitoring.models import ExecutionKind
from jixiao.web.evaluations import demo
from jixiao.web.monitoring.models import MonitoringUpload
from jixiao.web.monitoring.services import monitoring_create
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.services import targets_create
from tests.web.conftest import make_form

OUTSIDE = "外部门所属单位甲"
# Health reports answer 503 on purpose while no task worker is running.
_HEALTH = ("healthz", "readyz")
# Stored data a refused request must leave alone (logs and sessions change on purpose).
_IGNORED = {
    "accounts",
    "axes",
    "sessions",
    "admin",
    "contenttypes",
    "auth",
    "django_tasks",
    "django_tasks_database",
    # Derived, rebuilt on read and never a person's data: dashboards kept for speed, open-data
    # files and the jobs that write them.
    "jobs",
}
_DERIVED = {"dashboards.DashboardSnapshot", "dashboards.SubtreePart", "portal.OpenDataFile"}


def routes() -> list[tuple[str, list[str]]]:
    """Every URL pattern outside the admin and the API: (pattern, parameter names)."""
    found: list[tuple[str, list[str]]] = []

    def walk(resolver: URLResolver, prefix: str) -> None:
        for item in resolver.url_patterns:
            text = prefix + str(item.pattern)
            if isinstance(item, URLResolver):
                if not text.startswith(("admin/", "api/")):
                    walk(item, text)
            elif isinstance(item, URLPattern):
                found.append((text, re.findall(r"<(?:\w+:)?(\w+)>", text)))

    walk(get_resolver(), "")
    return found


@pytest.fixture
def outside(world) -> dict[str, Any]:
    """A department and unit that only the finance bureau and observers reach."""
    department = Organisation.objects.create(
        name="外部门", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
    )
    unit = Organisation.objects.create(name=OUTSIDE, kind=Organisation.Kind.UNIT, parent=department)
    form = demo.centre_form(2022).model_copy(update={"department": OUTSIDE})
    evaluation = make_form(unit, form)
    record = monitoring_create(
        organisation=unit, year=2022, kind=ExecutionKind.UNIT, name="", user=None
    )
    target_set = targets_create(organisation=unit, year=2023, user=None)
    upload = MonitoringUpload.objects.create(
        organisation=unit, year=2022, filename="外部.csv", content=b"x", uploaded_by=None
    )
    return {
        "department": department,
        "unit": unit,
        "evaluations": evaluation.pk,
        "targets": target_set.pk,
        "monitoring": record.pk,
        "upload": upload.pk,
    }


def url_for(pattern: str, names: list[str], objects: dict[str, Any]) -> str:
    values = {
        "org": objects["department"].pk,
        "year": 2022,
        "fmt": "pdf",
        "step": "submit",
        "chart": "budget",
        "uuid": uuid.uuid4(),
    }
    section = pattern.split("/", 1)[0]
    pk = {
        "evaluations": objects["evaluations"],
        "public": objects["evaluations"],
        "targets": objects["targets"],
        "monitoring": objects["upload"] if "import/" in pattern else objects["monitoring"],
    }.get(section, 1)
    url = pattern
    for name in names:
        value = pk if name == "pk" else values.get(name, 1)
        if name == "pk" and section == "jobs":
            value = uuid.uuid4()
        url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url, count=1)
    return "/" + url


def fingerprint() -> dict[str, list[Any]]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label not in _IGNORED
        and model._meta.label not in _DERIVED
        and not model._meta.label.endswith("Preview")
    }


def text_of(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")


def client(user, csrf: bool) -> Client:
    made = Client(enforce_csrf_checks=csrf)
    if user is not None:
        made.force_login(user)
    return made


# Personas reaching none of the outside organisation (None: an anonymous visitor).
BLIND = ["anonymous", "outsider", "unit_user", "other_unit_user", "reviewer"]


def persona(world, name):
    return None if name == "anonymous" else getattr(world, name)


@pytest.mark.slow
@pytest.mark.parametrize("name", BLIND)
def test_no_persona_reaches_an_organisation_outside_its_reach(world, outside, name):
    user = persona(world, name)
    before = fingerprint()
    problems = []
    for pattern, names in routes():
        if pattern in ("logout/", "account/session/keep-alive/") or pattern in _HEALTH:
            continue  # ending or refreshing one's own session is allowed to everyone
        url = url_for(pattern, names, outside)
        got = client(user, csrf=False).get(url)
        body = text_of(got) if got.status_code == 200 else ""
        if got.status_code >= 500:
            problems.append(f"GET {url}: {got.status_code}")
        elif OUTSIDE in body:
            problems.append(f"GET {url}: shows {OUTSIDE}")
        posted = client(user, csrf=False).post(url, {"comment": "x", "explanation": "x"})
        if posted.status_code >= 500:
            problems.append(f"POST {url}: {posted.status_code}")
        unsafe = client(user, csrf=True).post(url, {})
        if unsafe.status_code not in (403, 405):
            problems.append(f"POST {url} without CSRF token: {unsafe.status_code}")
    assert fingerprint() == before, "a refused request changed stored data"
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["observer", "finance"])
def test_wide_personas_get_no_server_error_and_need_csrf(world, outside, name):
    """Observers and the bureau reach everything: their requests may succeed, but never with a
    server error, never a write by an observer, and never a POST without a CSRF token."""
    user = persona(world, name)
    missing = {**outside, "evaluations": 999999, "targets": 999999, "monitoring": 999999}
    problems = []
    before = fingerprint()
    for pattern, names in routes():
        if pattern in ("logout/", "account/session/keep-alive/") or pattern in _HEALTH:
            continue
        for objects in (outside, missing):
            url = url_for(pattern, names, objects)
            got = client(user, csrf=False).get(url)
            if got.status_code >= 500:
                problems.append(f"GET {url}: {got.status_code}")
            unsafe = client(user, csrf=True).post(url, {})
            if unsafe.status_code not in (403, 405):
                problems.append(f"POST {url} without CSRF token: {unsafe.status_code}")
            if name == "observer":
                posted = client(user, csrf=False).post(url, {"comment": "x"})
                if posted.status_code >= 500:
                    problems.append(f"POST {url}: {posted.status_code}")
    if name == "observer":
        assert fingerprint() == before, "an observer's request changed stored data"
    assert not problems, "\n".join(problems)
