"""The unit's 2023 monitoring record: the demo's December spender, as of July: behind time
(yellow), the first month of its warnings."""

from __future__ import annotations

import pytest

from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.monitoring.services import monitoring_create


@pytest.fixture
def unit_record(world) -> MonitoringRecord:
    return monitoring_create(
        organisation=world.unit,
        year=2023,
        kind="unit",
        name="",
        user=None,
        form=december_spender(world.unit.name, world.department.name, month=7),
    )


# The browser fixtures of the web suite, shared rather than copied.
from tests.web.test_browser import chromium, open_as  # noqa: E402, F401
