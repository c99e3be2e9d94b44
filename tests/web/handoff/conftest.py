"""The targets of the test world, shared with the targets tests."""

from tests.web.targets.conftest import unit_targets  # noqa: F401 (a fixture)
