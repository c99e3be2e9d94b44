"""Wiring: keep each form's list figures current, announce every workflow step, and judge
the forms started for a task by the task's rule set."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import Signal

from jixiao.web.evaluations.models import Evaluation

#: Sent after every form's figures were recomputed at once (what reads them, the dashboards'
#: snapshots, is then out of date).
figures_rebuilt = Signal()


def _refresh_facts(sender: type, instance: Evaluation, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures
        return
    from jixiao.web.season.services import facts_refresh

    facts_refresh(instance)


def connect() -> None:
    from jixiao.web.evaluations.services import register_ruleset_chooser, register_transition_hook
    from jixiao.web.season.services import announce_step, ruleset_for_new_form

    post_save.connect(_refresh_facts, sender=Evaluation, dispatch_uid="season_facts")
    register_transition_hook(announce_step)
    register_ruleset_chooser(ruleset_for_new_form)

    from jixiao.web.notifications.digest import register_digest_section
    from jixiao.web.season.digest import overdue_lines

    register_digest_section("season_overdue", "逾期未报的自评任务", overdue_lines)
