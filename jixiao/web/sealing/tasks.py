"""Background work of the sealing app: the daily anchor, enqueued by every worker once a day
(:mod:`jixiao.web.jobs.daily`) and safe to run any number of times: a day has one anchor."""

from __future__ import annotations

from django_tasks import task

from jixiao.web.jobs.daily import daily
from jixiao.web.sealing.services import anchor_create


@daily
@task()
def daily_anchor() -> str:
    """Today's anchor over every chain's head (the one already made, if any)."""
    return anchor_create().hash
