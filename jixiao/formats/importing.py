"""Importing files: find the importer that recognises the bytes, read every form in them and
check each form's figures.

:func:`import_bytes` returns one :class:`ImportResult` per form, or raises
:class:`ImportFailure` with a one-line Chinese reason when the file cannot be read at all
(empty, binary garbage, corrupt or encrypted, or text that is not a form). Nothing else escapes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jixiao.formats.limits import ImportLimits, current_limits, limits_applied, size_text
from jixiao.formats.registry import importer_for, importers
from jixiao.formats.report import ImportResult

log = logging.getLogger(__name__)


class ImportFailure(Exception):
    """A file that cannot be read at all. ``message`` is one line of Chinese for users."""

    def __init__(self, message: str) -> None:
        message = " ".join(message.split())
        super().__init__(message)
        self.message = message


def import_path(path: str | Path) -> list[ImportResult]:
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFailure(f"找不到文件：{file}") from exc
    except IsADirectoryError as exc:
        raise ImportFailure(f"这是一个目录，不是文件：{file}") from exc
    except OSError as exc:
        raise ImportFailure(f"无法读取文件：{file}（{exc.strerror or exc}）") from exc
    return import_bytes(data, file.name)


def import_bytes(
    data: bytes, filename: str, limits: ImportLimits | None = None
) -> list[ImportResult]:
    """Every form in ``data``. ``limits`` (default: those in force, see
    :mod:`jixiao.formats.limits`) bound what is read before anything big is built."""
    limits = limits or current_limits()
    if len(data) > limits.max_bytes:
        raise ImportFailure(
            f"文件过大（{size_text(len(data))}），最多可导入 {size_text(limits.max_bytes)}"
        )
    if not data or data.isspace():  # not data.strip(), which copies a big file
        raise ImportFailure("文件为空")
    importer = importer_for(data, filename)
    if importer is None:
        raise ImportFailure(_why_unreadable(data, filename))
    try:
        with limits_applied(limits):
            results = importer.read(data, filename)
    except ImportFailure:
        raise
    except Exception as exc:
        log.warning("%s importer failed on %s: %r", importer.name, filename, exc)
        raise ImportFailure(f"无法读取{importer.label}：文件可能已损坏") from exc
    if not results:
        raise ImportFailure("文件中没有找到绩效自评表")
    for result in results:
        _check(result)
    return list(results)


def _check(result: ImportResult) -> None:
    """Recompute the form's figures and keep what the validator finds inconsistent."""
    try:
        from jixiao.core.validation import validate
    except ImportError:  # the validator is not installed in this build
        return
    try:
        result.report.findings = list(validate(result.form))
    except Exception as exc:
        log.warning("validation failed on %s: %r", result.report.filename, exc)
        result.report.warn("表单核验未能完成")


_SUFFIX_KINDS = {
    ".pdf": "PDF",
    ".xlsx": "Excel",
    ".xlsm": "Excel",
    ".json": "JSON",
    ".png": "图片",
    ".jpg": "图片",
    ".jpeg": "图片",
    ".tif": "图片",
    ".tiff": "图片",
}


def _why_unreadable(data: bytes, filename: str) -> str:
    names = {imp.name for imp in importers()}
    suffix = Path(filename).suffix.lower()
    head = data.lstrip()[:8]
    if head.startswith(b"%PDF"):
        if b"/Encrypt" in data:
            return "PDF 文件已加密，无法读取"
        if b"%%EOF" not in data[-2048:]:
            return "PDF 文件已损坏（文件不完整）"
        if "pdf" not in names:
            return "暂不能读取 PDF 文件：PDF 导入器未安装"
        return "PDF 文件已损坏，无法读取"
    if head.startswith(b"PK\x03\x04"):
        return "Excel 文件已损坏或不是有效的 XLSX 文件"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "扫描图片需要 OCR：请安装可选组件 jixiao[ocr]"
    if suffix in _SUFFIX_KINDS:
        return f"文件已损坏：扩展名是 {suffix}，内容却不是{_SUFFIX_KINDS[suffix]}文件"
    from jixiao.formats.importers.text import decode_text

    if decode_text(data) is not None:
        return "文件中没有找到绩效自评表（未识别出表单的栏目标签）"
    return "无法识别的文件格式（不是文本、JSON、PDF 或 Excel 文件）"
