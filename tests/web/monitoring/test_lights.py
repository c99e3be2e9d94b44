"""Each monitoring record keeps the light the core judged at its last save, and is judged again
when its rule set may change: a form of its organisation (or an ancestor) saved or deleted, the
organisation moved, or every record at once (the migration's backfill, a changed rule set
file)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.monitoring import Light, early_warnings, light_of
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.rulesets import load_ruleset
from jixiao.web.evaluations import demo as evaluations_demo
from jixiao.web.evaluations.analysis import complete, rules_named
from jixiao.web.evaluations.services import evaluation_create
from jixiao.web.monitoring import lights
from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.lights import lights_refresh_all
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.monitoring.selectors import form_of
from jixiao.web.monitoring.services import monitoring_create, monitoring_save
from jixiao.web.organisations.models import Organisation


@pytest.fixture
def strict_rules(settings, tmp_path) -> str:
    """A region that warns at a 3-point lag: the December spender, 4 points behind in March
    (21% spent against 25% of the year), is yellow there and green under the national rules."""
    national = load_ruleset("national")
    strict = national.model_copy(
        update={
            "id": "strict-lag",
            "name": "监控从严的地区规则",
            "monitoring": national.monitoring.model_copy(update={"lag_points": Decimal("3")}),
        }
    )
    (tmp_path / "strict-lag.json").write_text(strict.model_dump_json(), encoding="utf-8")
    settings.JIXIAO_RULESETS_DIR = str(tmp_path)
    return "strict-lag"


def _march(organisation: Organisation, department: str = "") -> MonitoringRecord:
    return monitoring_create(
        organisation=organisation,
        year=2023,
        kind=ExecutionKind.UNIT,
        name="",
        user=None,
        form=december_spender(organisation.name, department, month=3),
    )


def _stored(record: MonitoringRecord) -> str:
    return MonitoringRecord.objects.values_list("light", flat=True).get(pk=record.pk)


def _strict_form(organisation: Organisation, ruleset: str, year: int = 2023):
    form = complete(evaluations_demo.centre_form(year), rules_named(ruleset, "department_overall"))
    return evaluation_create(organisation=organisation, form=form, user=None, ruleset_id=ruleset)


def test_a_new_record_keeps_the_light_the_core_judges(world, unit_record):
    expected = light_of(early_warnings(form_of(unit_record), rules=load_ruleset("national")))
    assert expected is Light.YELLOW  # July: 15.33 points behind time
    assert _stored(unit_record) == Light.YELLOW.value


def test_a_saved_month_is_judged_again(world, unit_record):
    august = december_spender(world.unit.name, world.department.name, month=8)
    monitoring_save(
        record=unit_record, form=august, expected_version=unit_record.version, user=world.unit_user
    )
    assert _stored(unit_record) == Light.RED.value  # 22.67 points behind: over twice the line
    earlier = december_spender(world.unit.name, world.department.name, month=3)
    record = MonitoringRecord.objects.get(pk=unit_record.pk)
    monitoring_save(
        record=record, form=earlier, expected_version=record.version, user=world.unit_user
    )
    assert _stored(unit_record) == Light.GREEN.value


def test_a_form_naming_another_rule_set_judges_the_units_records_again(world, strict_rules):
    record = _march(world.unit)
    assert _stored(record) == Light.GREEN.value
    strict = _strict_form(world.unit, strict_rules)
    assert _stored(record) == Light.YELLOW.value
    strict.delete()  # the unit's 2022 form names the national rules again
    assert _stored(record) == Light.GREEN.value


def test_a_department_form_judges_the_records_below_it_of_that_year_and_later(world, strict_rules):
    newcomer = Organisation.objects.create(
        name="新设单位", kind=Organisation.Kind.UNIT, parent=world.department
    )
    record = _march(newcomer)
    _strict_form(world.department, strict_rules, year=2024)
    assert _stored(record) == Light.GREEN.value  # a 2024 form does not judge 2023
    _strict_form(world.department, strict_rules, year=2023)
    assert _stored(record) == Light.YELLOW.value


def test_a_moved_unit_takes_the_rule_set_of_its_new_department(world, strict_rules):
    strict_department = Organisation.objects.create(
        name="从严主管部门", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
    )
    _strict_form(strict_department, strict_rules)
    newcomer = Organisation.objects.create(
        name="新设单位", kind=Organisation.Kind.UNIT, parent=world.department
    )
    record = _march(newcomer)
    assert _stored(record) == Light.GREEN.value
    newcomer.parent = strict_department
    newcomer.save()
    assert _stored(record) == Light.YELLOW.value


def test_a_renamed_organisation_keeps_its_records_lights_unjudged(world, unit_record, monkeypatch):
    judged: list[object] = []
    monkeypatch.setattr(lights, "lights_refresh", lambda records, *a, **k: judged.append(records))
    world.bureau.name = "改名后的财政局"
    world.bureau.save()
    assert judged == [], "a rename moves nothing: no record is judged again"
    world.unit.parent = world.bureau
    world.unit.save()
    assert len(judged) == 1, "a move judges the moved subtree's records again"


def test_every_record_is_judged_again_at_once(world, unit_record):
    """The migration's backfill and ``manage.py monitoring_lights``: a record stored without a
    light (loaded in bulk) gets the one a save would have given it."""
    MonitoringRecord.objects.filter(pk=unit_record.pk).update(light="")
    assert lights_refresh_all() == 1
    assert _stored(unit_record) == Light.YELLOW.value
    assert lights_refresh_all() == 0  # nothing changed: nothing written


def test_the_command_judges_every_record_again(world, unit_record):
    from io import StringIO

    from django.core.management import call_command

    MonitoringRecord.objects.filter(pk=unit_record.pk).update(light="")
    out = StringIO()
    call_command("monitoring_lights", stdout=out)
    assert "1 张监控表" in out.getvalue()
    assert _stored(unit_record) == Light.YELLOW.value
