"""Label-driven parsing of a form's extracted text.

Whatever produced the text (``pdftotext``, a PDF's text layer, OCR rows rebuilt from boxes),
the parser takes a list of :class:`Line` and finds the form's cells by their printed labels,
not by position. :func:`parse_lines` returns one :class:`ParsedForm` per form found.
"""

from jixiao.formats.textparse.document import ParsedForm, parse_lines, parse_text
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.lines import Block, Line, blocks_of, lines_from_text

__all__ = [
    "Block",
    "Line",
    "NotAForm",
    "ParsedForm",
    "blocks_of",
    "lines_from_text",
    "parse_lines",
    "parse_text",
]
