"""The rule set an organisation's targets and monitoring are judged by: that of its latest
self-evaluation form, else its closest ancestor's, else the form type's default — and the
quality check of the targets page follows it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.core.rulesets import load_ruleset
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.selectors import rules_by_organisation, rules_for
from tests.web.targets.conftest import form_post

pytestmark = pytest.mark.django_db


def test_an_organisation_is_judged_by_its_latest_forms_rule_set(world):
    Evaluation.objects.filter(pk=world.unit_form.pk).update(ruleset_id="national")
    assert rules_for(world.unit, 2023).id == "national"
    assert rules_for(world.unit, 2022).id == "national"
    # Before its first form, and for its sibling, the department form's default applies.
    assert rules_for(world.unit, 2021).id == "guangzhou"
    assert rules_for(world.other_unit, 2023).id == "guangzhou"
    # Project forms have their own default.
    assert rules_for(world.unit, 2023, "project").id == "national"


def test_a_new_unit_takes_the_rule_set_of_its_department(world):
    department_form = Evaluation.objects.get(pk=world.unit_form.pk)
    department_form.pk = None
    department_form.organisation = world.department
    department_form.ruleset_id = "national"
    department_form.ruleset_version = load_ruleset("national").version
    department_form.save()
    newcomer = Organisation.objects.create(
        name="新成立单位", kind=Organisation.Kind.UNIT, parent=world.department
    )
    assert rules_for(newcomer, 2023).id == "national"
    assert rules_for(world.unit, 2023).id == "guangzhou"  # its own form comes first


def test_the_rule_sets_of_many_organisations_take_one_query(world, django_assert_num_queries):
    organisations = list(Organisation.objects.all())
    with django_assert_num_queries(1):
        rules = rules_by_organisation(organisations, 2023)
    assert set(rules) == {o.pk for o in organisations}


def test_the_targets_quality_check_uses_the_organisations_rule_set(
    world, unit_targets, client_for, settings, tmp_path
):
    """Last year 11 centres; a target of 8 is 73% of it: too easy under the default rule
    (more than 20% below), acceptable where the region allows 30%."""
    lenient = load_ruleset("guangzhou").model_copy(
        update={
            "id": "lenient",
            "name": "允许目标低于上年30%的规则",
            "monitoring": load_ruleset("guangzhou").monitoring.model_copy(
                update={"target_below_last_year": Decimal("30")}
            ),
        }
    )
    # The lenient rule set is a data file in the site's rule-set directory, not a release.
    (tmp_path / "lenient.json").write_text(lenient.model_dump_json(), encoding="utf-8")
    settings.JIXIAO_RULESETS_DIR = str(tmp_path)
    client = client_for(world.unit_user)
    check = reverse("targets:check", args=[unit_targets.pk])
    names = [i["name"] for i in unit_targets.data["tasks"][0]["indicators"]]
    field = f"tasks-0-indicators-{names.index('规范化建设综治中心数量')}-value"
    post = form_post(unit_targets, **{field: "≥8个"})
    assert "indicator.too_easy" in client.post(check, post).content.decode()
    Evaluation.objects.filter(pk=world.unit_form.pk).update(ruleset_id="lenient")
    assert "indicator.too_easy" not in client.post(check, post).content.decode()
    page = client.get(reverse("targets:edit", args=[unit_targets.pk])).content.decode()
    assert "允许目标低于上年30%的规则" in page
