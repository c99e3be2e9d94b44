"""A form saved as JSON (jixiao's own format); a JSON array holds several forms."""

from __future__ import annotations

import json
from typing import Any

from jixiao.core.serialization import FormReadError, form_from_data
from jixiao.formats.importing import ImportFailure
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportReport, ImportResult

_FORM_KEYS = ("form_type", "department", "project_name", "funds", "tasks", "indicators")


def _sniff(data: bytes, filename: str) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"{", b"[")):
        return False
    sample = head.decode("utf-8", errors="ignore")
    return any(f'"{key}"' in sample for key in _FORM_KEYS) or filename.lower().endswith(".json")


def _read(data: bytes, filename: str) -> list[ImportResult]:
    try:
        document: Any = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailure(f"不是有效的 JSON 文件：{exc}") from exc
    items = document if isinstance(document, list) else [document]
    results = []
    for n, item in enumerate(items):
        try:
            form = form_from_data(item)
        except FormReadError as exc:
            where = f"第{n + 1}张表：" if len(items) > 1 else ""
            first = f"；{exc.details[0]}" if exc.details else ""
            raise ImportFailure(f"{where}{exc.message}{first}") from exc
        results.append(ImportResult(form, ImportReport(importer="json", filename=filename)))
    return results


IMPORTER = register_importer(
    Importer(name="json", label="JSON 文件", suffixes=(".json",), sniff=_sniff, read=_read)
)
