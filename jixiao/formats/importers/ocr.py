"""Placeholder while the OCR importer is written."""

from __future__ import annotations

from jixiao.formats.importing import ImportFailure
from jixiao.formats.report import ImportResult


def read_scanned_pdf(data: bytes, filename: str) -> list[ImportResult]:
    raise ImportFailure("扫描件需要 OCR")
