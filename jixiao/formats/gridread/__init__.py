"""Label-driven reading of a form laid out as a grid of cells.

A PDF's ruled table (:mod:`jixiao.formats.pdfread`) and a spreadsheet's cells both become a
:class:`~.grid.Grid`: boxes with text, in reading order. The readers find each value by its
printed label (the cell to its right, the cells under a column heading), never by a fixed
coordinate, so a template whose rows moved, or a PDF drawn by another program, reads the same.
"""

from jixiao.formats.gridread.document import read_grid
from jixiao.formats.gridread.grid import Grid, GridCell

__all__ = ["Grid", "GridCell", "read_grid"]
