"""HTML pages with the form as a table (what publishers put on their sites), read with lxml.

Each table row becomes one line of cells separated by ``|`` (a merged cell once, where it
starts), text outside tables one line per block, and the text goes to the same readers as a
text file: the report names the reader that read the form."""

from __future__ import annotations

import re

from jixiao.formats.importing import ImportFailure
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportResult

_SNIFF_BYTES = 64 * 1024
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta)\b",
    re.IGNORECASE | re.DOTALL,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
    }
)


def sniff_html(data: bytes, filename: str) -> bool:
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or (
        filename.lower().endswith((".html", ".htm")) and b"<table" in head.lower()
    )


def html_text(data: bytes) -> str:
    """The page's text: table rows as ``| a | b |`` lines, other blocks as lines."""
    from lxml import etree, html

    from jixiao.formats.importers.text import decode_text

    page = decode_text(data)
    if page is None:
        raise ImportFailure("HTML 文件的编码无法识别（支持 UTF-8 与 GB18030/GBK）")
    page = _XML_DECLARATION.sub("", page, count=1)
    if not page.strip():
        raise ImportFailure("HTML 页面中没有文字")
    try:
        root = html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailure("HTML 文件无法解析：文件可能已损坏") from exc
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    lines: list[str] = []
    _walk(root, lines)
    return "\n".join(line for line in lines if line.strip())


def _squeeze(text: str) -> str:
    return " ".join(text.replace("|", "｜").split())


def _walk(element: object, lines: list[str]) -> None:
    from lxml import html

    assert isinstance(element, html.HtmlElement)
    if element.tag == "table":
        for row in element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            cells = [_squeeze(cell.text_content()) for cell in row.xpath("./td|./th")]
            if any(cells):
                lines.append("| " + " | ".join(cells) + " |")
        return
    if element.tag in _BLOCKS:
        lines.append("")
    if element.text and element.tag not in ("script", "style"):
        _append(lines, element.text)
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, lines)
        if child.tail:
            _append(lines, child.tail)
    if element.tag in _BLOCKS:
        lines.append("")


def _append(lines: list[str], text: str) -> None:
    text = " ".join(text.split())
    if not text:
        return
    if not lines or not lines[-1]:
        lines.append(text)
    else:
        lines[-1] += " " + text if lines[-1][-1:].isascii() else text


def read_html(data: bytes, filename: str, importer: str = "html") -> list[ImportResult]:
    from jixiao.formats.importers.text import read_forms

    text = html_text(data)
    if not text.strip():
        raise ImportFailure("HTML 页面中没有文字")
    return [ImportResult(p.form, p.report) for p in read_forms(text, importer, filename)]


IMPORTER = register_importer(
    Importer(
        name="html",
        label="网页（HTML）",
        suffixes=(".html", ".htm"),
        sniff=sniff_html,
        read=read_html,
    )
)
