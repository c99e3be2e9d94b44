"""Writes to the indicator library: add one entry, import a spreadsheet of them, retire one.
Every refusal is a :class:`LibraryError` with a message in Chinese."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.core.model.project import IndicatorNature
from jixiao.core.rulesets import load_ruleset
from jixiao.web.evaluations.access import Account
from jixiao.web.indicators.models import LibraryIndicator
from jixiao.web.organisations.models import Organisation

# The spreadsheet's columns, in order (the downloadable template has this header row).
COLUMNS = (
    "类型",
    "行业",
    "一级指标",
    "二级指标",
    "三级指标",
    "度量单位",
    "指标性质",
    "参考指标值",
    "说明",
)
_KINDS = {label: value for value, label in LibraryIndicator.Kind.choices}
_NATURES = {n.value for n in IndicatorNature}
MAX_ROWS = 5000


class LibraryError(ValueError):
    pass


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("\x00", "").split())


def _entry(keeper: Organisation, user: Account | None, row: dict[str, str]) -> LibraryIndicator:
    """An unsaved entry from one row's cells; refused with the reason in Chinese."""
    rules = load_ruleset()
    name = row.get("三级指标", "")
    if not name:
        raise LibraryError("没有填写三级指标名称")
    if len(name) > 300:
        raise LibraryError("三级指标名称超过300字")
    level1, level2 = row.get("一级指标", ""), row.get("二级指标", "")
    if not rules.is_category(level1, level2):
        raise LibraryError(f"“{level1} › {level2}”不是规定的指标类别")
    kind = _KINDS.get(row.get("类型", "") or "共性指标")
    if kind is None:
        raise LibraryError(f"类型“{row.get('类型')}”应为“共性指标”或“行业指标”")
    nature = row.get("指标性质", "")
    if nature and nature not in _NATURES:
        raise LibraryError(f"指标性质“{nature}”应为：{'、'.join(sorted(_NATURES))}")
    return LibraryIndicator(
        keeper=keeper,
        kind=kind,
        sector=row.get("行业", "")[:100],
        level1=level1,
        level2=level2,
        name=name,
        unit=row.get("度量单位", "")[:30],
        nature=nature,
        reference_value=row.get("参考指标值", "")[:100],
        note=row.get("说明", "")[:300],
        created_by=user,
    )


def _exists(entry: LibraryIndicator) -> bool:
    return LibraryIndicator.objects.filter(
        keeper=entry.keeper,
        level1=entry.level1,
        level2=entry.level2,
        name=entry.name,
        retired_at__isnull=True,
    ).exists()


@transaction.atomic
def library_add(*, keeper: Organisation, user: Account, row: dict[str, str]) -> LibraryIndicator:
    entry = _entry(keeper, user, {k: _clean(v) for k, v in row.items()})
    if _exists(entry):
        raise LibraryError(f"指标库中已有“{entry}”")
    entry.save()
    return entry


@dataclass
class ImportReport:
    added: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)


def _rows(content: bytes) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a file that is not a workbook
        raise LibraryError("无法读取该文件：请上传 Excel（.xlsx）文件，第一行为表头。") from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [_clean(c) for c in next(lines, ())]
    missing = [c for c in ("一级指标", "二级指标", "三级指标") if c not in header]
    if missing:
        raise LibraryError(f"表头缺少“{'”“'.join(missing)}”列。请使用指标库导入模板。")
    rows = []
    for number, cells in enumerate(lines, start=2):
        if number - 1 > MAX_ROWS:
            raise LibraryError(f"一次最多导入{MAX_ROWS}行，请分批导入。")
        row = {h: _clean(v) for h, v in zip(header, cells, strict=False) if h}
        if any(row.values()):
            rows.append((number, row))
    return rows


@transaction.atomic
def library_import(*, keeper: Organisation, user: Account, content: bytes) -> ImportReport:
    """Add every good row of a spreadsheet; rows already in the library are counted, not added
    twice; each bad row is reported by its row number and reason, and the others still go in."""
    report = ImportReport()
    seen: set[tuple[str, str, str]] = set()
    for number, row in _rows(content):
        try:
            entry = _entry(keeper, user, row)
        except LibraryError as error:
            report.errors.append(f"第{number}行：{error}")
            continue
        key = (entry.level1, entry.level2, entry.name)
        if key in seen or _exists(entry):
            report.duplicates += 1
            continue
        seen.add(key)
        entry.save()
        report.added += 1
    return report


def library_retire(*, entry: LibraryIndicator, user: Account) -> LibraryIndicator:
    if entry.retired_at is None:
        entry.retired_at = timezone.now()
        entry.save(update_fields=["retired_at"])
    return entry


def template_bytes() -> bytes:
    """The import template: the header row and one example row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "指标库"
    sheet.append(list(COLUMNS))
    sheet.append(
        ["共性指标", "", "产出指标", "数量指标", "培训人次", "人次", "≥", "500", "示例行，可删除"]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
