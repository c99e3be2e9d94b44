"""One access policy: the menu shows only what each persona may use, and no module but the
policy decides by naming a role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import jixiao
from jixiao.core.access import Role

pytestmark = pytest.mark.django_db

ROOT = Path(jixiao.__file__).parent
ALL = ["自评表", "待我处理", "导入", "绩效目标", "运行监控", "部门汇总", "统计分析"]


def _menu(client) -> list[str]:
    page = client.get(reverse("portal:index")).content.decode()
    start = page.find("<nav")
    nav = page[start : page.index("</nav>")] if start >= 0 else ""
    return [label for label in ALL if f">{label}<" in nav]


def test_each_persona_sees_the_links_their_roles_allow(world, client_for) -> None:
    assert _menu(client_for(world.unit_user)) == ALL
    assert _menu(client_for(world.observer)) == [x for x in ALL if x != "导入"]
    assert _menu(client_for(world.finance)) == [x for x in ALL if x != "导入"]
    assert _menu(client_for(world.outsider)) == []
    assert _menu(client_for(None)) == []


def test_a_link_left_out_of_the_menu_is_also_refused(world, client_for) -> None:
    # What the menu hides is not merely hidden: the outsider reaches no organisation.
    assert client_for(world.finance).get(reverse("evaluations:import")).status_code == 403
    client = client_for(world.outsider)
    assert client.get(reverse("dashboards:home")).status_code == 404
    assert world.unit.name not in client.get(reverse("targets:list")).content.decode()


def test_roles_are_named_only_by_the_policy_and_the_demo_personas() -> None:
    """A new role is a row set in jixiao/core/access.py (member, label, grants), the migration
    of Membership.role's choices, and, if the demo should show it, a demo persona."""
    named = re.compile(r"\bRole\.(" + "|".join(r.name for r in Role) + r")\b")
    allowed = {
        "core/access.py",
        "web/monitoring/management/commands/load_demo.py",
    }
    found = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts and named.search(path.read_text(encoding="utf-8"))
    }
    assert found <= allowed
    assert "core/access.py" in found


def _menu_links(page: str) -> list[str]:
    start = page.find('<details class="menu"')
    menu = page[start : page.index("</details>", start)] if start >= 0 else ""
    return re.findall(r'<a href="([^"]+)"', menu)


@pytest.mark.parametrize(
    "persona",
    ["unit_user", "unit_filler", "other_unit_user", "reviewer", "finance", "observer", "outsider"],
)
def test_every_link_in_a_personas_menu_opens_for_them(world, client_for, persona) -> None:
    """Nobody sees a link they cannot use: each one the menu offers opens (after any
    redirect) with 200 for that persona."""
    client = client_for(getattr(world, persona))
    links = _menu_links(client.get(reverse("portal:index")).content.decode())
    assert reverse("notifications:centre") in links  # the account links are checked too
    refused = []
    for href in links:
        response = client.get(href, follow=True)
        if response.status_code != 200:
            refused.append(f"{href} → {response.status_code}")
    assert not refused, f"{persona} sees links it cannot use: {refused}"


def test_a_clerks_menu_has_no_api_pages_but_the_token_page_leads_to_them(world, client_for):
    client = client_for(world.unit_filler)
    page = client.get(reverse("portal:index")).content.decode()
    nav = page[page.find("<nav") : page.index("</nav>")]
    assert "/api/" not in nav and "接口文档" not in nav
    assert 'href="/api/docs"' in client.get(reverse("tokens:list")).content.decode()
