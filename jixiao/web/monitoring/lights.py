"""Each monitoring record's traffic light, kept on its row: the core's light of the record's
warnings (:func:`jixiao.core.monitoring.early_warnings`, :func:`~jixiao.core.monitoring.light_of`)
under the rule set the record is judged by, computed when the record is saved and again when
anything it depends on changes, so that a dashboard counts stored lights instead of judging
thousands of records on every read.

A light depends on the record's form (every save goes through
:mod:`jixiao.web.monitoring.services`) and on its rule set, which is the one its
organisation's (or the closest ancestor's) self-evaluation forms were created with
(:func:`jixiao.web.targets.selectors.rules_by_organisation`): a created or deleted form, or a
moved organisation, refreshes the lights of the records it may judge (:func:`on_form_changed`,
:func:`on_organisation_changed`). After a rule set's data file changes, ``manage.py
monitoring_lights`` judges every record again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.dispatch import Signal

from jixiao.core.monitoring import Light, early_warnings, light_of
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.rulesets import RuleSet
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.monitoring.selectors import FORM_TYPE_OF_KIND, form_of, rules_of_records

#: Sent with ``paths`` (the organisations' materialised paths) after stored lights changed
#: other than by saving their record: whatever counts lights (the dashboards' tile) is stale.
lights_changed = Signal()

KIND_OF_FORM_TYPE = {form_type: kind for kind, form_type in FORM_TYPE_OF_KIND.items()}


def light_judged(record: Any, rules: RuleSet) -> Light:
    """The core's light of ``record`` (a monitoring record row) under ``rules``."""
    return light_of(early_warnings(form_of(record), rules=rules))


def light_set(record: MonitoringRecord) -> None:
    """Judge ``record`` as it is about to be saved (its rule set read from the database)."""
    rules = rules_of_records([record])[record.pk]
    record.light = light_judged(record, rules).value


def lights_refresh(records: Iterable[Any], model: Any = MonitoringRecord, batch: int = 500) -> int:
    """Judge ``records`` (with their organisation) again and store the lights that changed
    (``model``: the record model, a migration's historical one included); returns how many
    changed and tells :data:`lights_changed` which organisations they belong to."""
    records = list(records)
    rules = rules_of_records(records)
    changed = []
    for record in records:
        light = light_judged(record, rules[record.pk]).value
        if record.light != light:
            record.light = light
            changed.append(record)
    model.objects.bulk_update(changed, ["light"], batch_size=batch)
    if changed and model is MonitoringRecord:
        lights_changed.send(sender=model, paths={r.organisation.path for r in changed})
    return len(changed)


def lights_refresh_all(model: Any = MonitoringRecord, batch: int = 500) -> int:
    """Judge every stored record again (a migration's backfill, a changed rule set file)."""
    records = model.objects.select_related("organisation").order_by("pk")
    changed = 0
    chunk: list[Any] = []
    for record in records.iterator(chunk_size=batch):
        chunk.append(record)
        if len(chunk) >= batch:
            changed += lights_refresh(chunk, model, batch)
            chunk = []
    return changed + lights_refresh(chunk, model, batch)


def _records_under(path: str) -> Any:
    return MonitoringRecord.objects.filter(organisation__path__startswith=path).select_related(
        "organisation"
    )


def on_form_changed(sender: object, instance: Any, **kwargs: Any) -> None:
    """A self-evaluation form created or deleted may change the rule set of the records of its
    kind in its organisation's subtree, for its year and later (a form keeps the rule set, the
    year and the type it was created with: saving it again changes no record's rule set)."""
    kind = KIND_OF_FORM_TYPE.get(instance.form_type)
    saved_again = kwargs.get("created") is False
    if kwargs.get("raw") or kind is None or saved_again:
        return
    lights_refresh(
        _records_under(instance.organisation.path).filter(
            kind=ExecutionKind(kind).value, year__gte=instance.year
        )
    )


def on_organisation_changed(sender: object, instance: Any, **kwargs: Any) -> None:
    """A moved organisation may take the rule set of its new ancestors (a new one has no
    records yet; a renamed one keeps its rule set)."""
    if kwargs.get("raw") or kwargs.get("created") or not instance.moved:
        return
    lights_refresh(_records_under(instance.path))
