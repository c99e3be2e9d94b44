"""Cross-year linking: renamed items are suggested by similarity, confirmed by a person, and the
indicator trend follows the confirmed link."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations import demo
from jixiao.web.linking import services
from jixiao.web.linking.selectors import indicator_trend, suggestions_for
from tests.web.conftest import make_form


def _renamed_2023(world):
    """The centre's 2023 form, where one indicator was reworded and its value rose."""
    form = demo.centre_form(2023)
    task = form.tasks[0]
    task.indicators[0] = task.indicators[0].model_copy(
        update={"name": "矛盾纠纷调处化解成功率", "actual": "99.1%"}
    )
    return make_form(world.unit, form)


@pytest.fixture
def years(world):
    make_form(world.unit, demo.centre_form(2021))
    _renamed_2023(world)


def test_a_reworded_indicator_is_suggested_with_its_similarity(world, years):
    suggestions = [s for s in suggestions_for(world.unit) if s.kind == "indicator"]
    assert [(s.earlier_year, s.earlier_name, s.later_year, s.later_name) for s in suggestions] == [
        (2022, "矛盾纠纷调处成功率", 2023, "矛盾纠纷调处化解成功率")
    ]
    assert 50 <= suggestions[0].similarity < 100


def test_the_trend_stops_at_a_renaming_until_the_link_is_confirmed(world, years):
    before = indicator_trend(world.unit, "矛盾纠纷调处化解成功率", 2023)
    assert [p.year for p in before] == [2023]
    services.link_confirm(
        organisation=world.unit,
        user=world.unit_user,
        kind="indicator",
        earlier_year=2022,
        earlier_name="矛盾纠纷调处成功率",
        later_year=2023,
        later_name="矛盾纠纷调处化解成功率",
    )
    after = indicator_trend(world.unit, "矛盾纠纷调处化解成功率", 2023)
    assert [(p.year, p.number) for p in after] == [
        (2021, Decimal("98.6")),
        (2022, Decimal("98.6")),
        (2023, Decimal("99.1")),
    ]
    assert not [s for s in suggestions_for(world.unit) if s.kind == "indicator"]


def test_a_link_to_a_name_the_year_does_not_have_is_refused(world, years):
    with pytest.raises(WorkflowError, match="没有"):
        services.link_confirm(
            organisation=world.unit,
            user=world.unit_user,
            kind="indicator",
            earlier_year=2022,
            earlier_name="不存在的指标",
            later_year=2023,
            later_name="矛盾纠纷调处化解成功率",
        )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("unit_user", 200),
        ("reviewer", 200),
        ("finance", 200),
        ("other_unit_user", 404),
        ("outsider", 404),
    ],
)
def test_linking_pages_follow_the_subtree_reach(world, years, client_for, persona, status):
    client = client_for(getattr(world, persona))
    assert client.get(f"/linking/{world.unit.pk}/").status_code == status
    trend = client.get(
        f"/linking/{world.unit.pk}/indicator/", {"year": 2023, "name": "矛盾纠纷调处化解成功率"}
    )
    assert trend.status_code == status


def test_another_unit_cannot_confirm_a_link(world, years, client_for):
    response = client_for(world.other_unit_user).post(
        f"/linking/{world.unit.pk}/confirm/",
        {
            "kind": "indicator",
            "earlier_year": 2022,
            "earlier_name": "矛盾纠纷调处成功率",
            "later_year": 2023,
            "later_name": "矛盾纠纷调处化解成功率",
        },
    )
    assert response.status_code == 404


def test_a_person_confirms_a_suggestion_in_the_page_and_sees_the_trend(world, years, client_for):
    client = client_for(world.unit_user)
    page = client.get(f"/linking/{world.unit.pk}/").content.decode()
    assert "矛盾纠纷调处化解成功率" in page and "确认关联" in page
    client.post(
        f"/linking/{world.unit.pk}/confirm/",
        {
            "kind": "indicator",
            "earlier_year": "2022",
            "earlier_name": "矛盾纠纷调处成功率",
            "later_year": "2023",
            "later_name": "矛盾纠纷调处化解成功率",
        },
    )
    page = client.get(
        f"/linking/{world.unit.pk}/indicator/", {"year": 2023, "name": "矛盾纠纷调处化解成功率"}
    ).content.decode()
    assert "已按确认的关联连续显示" in page
    assert "<td>2021</td>" in page
