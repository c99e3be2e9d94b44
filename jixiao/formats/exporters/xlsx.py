"""XLSX export: the official layout as a spreadsheet a unit can edit in Excel or WPS.

Merged cells, thin borders, a 宋体 font, wrapped text with row heights set (LibreOffice does not
grow them), A4 portrait fitted to the page width with the section heads repeated on every page.
Derived figures are live formulas; because openpyxl cannot calculate, each formula's cached
result is written into the file afterwards, so every reader shows the core's figure at once.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core.rulesets import RuleSet
from jixiao.core.serialization import Form
from jixiao.formats.layouts import Cell, Sheet, sheet_for
from jixiao.formats.layouts.model import Role
from jixiao.formats.layouts.text import line_count
from jixiao.formats.registry import Exporter, register_exporter

FONT_NAME = "SimSun"
MM_PER_WIDTH_UNIT = 1.9  # an Excel column-width unit at 11pt is about 7 px
LINE_FACTOR = 1.35  # line height / font size for SimSun in Excel and WPS
PADDING_PT = 4
_THIN = Side(style="thin", color="000000")
_KEY = re.compile(r"\{([^{}]+)\}")

_CENTERED = {Role.LABEL, Role.HEADER, Role.SECTION, Role.VALUE, Role.MONEY, Role.RATE}


def number_format(cell: Cell) -> str:
    if cell.role is Role.MONEY:
        return "0.00"
    if cell.role is Role.RATE:
        return "0%" if cell.places == 0 else "0." + "0" * cell.places + "%"
    return "General"


def _font(cell: Cell, sheet: Sheet) -> Font:
    layout = sheet.layout
    if cell.role is Role.TITLE:
        return Font(name=FONT_NAME, size=layout.title_pt, bold=True)
    bold = cell.role in (Role.HEADER, Role.SECTION)
    return Font(name=FONT_NAME, size=layout.font_pt, bold=bold)


def _alignment(cell: Cell) -> Alignment:
    horizontal = cell.align or (
        "center" if cell.role in _CENTERED or cell.role is Role.TITLE else "left"
    )
    if cell.role is Role.NUMBER:
        horizontal = cell.align or "center"
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


def _border(cell: Cell) -> Border:
    return Border(left=_THIN, right=_THIN, bottom=_THIN, top=None if cell.join_above else _THIN)


def row_heights(sheet: Sheet) -> list[float]:
    """Points per row: single-row cells first, then merged cells spread what they still need
    over their rows."""
    layout = sheet.layout
    widths = layout.columns_mm
    heights = [0.0] * len(sheet.rows)
    spanning: list[tuple[Cell, float]] = []
    for row in sheet.rows:
        base = row.min_height or 0.0
        heights[row.index] = max(heights[row.index], base)
        for cell in row.cells:
            size = layout.title_pt if cell.role is Role.TITLE else layout.font_pt
            width = sum(widths[cell.col : cell.col + cell.colspan])
            lines = line_count(cell.text, width, size) if cell.text else 1
            need = lines * size * LINE_FACTOR + PADDING_PT
            if cell.rowspan == 1:
                heights[row.index] = max(heights[row.index], need)
            else:
                spanning.append((cell, need))
    for cell, need in spanning:
        rows = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in rows)
        if need > have:
            extra = (need - have) / cell.rowspan
            for r in rows:
                heights[r] += extra
    return heights


def _formula(template: str, refs: dict[str, str]) -> str | None:
    """Keys to cell references; ``[*]`` keys become every matching cell. None when a key has
    no cell in this layout (the value is then written plainly)."""
    missing = False

    def ref(match: re.Match[str]) -> str:
        nonlocal missing
        key = match.group(1)
        if "[*]" in key:
            pattern = re.compile(re.escape(key).replace(r"\[\*\]", r"\[\d+\]") + "$")
            found = [refs[k] for k in refs if pattern.match(k)]
            return ",".join(found) if found else "0"
        if key not in refs:
            missing = True
            return "0"
        return refs[key]

    text = _KEY.sub(ref, template)
    return None if missing else "=" + text


def _page_setup(ws: Worksheet, sheet: Sheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = sheet.layout.page.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    margin = sheet.layout.page.margin_mm / 25.4
    ws.page_margins.left = ws.page_margins.right = margin
    ws.page_margins.top = ws.page_margins.bottom = margin
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = FONT_NAME
    head = [r.index + 1 for r in sheet.rows if r.part == "head"]
    if head:
        # Excel repeats one band of rows: the first section head (主要任务 / 绩效指标).
        first = head[0]
        last = first
        while last + 1 in head:
            last += 1
        ws.print_title_rows = f"{first}:{last}"
    ws.print_area = f"A1:{get_column_letter(sheet.width)}{len(sheet.rows)}"


def build_workbook(sheet: Sheet) -> tuple[Workbook, dict[str, object]]:
    """The workbook and the cached result of each formula cell, by coordinate."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    for i, mm in enumerate(sheet.layout.columns_mm, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(mm / MM_PER_WIDTH_UNIT, 2)
    refs = {c.key: f"{get_column_letter(c.col + 1)}{c.row + 1}" for c in sheet.cells() if c.key}
    cached: dict[str, object] = {}
    for row in sheet.rows:
        in_table = row.part in ("head", "body")
        for cell in row.cells:
            target = ws.cell(row=cell.row + 1, column=cell.col + 1)
            formula = _formula(cell.formula, refs) if cell.formula else None
            value: object = cell.fraction if cell.number is not None else (cell.text or None)
            if formula:
                cached[target.coordinate] = value
                target.value = formula
            else:
                target.value = value
                if isinstance(value, str) and value.startswith("="):
                    # An indicator value such as "=100%" is text; openpyxl would store it as
                    # a formula and Excel would show 1.
                    target.data_type = "s"
            style_cells = [
                ws.cell(row=r + 1, column=c + 1)
                for r in range(cell.row, cell.row + cell.rowspan)
                for c in range(cell.col, cell.col + cell.colspan)
            ]
            for styled in style_cells:
                styled.font = _font(cell, sheet)
                styled.alignment = _alignment(cell)
                if in_table:
                    styled.border = _border(cell)
            target.number_format = number_format(cell)
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=cell.row + 1,
                    start_column=cell.col + 1,
                    end_row=cell.row + cell.rowspan,
                    end_column=cell.col + cell.colspan,
                )
    for i, height in enumerate(row_heights(sheet), start=1):
        ws.row_dimensions[i].height = round(height, 1)
    _page_setup(ws, sheet)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    return wb, cached


def _cache_text(value: object) -> tuple[str, str]:
    """The ``<v>`` text and type attribute of a cached formula result."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0", ""
    if value is None:
        return "", ""
    escaped = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped, ' t="str"'


def _fill_cached(xml: str, coordinate: str, text: str, kind: str) -> str:
    # openpyxl writes an empty <v/> with its own XML writer and <v></v> when lxml is installed.
    pattern = rf'(<c r="{coordinate}"[^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)?</c>'
    return re.sub(pattern, lambda m: f"{m[1]}{kind}><f>{m[2]}</f><v>{text}</v></c>", xml, count=1)


def store_cached_values(data: bytes, cached: dict[str, object]) -> bytes:
    """Write each formula's cached result into the saved sheet's XML (openpyxl writes an
    empty ``<v/>``)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = content.decode("utf-8")
                for coordinate, value in cached.items():
                    text, kind = _cache_text(value)
                    xml = _fill_cached(xml, coordinate, text, kind)
                content = xml.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def sheet_to_xlsx(sheet: Sheet) -> bytes:
    wb, cached = build_workbook(sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return store_cached_values(buffer.getvalue(), cached)


def write_xlsx(form: Form, rules: RuleSet | None = None) -> bytes:
    return sheet_to_xlsx(sheet_for(form, rules=rules))


EXPORTER = register_exporter(
    Exporter(
        name="xlsx",
        label="Excel 工作簿（正式表样）",
        suffix=".xlsx",
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        write=write_xlsx,
    )
)
