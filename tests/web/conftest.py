"""Django test set-up and the named personas every web test speaks of.

The settings module is chosen here, not in pyproject, so that the core tests run without Django.

Personas, in the demo hierarchy 财政局 → 主管部门 → two units:
``unit_user`` (填报人 + 负责人 of the unit), ``unit_filler`` (填报人 only), ``other_unit_user``
(负责人 of the sibling unit), ``reviewer`` (主管部门审核人), ``finance`` (财政局管理员),
``observer`` (只读观察员 at the bureau) and ``outsider`` (logged in, no role anywhere).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

# pytest-django read its settings before this file was imported; set Django up now so that the
# models below can be imported (it is idempotent, pytest-django's own set-up follows).
django.setup()

import pytest  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402

from jixiao.web.evaluations import demo  # noqa: E402
from jixiao.web.evaluations.analysis import complete, rules_named  # noqa: E402
from jixiao.web.evaluations.models import Evaluation  # noqa: E402
from jixiao.web.evaluations.services import evaluation_create  # noqa: E402
from jixiao.web.organisations.models import Membership, Organisation  # noqa: E402

PASSWORD = "pw-for-tests-only"
Role = Membership.Role


@dataclass
class World:
    bureau: Organisation
    department: Organisation
    unit: Organisation
    other_unit: Organisation
    unit_user: User
    unit_filler: User
    other_unit_user: User
    reviewer: User
    finance: User
    observer: User
    outsider: User
    unit_form: Evaluation
    other_form: Evaluation

    def personas(self) -> dict[str, User]:
        return {
            "unit_user": self.unit_user,
            "other_unit_user": self.other_unit_user,
            "reviewer": self.reviewer,
            "finance": self.finance,
        }

    def refresh(self) -> None:
        self.unit_form.refresh_from_db()
        self.other_form.refresh_from_db()


def make_user(username: str, organisation: Organisation | None, *roles: str) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username)
    for role in roles:
        assert organisation is not None
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_form(organisation: Organisation, form) -> Evaluation:
    rules = rules_named(None, form.form_type)
    return evaluation_create(organisation=organisation, form=complete(form, rules), user=None)


@pytest.fixture
def world(db) -> World:
    bureau = Organisation.objects.create(name="测试财政局", kind=Organisation.Kind.FINANCE_BUREAU)
    department = Organisation.objects.create(
        name="测试主管部门", kind=Organisation.Kind.DEPARTMENT, parent=bureau
    )
    unit = Organisation.objects.create(
        name=demo.CENTRE, kind=Organisation.Kind.UNIT, parent=department
    )
    other_unit = Organisation.objects.create(
        name=demo.MIGRANTS, kind=Organisation.Kind.UNIT, parent=department
    )
    return World(
        bureau=bureau,
        department=department,
        unit=unit,
        other_unit=other_unit,
        unit_user=make_user("unit_user", unit, Role.FILLER, Role.UNIT_HEAD),
        unit_filler=make_user("unit_filler", unit, Role.FILLER),
        other_unit_user=make_user("other_unit_user", other_unit, Role.FILLER, Role.UNIT_HEAD),
        reviewer=make_user("reviewer", department, Role.DEPARTMENT_REVIEWER),
        finance=make_user("finance", bureau, Role.FINANCE_ADMIN),
        observer=make_user("observer", bureau, Role.OBSERVER),
        outsider=make_user("outsider", None),
        unit_form=make_form(unit, demo.centre_form(2022)),
        other_form=make_form(other_unit, demo.migrants_form(2022)),
    )


@pytest.fixture
def client_for(db):
    """A logged-in test client for a user; ``csrf=True`` enforces CSRF like a browser."""

    def make(user: User | None, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # The real hasher takes a quarter of a second per user on purpose; tests make many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_throttle(settings) -> None:
    # Generated tests send thousands of API requests; the throttle has its own tests.
    settings.API_RATE = "1000000/m"


@pytest.fixture(autouse=True)
def files_in_a_temporary_folder(settings, tmp_path):
    """Stored files (job results, portal PDFs, open data) go to the test's own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "files")
