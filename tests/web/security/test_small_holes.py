"""The smaller holes found in review: a refused step redirects after the POST and keeps what
was typed; a POST-only address opened in the browser gets a page; a missing role is said as
such; the public schema page speaks Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.organisations.models import FiscalYear

CLOSED = "2022年度已停止填报"


@pytest.fixture
def closed(world):
    FiscalYear.objects.update_or_create(year=2022, defaults={"is_open": False})
    return world


def test_a_refused_step_redirects_and_keeps_what_was_typed(closed, client_for):
    client = client_for(closed.unit_user)
    url = reverse("evaluations:transition", args=[closed.unit_form.pk, "submit"])
    refused = client.post(url, {"explanation": "下月补充佐证材料"})
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("evaluations:detail", args=[closed.unit_form.pk]))
    page = client.get(refused["Location"]).content.decode()
    assert CLOSED in page and "下月补充佐证材料" in page
    # Shown once: a reload shows the plain page again.
    assert CLOSED not in client.get(refused["Location"]).content.decode()


def test_opening_a_post_only_address_gives_a_chinese_page(world, client_for):
    url = reverse("evaluations:transition", args=[world.unit_form.pk, "submit"])
    response = client_for(world.unit_user).get(url)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "不能直接打开此地址" in response.content.decode()


def test_the_public_schema_page_shows_no_english_docstrings(client_for, db):
    page = client_for(None).get("/public/schema/").content.decode()
    assert "The whole 部门整体支出绩效自评表" not in page
    assert "how actual is compared with target" not in page
    assert "部门名称" in page and "JSON 数据格式" in page
