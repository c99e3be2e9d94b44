"""Every page speaks Chinese: no English word reaches a person, on our pages, Django's own
(login, error pages, the admin) or after a refused save."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import reverse

from jixiao.web.evaluations import demo
from jixiao.web.evaluations.services import evaluation_save_draft, evaluation_submit
from tests.web.conftest import make_form

# Names that are English on purpose: the product, file formats, the HTTP header to send.
ALLOWED = {"jixiao", "Excel", "XLSX", "PDF", "JSON", "Authorization", "Bearer", "curl", "api"}
ALLOWED |= {"Word", "DOCX", "DOC", "XLS", "WPS", "HTML"}
# Keys named on the admin's help text for choosing several items.
ALLOWED |= {"Control", "Command", "Mac"}
# The console command the import page points to for files over its limits.
ALLOWED |= {"import"}
# The personas' user names, shown as who is logged in.
ALLOWED |= {"reviewer", "finance", "observer", "outsider", "admin"}
# File formats the evidence panel accepts and shows, by their usual names.
ALLOWED |= {"OFD", "ZIP", "Word", "WPS", "PNG", "JPEG", "GIF", "WebP", "BMP", "TIFF", "SHA"}
_HIDDEN = re.compile(r"<(script|style|textarea)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
# A run of letters before "*" is the visible start of a masked secret (the admin shows a
# password's salt as "ebefde******"), not a word: random salts made this test fail at random.
_WORD = re.compile(r"(?<![\w./@-])[A-Za-z]{3,}(?![\w./@*-])")


def english_words(page: str) -> set[str]:
    """English words in the text a person reads (tags, scripts and typed text left out)."""
    text = html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", page)))
    return {w for w in _WORD.findall(text) if w not in ALLOWED}


def _page(client, url, method="get", data=None):
    response = getattr(client, method)(url, data or {})
    return response.status_code, response.content.decode()


def test_the_word_finder_finds_english_and_ignores_markup():
    assert english_words("<p>Not Found</p>") == {"Not", "Found"}
    assert english_words('<a href="/api/docs" class="button">下载 PDF</a>') == set()
    assert english_words("<script>var x = 'hello';</script><p>好</p>") == set()
    assert english_words("<p>盐: ebefde******</p>") == set()


PAGES = [
    ("evaluations:list", {}),
    ("evaluations:queue", {}),
    ("evaluations:new", {}),
    ("evaluations:import", {}),
    ("tokens:list", {}),
]


@pytest.mark.parametrize("name,kwargs", PAGES)
def test_the_unit_users_pages_are_in_chinese(world, client_for, name, kwargs):
    status, page = _page(client_for(world.unit_user), reverse(name, kwargs=kwargs))
    assert status == 200
    assert english_words(page) == set()


@pytest.mark.parametrize("kind", ["department", "project"])
@pytest.mark.parametrize("view", ["detail", "edit", "history"])
def test_each_forms_pages_are_in_chinese(world, client_for, kind, view):
    evaluation = (
        world.unit_form
        if kind == "department"
        else make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    )
    client = client_for(world.unit_user)
    client.post(  # a save first, so that the history has a change to show
        reverse("evaluations:edit", kwargs={"pk": evaluation.pk}),
        {"version": str(evaluation.version), "problems": "已修改"},
    )
    status, page = _page(client, reverse(f"evaluations:{view}", kwargs={"pk": evaluation.pk}))
    assert status == 200
    assert english_words(page) == set()


@pytest.mark.parametrize("persona", ["reviewer", "finance", "observer", "outsider"])
def test_other_personas_see_chinese_lists_and_queues(world, client_for, persona):
    client = client_for(getattr(world, persona))
    for name in ("evaluations:list", "evaluations:queue", "tokens:list"):
        status, page = _page(client, reverse(name))
        assert status == 200, name
        assert english_words(page) == set(), name


def test_the_login_page_and_its_error_are_in_chinese(world, client_for):
    client = client_for(None)
    status, page = _page(client, reverse("login"))
    assert status == 200 and english_words(page) == set()
    status, page = _page(client, reverse("login"), "post", {"username": "x", "password": "y"})
    assert "用户名或密码不正确" in page
    assert english_words(page) == set()


def test_a_refused_save_and_a_django_form_error_are_in_chinese(world, client_for):
    client = client_for(world.unit_user)
    status, page = _page(
        client,
        reverse("evaluations:edit", kwargs={"pk": world.unit_form.pk}),
        "post",
        {"version": "1", "funds-actual_spending": "abc"},
    )
    assert status == 400 and english_words(page) == set()
    status, page = _page(
        client, reverse("evaluations:new"), "post", {"organisation": world.unit.pk}
    )
    assert status == 400
    assert "这个字段是必填项" in page
    assert english_words(page) == set()


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    "who,url,status",
    [
        ("unit_user", "/no/such/page/", 404),
        ("unit_user", "/evaluations/999999/", 404),
        ("reviewer", "/evaluations/new/", 403),
        ("observer", "/import/", 403),
    ],
)
def test_error_pages_are_in_chinese(world, client_for, who, url, status):
    got, page = _page(client_for(getattr(world, who)), url)
    assert got == status
    assert english_words(page) == set()
    assert "返回首页" in page


@override_settings(DEBUG=False)
def test_a_refused_csrf_check_explains_itself_in_chinese(world, client_for):
    got, page = _page(client_for(world.unit_user, csrf=True), reverse("tokens:list"), "post")
    assert got == 403
    assert "页面已过期" in page
    assert english_words(page) == set()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/evaluations/evaluation/",
        "/admin/evaluations/evaluation/{form}/change/",
        "/admin/evaluations/evaluation/{form}/history/",
        "/admin/organisations/organisation/",
        "/admin/organisations/membership/add/",
        "/admin/api/apitoken/",
        "/admin/auth/user/{user}/change/",
    ],
)
def test_the_admin_pages_are_in_chinese(world, client_for, url):
    admin = User.objects.create_superuser("admin", password="x", email="")
    data = {**world.unit_form.data, "problems": "修改后的问题"}
    evaluation_save_draft(
        evaluation=world.unit_form, data=data, expected_version=1, user=world.unit_user
    )
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)  # a status change too
    url = url.format(form=world.unit_form.pk, user=world.unit_user.pk)
    status, page = _page(client_for(admin), url)
    assert status == 200
    assert english_words(page) == set()


def test_the_api_docs_page_loads_its_chinese_labels(world, client_for):
    status, page = _page(client_for(world.unit_user), "/api/docs")
    assert status == 200
    assert "jixiao/swagger-zh.js" in page
    assert "返回系统" in page
