"""Monthly figures (各月支出数、用款计划、指标完成值) read from a CSV or XLSX table.

One header row names the columns (in Chinese, in any order; a unit in brackets is ignored), then
one row per unit or project and month. A row may carry money (当月支出数, 当月用款计划数), an
indicator's progress (指标名称 with 1—N月实际完成值 and optionally 全年预计完成值), or both.
Every row is checked on its own: a bad row becomes a :class:`RowError` saying which row, which
column and how to fix it, and the good rows are still read, so a person sees every problem of
the file at once. A file that cannot be read at all raises :class:`MonitoringImportFailure`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.money import MoneyError, to_decimal
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.formats.limits import CORRUPT, FileRefused, check_xlsx, current_limits, size_text

MAX_ROWS = 5000

# Column → the headings people use for it (compared without spaces, brackets and width).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("类别", "类型"),
    "name": ("单位或项目名称", "名称", "单位名称", "项目名称", "单位/项目"),
    "month": ("月份", "月"),
    "spending": ("当月支出数", "支出数", "当月执行数", "执行数"),
    "plan": ("当月用款计划数", "用款计划数", "用款计划", "计划数"),
    "indicator": ("指标名称", "三级指标", "指标"),
    "actual": ("1—N月实际完成值", "1-N月实际完成值", "实际完成值", "累计完成值", "完成值"),
    "expected": ("全年预计完成值", "预计完成值"),
}
LABELS = {
    "kind": "类别",
    "name": "单位或项目名称",
    "month": "月份",
    "spending": "当月支出数（万元）",
    "plan": "当月用款计划数（万元）",
    "indicator": "指标名称",
    "actual": "1—N月实际完成值",
    "expected": "全年预计完成值",
}
KIND_WORDS = {"单位": ExecutionKind.UNIT, "部门": ExecutionKind.UNIT, "项目": ExecutionKind.PROJECT}
_BRACKETS = re.compile(r"[（(\[【].*?[）)\]】]")


class MonitoringImportFailure(Exception):
    """A file that cannot be read at all. ``message`` is one line for users (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FigureRow:
    """One good row. ``line`` is the row number a spreadsheet shows (the header is 1)."""

    line: int
    name: str
    month: int
    kind: ExecutionKind | None = None
    spending: Decimal | None = None
    plan: Decimal | None = None
    indicator: str = ""
    actual: str | None = None
    expected: str | None = None


@dataclass(frozen=True)
class RowError:
    line: int
    message: str  # Chinese, already saying 第N行

    @property
    def text(self) -> str:
        return self.message


@dataclass
class MonthlyImport:
    filename: str
    columns: list[str]  # the columns found, by key
    rows: list[FigureRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _heading_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _BRACKETS.sub("", text)
    return re.sub(r"\s+", "", text).replace("-", "—").lower()


_KEY_OF = {
    _heading_key(heading): column for column, headings in COLUMNS.items() for heading in headings
}


def _header(cells: Sequence[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        column = _KEY_OF.get(_heading_key(cell))
        if column is not None and column not in found.values():
            found[index] = column
    return found


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


def _month(text: str) -> int | None:
    text = text.removesuffix("月份").removesuffix("月").strip()
    if not text.isdigit():
        return None
    month = int(text)
    return month if 1 <= month <= 12 else None


def _money(text: str) -> Decimal:
    return to_decimal(text.replace(",", "").replace("，", "").removesuffix("万元"))


def _row(
    line: int, values: dict[str, str], seen: dict[tuple[str, int], int]
) -> FigureRow | list[RowError]:
    errors: list[str] = []
    name = values.get("name", "")
    if not name:
        errors.append("没有填写单位或项目名称")
    kind: ExecutionKind | None = None
    kind_text = values.get("kind", "")
    if kind_text:
        kind = KIND_WORDS.get(kind_text)
        if kind is None:
            errors.append(f"类别“{kind_text}”无法识别，请填写“单位”或“项目”")
    month_text = values.get("month", "")
    month = _month(month_text)
    if month is None:
        errors.append(
            "没有填写月份" if not month_text else f"月份“{month_text}”应为1至12之间的整数"
        )
    amounts: dict[str, Decimal | None] = {}
    for column in ("spending", "plan"):
        text = values.get(column, "")
        amounts[column] = None
        if not text:
            continue
        try:
            amount = _money(text)
        except MoneyError:
            errors.append(f"{LABELS[column]}“{text}”不是数字，请只填写金额，如 12.50")
            continue
        if amount < 0:
            errors.append(f"{LABELS[column]}“{text}”不能为负数；退回的资金请冲减当月支出")
            continue
        amounts[column] = amount
    indicator = values.get("indicator", "")
    actual = values.get("actual") or None
    expected = values.get("expected") or None
    if (actual or expected) and not indicator:
        errors.append("填写了指标完成值，但没有填写指标名称")
    if indicator and not (actual or expected):
        errors.append(f"指标“{indicator}”没有填写1—N月实际完成值")
    if not errors and amounts["spending"] is None and amounts["plan"] is None and not indicator:
        errors.append("这一行没有支出数、用款计划数或指标完成值")
    if (
        not errors
        and month is not None
        and (amounts["spending"] is not None or amounts["plan"] is not None)
    ):
        first = seen.get((name, month))
        if first is not None:
            errors.append(f"“{name}”{month}月的金额在第{first}行已经填写过，请合并为一行")
        else:
            seen[(name, month)] = line
    if errors:
        return [RowError(line, f"第{line}行：{'；'.join(errors)}。")]
    assert month is not None
    return FigureRow(
        line=line,
        name=name,
        month=month,
        kind=kind,
        spending=amounts["spending"],
        plan=amounts["plan"],
        indicator=indicator,
        actual=actual,
        expected=expected,
    )


def read_table(rows: Iterable[Sequence[object]], filename: str) -> MonthlyImport:
    """Read a table given as rows of cells (the first non-empty row is the header)."""
    iterator = iter(rows)
    header: dict[int, str] = {}
    header_line = 0
    for header_line, cells in enumerate(iterator, start=1):  # noqa: B007
        texts = [_text(c) for c in cells]
        if any(texts):
            header = _header(texts)
            break
    missing = [LABELS[c] for c in ("name", "month") if c not in header.values()]
    if not header or missing:
        names = "”“".join(missing or [LABELS["name"], LABELS["month"]])
        raise MonitoringImportFailure(
            f"{filename}：第一行应为表头，缺少“{names}”列。请下载导入模板，按模板的表头填写。"
        )
    result = MonthlyImport(filename=filename, columns=list(header.values()))
    seen: dict[tuple[str, int], int] = {}
    for line, cells in enumerate(iterator, start=header_line + 1):
        values = {header[i]: _text(c) for i, c in enumerate(cells) if i in header}
        if not any(values.values()):
            continue
        if line > MAX_ROWS:
            raise MonitoringImportFailure(f"{filename}：超过{MAX_ROWS}行，请分成几个文件导入。")
        outcome = _row(line, values, seen)
        if isinstance(outcome, FigureRow):
            result.rows.append(outcome)
        else:
            result.errors.extend(outcome)
    if not result.rows and not result.errors:
        raise MonitoringImportFailure(f"{filename}：表头下面没有数据。")
    return result


def _csv_rows(data: bytes, filename: str) -> list[list[str]]:
    # Excel in China saves CSV as GBK; try UTF-8 (with or without BOM) first.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise MonitoringImportFailure(f"{filename}：无法识别文件编码，请另存为 UTF-8 编码的 CSV。")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes, filename: str) -> Iterator[tuple[object, ...]]:
    from openpyxl import load_workbook

    # The same checks as the form importer (size unpacked, cells, DTD) before openpyxl builds
    # anything: a small deflate bomb once took gigabytes of memory here.
    try:
        check_xlsx(data)
    except FileRefused as exc:
        message = "不是有效的 Excel（.xlsx）文件" if exc.message == CORRUPT else exc.message
        raise MonitoringImportFailure(f"{filename}：{message}。") from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors
        raise MonitoringImportFailure(f"{filename}：不是有效的 Excel（.xlsx）文件。") from exc
    try:
        sheet = workbook.worksheets[0]
        # Streamed: read_table stops after MAX_ROWS, so the rest of a huge sheet is never read.
        for row in sheet.iter_rows(values_only=True):
            yield tuple(row)
    except MonitoringImportFailure:
        raise
    except Exception as exc:
        raise MonitoringImportFailure(f"{filename}：不是有效的 Excel（.xlsx）文件。") from exc
    finally:
        workbook.close()


def read_monthly_figures(data: bytes, filename: str) -> MonthlyImport:
    """Read an uploaded CSV or XLSX file of monthly figures, within the import limits in force
    (:mod:`jixiao.formats.limits`)."""
    most = current_limits().max_bytes
    if len(data) > most:
        raise MonitoringImportFailure(
            f"{filename}：文件过大（{size_text(len(data))}），最多可导入 {size_text(most)}。"
        )
    if not data.strip():
        raise MonitoringImportFailure(f"{filename}：文件是空的。")
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_table(_xlsx_rows(data, filename), filename)
    if filename.lower().endswith((".csv", ".txt")) or b"\x00" not in data[:1024]:
        return read_table(_csv_rows(data, filename), filename)
    raise MonitoringImportFailure(f"{filename}：只能导入 CSV 或 Excel（.xlsx）文件。")


def template_csv() -> bytes:
    """The import template: header and two example rows (UTF-8 with BOM, which Excel opens)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([LABELS[c] for c in COLUMNS])
    writer.writerow(["单位", "示例单位", "1", "12.50", "15.00", "", "", ""])
    writer.writerow(["单位", "示例单位", "1", "", "", "受理报名人次", "320人次", "3600人次"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
