"""What an import returns: the form, and an honest account of how it was read.

An :class:`ImportReport` says, for every field it filled, where the value came from (page and
line of extracted text, or a spreadsheet cell) and how sure the importer is; which fragments it
could not place anywhere; what the validator found inconsistent once the figures were
recomputed; and any warnings. The importer never invents a value: a field it did not find stays
``None`` (or empty) and has no provenance entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.core.serialization import Form


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where something sits in the source file: a page and line of text, or a cell."""

    page: int | None = None
    line: int | None = None
    cell: str | None = None  # "Sheet1!B5" for spreadsheets

    def describe(self) -> str:
        """Chinese, for users: ``第1页第13行`` or ``单元格 Sheet1!B5``."""
        if self.cell:
            return f"单元格 {self.cell}"
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        return "".join(parts) or "位置不明"

    def to_data(self) -> dict[str, Any]:
        return {
            key: value
            for key, value in (("page", self.page), ("line", self.line), ("cell", self.cell))
            if value is not None
        }


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the value at ``path`` (``funds.initial_budget``, ``tasks[0].funds``) came from,
    with a confidence between 0 and 1 (1: read next to its own label)."""

    path: str
    source: SourceLocation
    confidence: float

    def to_data(self) -> dict[str, Any]:
        return {"source": self.source.to_data(), "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class Fragment:
    """Text the importer found but could not place in the form."""

    text: str
    source: SourceLocation

    def to_data(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source.to_data()}


@dataclass
class ImportReport:
    """How one form was read. ``findings`` are :class:`jixiao.core.validation.Finding`."""

    importer: str = ""
    filename: str = ""
    reader: str = ""  # which reader of the importer read the form (标签读取, 表格版式读取 …)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    unplaced: list[Fragment] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def record(self, path: str, source: SourceLocation, confidence: float) -> None:
        self.provenance[path] = Provenance(path, source, round(min(max(confidence, 0.0), 1.0), 2))

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def leave_unplaced(self, text: str, source: SourceLocation) -> None:
        self.unplaced.append(Fragment(text, source))

    @property
    def confidence(self) -> float:
        """The weakest field's confidence (1.0 when nothing was read)."""
        return min((p.confidence for p in self.provenance.values()), default=1.0)

    def to_data(self) -> dict[str, Any]:
        return {
            "importer": self.importer,
            "reader": self.reader,
            "filename": self.filename,
            "confidence": self.confidence,
            "provenance": {path: p.to_data() for path, p in self.provenance.items()},
            "unplaced": [f.to_data() for f in self.unplaced],
            "findings": [_finding_data(f) for f in self.findings],
            "warnings": list(self.warnings),
        }

    def summary_lines(self) -> list[str]:
        """The report for a console, in Chinese, one fact a line."""
        reader = f"{self.importer}/{self.reader}" if self.reader else self.importer
        lines = [
            f"读取器：{reader}；已读取 {len(self.provenance)} 个字段"
            f"（最低置信度 {self.confidence:.2f}）",
        ]
        lines += [f"警告：{w}" for w in self.warnings]
        for fragment in self.unplaced:
            text = fragment.text if len(fragment.text) <= 40 else fragment.text[:40] + "…"
            lines.append(f"未归位（{fragment.source.describe()}）：{text}")
        for finding in self.findings:
            data = _finding_data(finding)
            severity = _SEVERITY_ZH.get(data["severity"], data["severity"])
            lines.append(f"核验（{severity}）{data['path']}：{data['message']}")
        return lines


_SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def _finding_data(finding: Any) -> dict[str, Any]:
    return {
        "code": str(getattr(finding, "code", "")),
        "severity": str(getattr(finding, "severity", "")),
        "path": str(getattr(finding, "path", "")),
        "message": str(getattr(finding, "message", finding)),
    }


@dataclass
class ImportResult:
    """One form read from a file, with its report."""

    form: Form
    report: ImportReport
