"""Text cells made safe for spreadsheet programs (CSV/formula injection).

Excel, WPS and LibreOffice run a CSV cell that starts with ``= + - @`` (or a tab or carriage
return before one) as a formula; a narrative typed as ``=HYPERLINK(...)`` or ``@SUM(...)``
would run on the reader's machine when a published CSV is opened. Such cells are written with a
leading apostrophe, which the programs show as plain text. Plain numbers (``-3.5``) are left as
they are, so figures stay figures. XLSX cells are typed as text instead (see the XLSX writer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)%?")
_DASHES = re.compile(r"[-\s]*")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` unless it is text a spreadsheet would run as a formula, then quoted."""
    if not isinstance(value, str) or not value.startswith(_TRIGGERS):
        return value
    if _NUMBER.fullmatch(value) or _DASHES.fullmatch(value):
        return value
    return "'" + value


def safe_rows(rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> Iterator[Any]:
    """Rows for ``csv.writer`` or ``csv.DictWriter`` with every cell made safe."""
    for row in rows:
        if isinstance(row, Mapping):
            yield {key: spreadsheet_safe(value) for key, value in row.items()}
        else:
            yield [spreadsheet_safe(value) for value in row]
