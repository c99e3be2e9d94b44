"""Reading a PDF's text layer and table rulings: characters with their boxes, the cells the
ruling lines draw, and each cell's text with its line breaks told apart (a line that wrapped
because the cell was full, or a break the writer made).

:func:`read_pdf` gives one :class:`~.layout.PageLayout` per page; the label-driven readers
in :mod:`jixiao.formats.gridread` and :mod:`jixiao.formats.textparse` take it from there.
"""

from jixiao.formats.pdfread.document import PdfUnreadable, read_pdf
from jixiao.formats.pdfread.layout import PageLayout, TextCell, TextLine

__all__ = ["PageLayout", "PdfUnreadable", "TextCell", "TextLine", "read_pdf"]
