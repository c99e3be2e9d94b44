"""Findings are data: comparable, serialisable, and counted by severity."""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.core.validation import Finding, Severity, count_by_severity, has_errors
from jixiao.core.validation.findings import error, warning


def test_a_finding_is_frozen() -> None:
    finding = error("x", "funds.adjustment", "说明")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.code = "y"  # type: ignore[misc]


def test_a_finding_serialises_to_plain_strings() -> None:
    assert warning("problems_missing", "problems", "未填写").to_dict() == {
        "code": "problems_missing",
        "severity": "warning",
        "path": "problems",
        "message": "未填写",
    }


def test_only_errors_count_as_errors() -> None:
    warnings = [warning("a", "p", "m"), warning("b", "q", "n")]
    assert not has_errors(warnings)
    assert not has_errors([])
    assert has_errors([*warnings, error("c", "r", "o")])


def test_findings_are_counted_by_severity() -> None:
    findings = [warning("a", "p", "m"), error("c", "r", "o"), warning("b", "q", "n")]
    assert count_by_severity(findings) == {Severity.ERROR: 1, Severity.WARNING: 2}
    assert Finding("a", Severity.WARNING, "p", "m") == findings[0]
