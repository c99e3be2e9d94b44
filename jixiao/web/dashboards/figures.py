"""Keep the dashboards' snapshots in step with the stored forms.

The figures charts read are the season's one table of stored figures
(:class:`~jixiao.web.season.models.FormFacts`, filled by :mod:`jixiao.web.season.figures` from
the core's :func:`jixiao.core.season.stored_figures`: amounts in 万元, scores by the form's own
rule set), so a chart shows what the form itself and the lists show. Here only the snapshots'
invalidation is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F

from jixiao.web.dashboards.models import DashboardSnapshot, SubtreeChange, SubtreePart
from jixiao.web.evaluations.models import Evaluation, ReviewRound
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.season.figures import facts_rebuild
from jixiao.web.season.models import FormFacts


def subtree_changed(paths: Iterable[str], counter: str = "generation") -> None:
    """Count a change in every subtree holding an organisation of ``paths`` (materialised
    paths), once the change commits: their dashboard snapshots are then out of date (``counter``
    ``"monitoring"``: only their 运行监控预警 tile)."""
    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}

    def count() -> None:
        SubtreeChange.objects.bulk_create(
            [SubtreeChange(organisation_id=pk) for pk in ids], ignore_conflicts=True
        )
        SubtreeChange.objects.filter(pk__in=ids).update(**{counter: F(counter) + 1})

    if ids:
        transaction.on_commit(count)


def every_subtree_changed(**kwargs: Any) -> None:
    """After a bulk load, a rebuild or a change of the organisation tree: every snapshot and
    every kept part of a roll-up goes."""

    def forget() -> None:
        SubtreeChange.objects.update(generation=F("generation") + 1)
        DashboardSnapshot.objects.all().delete()
        SubtreePart.objects.all().delete()

    transaction.on_commit(forget)


def on_evaluation_saved(sender: object, instance: Evaluation, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    subtree_changed([instance.organisation.path])


def on_evaluation_deleted(sender: object, instance: Evaluation, **kwargs: Any) -> None:
    subtree_changed([instance.organisation.path])


def on_monitoring_changed(sender: object, instance: MonitoringRecord, **kwargs: Any) -> None:
    """A monitoring record counts in the dashboards' 运行监控预警 tile, kept with the charts."""
    if kwargs.get("raw"):
        return
    subtree_changed([instance.organisation.path], counter="monitoring")


def on_lights_changed(sender: object, paths: Iterable[str], **kwargs: Any) -> None:
    """Stored monitoring lights judged again (their rule set changed): the tile counts them."""
    subtree_changed(paths, counter="monitoring")


def on_organisation_changed(sender: object, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        every_subtree_changed()


def figures_rebuild(batch_size: int = 500) -> int:
    """Recompute every form's figures (after a bulk load or a change of the reading)."""
    count = facts_rebuild(Evaluation, ReviewRound, FormFacts, batch_size)
    every_subtree_changed()
    return count
