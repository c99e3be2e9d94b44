"""The daily digest of one person: the warnings they may see, grouped by the core's
:func:`~jixiao.core.monitoring.daily_summary`, with what is new since their last digest."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jixiao.core.monitoring import DailySummary, EarlyWarning, Light, daily_summary
from jixiao.web.evaluations.access import Account
from jixiao.web.monitoring.models import DigestLog
from jixiao.web.monitoring.selectors import board_row, records_in, rules_of_records


def _previous(user: Account, day: date) -> list[EarlyWarning]:
    log = DigestLog.objects.filter(user=user, sent_on__lt=day).order_by("-sent_on").first()
    if log is None:
        return []
    return [
        EarlyWarning(code, Light.YELLOW, subject, path, "", 0)
        for code, subject, path in log.warnings
    ]


@transaction.atomic
def digest_for(user: Account, *, year: int, day: date) -> DailySummary | None:
    """The person's digest for ``day`` (stored); None when they follow no unit or project."""
    records = list(records_in(user, None, year))
    if not records:
        return None
    rules = rules_of_records(records)
    warnings = [w for r in records for w in board_row(r, rules[r.pk]).warnings]
    summary = daily_summary(
        warnings, subjects=[r.name for r in records], previous=_previous(user, day)
    )
    DigestLog.objects.update_or_create(
        user=user,
        sent_on=day,
        defaults={"warnings": [list(w.key) for w in warnings], "text": summary.text},
    )
    return summary
