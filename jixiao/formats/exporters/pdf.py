"""PDF export: the HTML print view typeset by WeasyPrint, with the CJK font embedded (subset)."""

from __future__ import annotations

import logging

from jixiao.core.rulesets import RuleSet
from jixiao.core.serialization import Form
from jixiao.formats.exporters.html import sheet_to_html_document
from jixiao.formats.layouts import Sheet, sheet_for
from jixiao.formats.registry import Exporter, register_exporter

# WeasyPrint logs every CSS property it does not know at WARNING; users need none of it.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def sheet_to_pdf(sheet: Sheet) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    pdf = HTML(string=sheet_to_html_document(sheet)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def write_pdf(form: Form, rules: RuleSet | None = None) -> bytes:
    return sheet_to_pdf(sheet_for(form, rules=rules))


EXPORTER = register_exporter(
    Exporter(
        name="pdf",
        label="PDF（正式表样）",
        suffix=".pdf",
        media_type="application/pdf",
        write=write_pdf,
    )
)
