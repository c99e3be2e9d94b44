"""Which form a grid holds, and reading it with the reader for its kind."""

from __future__ import annotations

from pydantic import ValidationError

from jixiao.core.serialization import Form
from jixiao.formats.gridread.declaration import looks_like_declaration, read_declaration
from jixiao.formats.gridread.department import looks_like_department, read_department
from jixiao.formats.gridread.grid import Grid
from jixiao.formats.gridread.project import looks_like_project, read_project
from jixiao.formats.gridread.values import logical_lines
from jixiao.formats.report import ImportReport, ImportResult
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.header import read_header
from jixiao.formats.textparse.lines import Line
from jixiao.formats.textparse.project import FORM_WORD as PROJECT_WORD

DECLARATION_WORD = "项目支出绩效目标申报表"


def header_lines(grid: Grid) -> list[Line]:
    """The text above the table as lines for the header reader (wrapped lines joined)."""
    lines = []
    for cell in grid.above:
        for text, piece in logical_lines(cell.pieces, cell.joins):
            source = cell.extra.get("sources")
            page, lineno = cell.page, 0
            if isinstance(source, list) and piece < len(source):
                page, lineno = source[piece]
            elif cell.source.line:
                lineno = cell.source.line
            lines.append(Line(text, page, lineno))
    return lines


def read_grid(grid: Grid, importer: str, filename: str) -> ImportResult:
    """The form in ``grid``. Raises :class:`NotAForm` when it holds none."""
    report = ImportReport(importer=importer, filename=filename)
    lines = header_lines(grid)
    # The header reader also guesses department and year from the title; the table states
    # them, so only what it read above the table is kept.
    above = ImportReport()
    try:
        if looks_like_declaration(grid):
            header = read_header(lines, above, form_word=DECLARATION_WORD)
            _keep_header(above, report)
            form: Form = read_declaration(grid, report, header)
        elif looks_like_project(grid):
            header = read_header(lines, above, form_word=PROJECT_WORD)
            _keep_header(above, report)
            form = read_project(grid, report, header)
        elif looks_like_department(grid):
            header = read_header(lines, above)
            _keep_header(above, report)
            header.department, header.year = "", None
            form = read_department(grid, report, header)
        else:
            raise NotAForm("表格中没有找到绩效自评表的栏目标签")
    except ValidationError as exc:
        raise NotAForm(f"表单内容不符合格式要求（{exc.error_count()} 处）") from exc
    return ImportResult(form, report)


def _keep_header(above: ImportReport, report: ImportReport) -> None:
    for path in ("attachment_label", "title", "money_unit"):
        if path in above.provenance:
            report.provenance[path] = above.provenance[path]
