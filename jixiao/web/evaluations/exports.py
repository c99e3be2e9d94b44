"""Downloads of a stored form through the formats registry."""

from __future__ import annotations

from jixiao.core.serialization import form_from_data
from jixiao.formats.registry import get_exporter
from jixiao.web.evaluations.models import Evaluation

EXPORT_FORMATS = {"xlsx": "Excel（XLSX）", "pdf": "PDF", "json": "JSON"}


class ExportUnavailable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def export_bytes(evaluation: Evaluation, fmt: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the form in ``fmt``."""
    try:
        exporter = get_exporter(fmt)
    except KeyError:
        raise ExportUnavailable(f"暂不支持导出为 {fmt}") from None
    form = form_from_data(evaluation.data)
    content = exporter.write(form)
    filename = f"{evaluation.year}年度{evaluation.title}{exporter.suffix}"
    return content, exporter.media_type, filename
