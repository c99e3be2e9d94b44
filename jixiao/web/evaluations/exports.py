"""Downloads of a stored form through the formats registry."""

from __future__ import annotations

from django.utils.http import content_disposition_header

from jixiao.core.serialization import form_from_data
from jixiao.formats.registry import get_exporter
from jixiao.web.evaluations.models import Evaluation

EXPORT_FORMATS = {"xlsx": "Excel（XLSX）", "pdf": "PDF", "json": "JSON"}


class ExportUnavailable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def attachment_header(filename: str) -> str:
    """The ``Content-Disposition`` value that downloads ``filename`` (non-ASCII names
    encoded per RFC 6266)."""
    # Django returns None only when neither an attachment nor a file name is asked for.
    return content_disposition_header(True, filename) or "attachment"


def export_bytes(evaluation: Evaluation, fmt: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the form in ``fmt``."""
    try:
        exporter = get_exporter(fmt)
    except KeyError:
        raise ExportUnavailable(f"暂不支持导出为 {fmt}") from None
    form = form_from_data(evaluation.data, expected_type=evaluation.form_type)
    content = exporter.write(form, evaluation.rules)
    filename = f"{evaluation.year}年度{evaluation.title}{exporter.suffix}"
    return content, exporter.media_type, filename
