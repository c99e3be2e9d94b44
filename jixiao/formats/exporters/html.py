"""HTML print view of the official layout: a standalone document, and the table fragment the
web app embeds (:func:`render_html_table`). Every text is escaped: a narrative containing
``<script>`` is shown as text, never run."""

from __future__ import annotations

from html import escape
from importlib import resources

from jixiao.core.rulesets import RuleSet
from jixiao.core.serialization import Form
from jixiao.formats.layouts import Cell, Row, Sheet, sheet_for
from jixiao.formats.layouts.model import Role
from jixiao.formats.registry import Exporter, register_exporter


def print_css() -> str:
    return (resources.files("jixiao.formats") / "static" / "print.css").read_text("utf-8")


def _classes(cell: Cell) -> str:
    names = [f"jx-{cell.role.value}"]
    if cell.align:
        names.append(f"jx-{cell.align}")
    if cell.join_above:
        names.append("jx-join-above")
    return " ".join(names)


def _td(cell: Cell, tag: str = "td") -> str:
    attrs = [f'class="{_classes(cell)}"']
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.key:
        attrs.append(f'data-key="{escape(cell.key)}"')
    return f"<{tag} {' '.join(attrs)}>{escape(cell.text)}</{tag}>"


def _outside(rows: list[Row]) -> str:
    parts = []
    for row in rows:
        for cell in row.cells:
            tag = "h1" if cell.role is Role.TITLE else "p"
            parts.append(f'<{tag} class="{_classes(cell)}">{escape(cell.text)}</{tag}>')
    return "".join(parts)


def _table(sheet: Sheet, rows: list[Row]) -> str:
    width = sum(sheet.layout.columns_mm)
    cols = "".join(f'<col style="width:{mm}mm">' for mm in sheet.layout.columns_mm)
    head = [r for r in rows if r.part == "head"]
    body = [r for r in rows if r.part == "body"]
    out = [f'<table style="width:{width}mm"><colgroup>{cols}</colgroup>']
    if head:
        out.append("<thead>")
        out.extend("<tr>" + "".join(_td(c, "th") for c in r.cells) + "</tr>" for r in head)
        out.append("</thead>")
    out.append("<tbody>")
    out.extend("<tr>" + "".join(_td(c) for c in r.cells) + "</tr>" for r in body)
    out.append("</tbody></table>")
    return "".join(out)


def sheet_to_html_table(sheet: Sheet) -> str:
    above = [r for r in sheet.rows if r.part == "above"]
    below = [r for r in sheet.rows if r.part == "below"]
    tables = "".join(_table(sheet, rows) for rows in sheet.sections() if rows)
    # The web print view embeds only this fragment: a wide layout brings its paper along.
    paper = (
        "" if sheet.layout.page.orientation == "portrait" else f"<style>{_page_css(sheet)}</style>"
    )
    return (
        f'<div class="jx-form jx-layout-{escape(sheet.layout.id)}">{paper}'
        f'<div class="jx-above">{_outside(above)}</div>{tables}'
        f'<div class="jx-below">{_outside(below)}</div></div>'
    )


def render_html_table(form: Form, rules: RuleSet | None = None) -> str:
    """The form's official table as an HTML fragment (style it with :func:`print_css`)."""
    return sheet_to_html_table(sheet_for(form, rules=rules))


def _page_css(sheet: Sheet) -> str:
    """The paper the layout asks for (a wide variant prints landscape)."""
    page = sheet.layout.page
    return f"@page {{ size: {page.size} {page.orientation}; }}"


def sheet_to_html_document(sheet: Sheet) -> str:
    title = next((c.text for c in sheet.cells() if c.role is Role.TITLE), sheet.layout.name)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{print_css()}{_page_css(sheet)}</style></head>"
        f"<body>{sheet_to_html_table(sheet)}</body></html>\n"
    )


def render_html_document(form: Form, rules: RuleSet | None = None) -> str:
    """A standalone printable HTML document of the form."""
    return sheet_to_html_document(sheet_for(form, rules=rules))


def write_html(form: Form, rules: RuleSet | None = None) -> bytes:
    return render_html_document(form, rules).encode("utf-8")


EXPORTER = register_exporter(
    Exporter(
        name="html",
        label="网页打印视图",
        suffix=".html",
        media_type="text/html; charset=utf-8",
        write=write_html,
    )
)
