"""填报进度 as XLSX: one row per unit with its department, due date, state, days late, last
activity and reminders, then each department's and the task's tallies."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from jixiao.web.season.selectors import ProgressTable


def progress_xlsx(table: ProgressTable) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "填报进度"
    sheet.append([table.task.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"截至 {table.today:%Y-%m-%d}"])
    sheet.append([])
    header = ["主管部门", "单位", "截止日期", "状态", "表单数", "逾期天数", "最近操作", "催报次数"]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for block in table.blocks:
        for row in block.rows:
            sheet.append(
                [
                    block.department.name,
                    row.unit.name,
                    row.due,
                    row.state_label,
                    row.forms,
                    row.late,
                    row.last_activity.replace(tzinfo=None) if row.last_activity else None,
                    row.reminders,
                ]
            )
    tallies = book.create_sheet("汇总")
    states = [label for _state, label, _n, _p in table.overall.cells()]
    tallies.append(["范围", "单位数", *states, "已上报", "上报率(%)", "逾期未报"])
    for cell in tallies[1]:
        cell.font = Font(bold=True)
    for name, tally in [(b.department.name, b.tally) for b in table.blocks] + [
        ("全部", table.overall)
    ]:
        tallies.append(
            [
                name,
                tally.total,
                *[n for _s, _l, n, _p in tally.cells()],
                tally.handed_in,
                tally.handed_in_share,
                tally.late,
            ]
        )
    for ws in (sheet, tallies):
        for column in ws.columns:
            letter = column[0].column_letter  # type: ignore[union-attr]
            ws.column_dimensions[letter].width = 18
    out = BytesIO()
    book.save(out)
    return out.getvalue()
