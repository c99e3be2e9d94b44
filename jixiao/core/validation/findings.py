"""What a validation rule reports: findings as plain data.

A finding names a stable English ``code`` (for programs and tests), a ``severity``, the
``path`` of the field it is about (``funds.completion_rate``, ``tasks[0].indicators[2].actual``)
and a Chinese ``message`` that says what is wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error makes the form wrong; a warning asks a person to look."""

    ERROR = "error"
    WARNING = "warning"


SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def error(code: str, path: str, message: str) -> Finding:
    return Finding(code, Severity.ERROR, path, message)


def warning(code: str, path: str, message: str) -> Finding:
    return Finding(code, Severity.WARNING, path, message)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
