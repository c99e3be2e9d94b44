"""XLSX in the official layout: jixiao's own export or a template filled by hand. Cells are
found by their labels, so rows and columns may have moved; values may be numbers, text or
formulas (the cached result is read; a formula without one is recomputed as the core does)."""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jixiao.core.money import HUNDRED, quantize
from jixiao.formats.gridread import Grid, GridCell, read_grid
from jixiao.formats.gridread.grid import decimal_of
from jixiao.formats.importing import ImportFailure
from jixiao.formats.limits import TOO_BIG, FileRefused, check_xlsx, current_limits
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportResult, SourceLocation
from jixiao.formats.textparse import NotAForm
from jixiao.formats.textparse.text import compact

log = logging.getLogger(__name__)

_FIRST_LABELS = ("部门名称", "部门名称（汇总）", "部门名称(汇总)", "项目名称")
_TOO_BIG = "Excel 工作表过大，不像一张绩效自评表"


def sniff_xlsx(data: bytes, filename: str) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _preflight(data: bytes) -> None:
    """The shared workbook checks of :func:`jixiao.formats.limits.check_xlsx`."""
    try:
        check_xlsx(data)
    except FileRefused as exc:
        log.info("workbook refused: %s", exc.message)
        raise ImportFailure(_TOO_BIG if exc.message == TOO_BIG else exc.message) from exc


def _load(data: bytes) -> tuple[Any, Any]:
    from openpyxl import load_workbook

    _preflight(data)
    try:
        formulas = load_workbook(io.BytesIO(data), data_only=False)
        values = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors
        log.info("openpyxl cannot read the workbook: %r", exc)
        if "encrypt" in str(exc).lower():
            raise ImportFailure("Excel 文件已加密，无法读取；请先取消密码保护") from exc
        raise ImportFailure("Excel 文件已损坏或不是有效的 XLSX 文件") from exc
    return formulas, values


def _text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    number = decimal_of(value)
    if number is None:
        return str(value)
    if "%" in number_format:
        places = number_format.split(".")[1].count("0") if "." in number_format else 0
        return f"{quantize(number * HUNDRED, places):f}%"
    if "0.00" in number_format:
        return f"{quantize(number, 2):f}"
    return f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"


def sheet_grid(formula_sheet: Any, value_sheet: Any) -> Grid:
    """A worksheet as a grid: a merged range is one cell at its top-left value."""
    if (formula_sheet.max_row or 0) * (formula_sheet.max_column or 0) > (
        current_limits().max_xlsx_cells
    ):
        raise ImportFailure(_TOO_BIG)
    merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in formula_sheet.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    cells: list[GridCell] = []
    for row in formula_sheet.iter_rows():
        for cell in row:
            if (cell.row, cell.column) in covered:
                continue
            raw = cell.value
            box = merged.get((cell.row, cell.column))
            if raw is None and box is None:
                continue
            cached = value_sheet.cell(row=cell.row, column=cell.column).value
            formula = None
            value = raw
            if isinstance(raw, str) and raw.startswith("="):
                value = cached
                if cached is None:
                    formula = raw
            elif not isinstance(raw, (str, int, float, Decimal, bool, datetime, date)):
                value = cached  # array formulas and other objects: their cached result
            number_format = cell.number_format or ""
            # A formula nobody calculated: a text field shows what was typed (a target written
            # "=100%" is stored as a formula by some writers); figures are recomputed.
            text = raw if formula is not None else _text(value, number_format)
            r0, c0, r1, c1 = box or (cell.row, cell.column, cell.row, cell.column)
            pieces = text.split("\n") if text else []
            cells.append(
                GridCell(
                    page=1,
                    x0=c0 - 1,
                    x1=c1,
                    top=r0 - 1,
                    bottom=r1,
                    pieces=pieces,
                    joins=["\n"] * max(0, len(pieces) - 1),
                    source=SourceLocation(cell=f"{formula_sheet.title}!{cell.coordinate}"),
                    value=value if not isinstance(value, str) else None,
                    number_format=number_format,
                    formula=formula,
                )
            )
    cells.sort(key=lambda c: (c.top, c.x0))
    first = next((c for c in cells if c.key in _FIRST_LABELS), None)
    top = first.top if first is not None else 0
    above = [c for c in cells if c.bottom <= top]
    below = [c for c in cells if c.top >= top and compact(c.text).startswith(("注：", "注:"))]
    body = [c for c in cells if c not in above and c not in below]
    return Grid(cells=body, above=above, below=below, edge=0.1)


def _read(data: bytes, filename: str) -> list[ImportResult]:
    formulas, values = _load(data)
    results: list[ImportResult] = []
    reasons: list[str] = []
    for formula_sheet in formulas.worksheets:
        value_sheet = values[formula_sheet.title]
        readings: list[list[ImportResult]] = []
        try:
            readings.append([read_grid(sheet_grid(formula_sheet, value_sheet), "xlsx", filename)])
        except NotAForm as exc:
            reasons.append(f"工作表“{formula_sheet.title}”：{exc.message}")
        readings.append(_published(value_sheet, filename))
        # jixiao's own layout is read by its grid; a sheet as units publish it may read better
        # by the published-table reader: keep whichever placed more figures (the grid on a tie).
        best: list[ImportResult] = max(readings, key=_figures_read)
        results.extend(best)
    if not results:
        reason = reasons[0] if reasons else "工作簿中没有工作表"
        raise ImportFailure(f"Excel 文件中没有找到可识别的绩效自评表（{reason}）")
    return results


def _figures_read(results: list[ImportResult]) -> tuple[int, int]:
    from jixiao.formats.importers.text import fields_read

    return fields_read([r.report for r in results])


def _published(sheet: Any, filename: str) -> list[ImportResult]:
    """A sheet laid out as units publish it (not as jixiao exports it): its rows as lines of
    ``|``-separated cells, read by the published-table reader. Empty when that finds nothing."""
    from jixiao.formats.tableread import read_published

    lines = []
    for row in sheet.iter_rows():
        cells = [
            " ".join(_text(c.value, c.number_format or "").replace("|", "｜").split()) for c in row
        ]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("| " + " | ".join(cells) + " |")
    try:
        parsed = read_published("\n".join(lines), "xlsx", filename)
    except NotAForm:
        return []
    for p in parsed:
        p.report.reader = "表格版式读取"
    return [ImportResult(p.form, p.report) for p in parsed]


IMPORTER = register_importer(
    Importer(
        name="xlsx",
        label="Excel 文件",
        suffixes=(".xlsx", ".xlsm"),
        sniff=sniff_xlsx,
        read=_read,
    )
)
