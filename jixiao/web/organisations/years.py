"""Whether a fiscal year still takes units' input.

Closing a year (开放填报 off) makes it read-only for the units everywhere: no new form, no
save, no import, no submit, in the browser and through the API. Reviewers may still decide on
what was submitted before the close, and the finance bureau may still correct (it closed the
year and answers for it).
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.core.access import Act, Kind, Role, may
from jixiao.core.workflow import WrongState
from jixiao.web.organisations.models import FiscalYear


def year_is_closed(year: int) -> bool:
    return FiscalYear.objects.filter(year=year, is_open=False).exists()


def closed_year_message(year: int) -> str:
    return f"{year}年度已停止填报，单位不能再新建、修改、导入或提交。如需更正，请联系财政局。"


def closed_for(year: int, roles: Iterable[Role | str]) -> bool:
    """Whether ``year`` is closed to someone holding ``roles`` (the access policy says who may
    still write in a closed year: the finance bureau)."""
    held = {Role(r) for r in roles}
    return not may(held, Kind.EVALUATION, Act.WRITE_CLOSED_YEAR) and year_is_closed(year)


def refuse_closed_year(year: int, roles: Iterable[Role | str]) -> None:
    """Raise :class:`WrongState` (a WorkflowError) when ``year`` is closed to ``roles``."""
    if closed_for(year, roles):
        raise WrongState(closed_year_message(year))
