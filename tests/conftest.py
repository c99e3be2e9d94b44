"""Shared fixtures: the seed form as the importer must read it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import form_from_json
from jixiao.demo import SEED_TEXT

# Property tests are deterministic unless asked otherwise (JIXIAO_FUZZ_RANDOM=1): a test that fails
# once must fail again. No deadline: two shared cores make timings noisy. In CI a failure is
# reported as found, without shrinking, which on a slow database can take longer than the run.
settings.register_profile(
    "jixiao",
    derandomize=not os.environ.get("JIXIAO_FUZZ_RANDOM"),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate] if os.environ.get("CI") else list(Phase),
)
settings.load_profile("jixiao")

FIXTURES = Path(__file__).parent / "fixtures"
SEED_JSON = FIXTURES / "seed_form.json"
REPO = Path(__file__).parent.parent
SEED_TEXT = SEED_TEXT


@pytest.fixture
def seed_form() -> DepartmentForm:
    form = form_from_json(SEED_JSON.read_text(encoding="utf-8"))
    assert isinstance(form, DepartmentForm)
    return form
