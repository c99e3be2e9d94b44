"""Reading forms as units and publishers really print them.

Published tables reach jixiao flattened in every way (cells separated by ``|`` or tabs, one
cell per paragraph, a whole table on one line, traditional characters, injected pinyin, OCR
glyph confusions). This package reads them as a stream of cells (:mod:`.cells`), finds each
form by its title, and places values under the column headers the layout prints
(:mod:`.funds`, :mod:`.indicators`), with the labels of every known variant kept as data in
``data/published_tables.json``. It never fills in a figure that is not printed: what it cannot
place is reported as missing, and a reading that fails its arithmetic check is refused.
"""

from __future__ import annotations

import re

from jixiao.formats.report import ImportReport
from jixiao.formats.tableread.cells import Cell, cells_of, is_plain_number, shape_of
from jixiao.formats.tableread.department import read_department
from jixiao.formats.tableread.fragment import read_fragment
from jixiao.formats.tableread.project import TOTAL_LABELS, read_project
from jixiao.formats.tableread.report import is_report, read_report
from jixiao.formats.tableread.vocabulary import vocabulary
from jixiao.formats.textparse import NotAForm, ParsedForm

__all__ = ["READER", "looks_like_published_form", "read_published"]

READER = "表格版式读取"
_MAX_TITLE = 40
_YEAR_ALONE = re.compile(r"^(?:19|20)\d{2}$")
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|html?)$", re.IGNORECASE)
_FILE_AFTER = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|html?)(?![a-z])", re.IGNORECASE)
_REPORT_FUNDS = re.compile(
    r"(年初[^，。,;；]{0,16}?预算[^，。,;；]{0,16}?|调整[^，。,;；]{0,10}?预算[^，。,;；]{0,10}?)(\d+(?:\.\d+)?)\s*(万元|元)"
)


def _title_kind(cells: list[Cell], i: int) -> str | None:
    """ "project" or "department" when ``cells[i]`` is a form's title."""
    if not _is_title(cells, i, vocabulary().project_titles):
        return "department" if _is_title(cells, i, vocabulary().department_titles) else None
    return "project"


def _is_title(cells: list[Cell], i: int, words: tuple[str, ...]) -> bool:
    cell = cells[i]
    if _FILE_NAME.search(cell.key):
        return False  # the published file's name, printed above its title
    if i > 0 and cells[i - 1].label in vocabulary().head_labels["project_name"]:
        return False  # a project named after its form
    # A title opens its cell (a glued table keeps the title at the start of its one cell); a
    # file name (《…自评表.docx》 in a hosting site's banner) is not one.
    for word in words:
        at = cell.key.find(word)
        if 0 <= at <= _MAX_TITLE and not _FILE_AFTER.match(cell.key, at + len(word)):
            return True
    return False


def looks_like_published_form(text: str) -> bool:
    cells = cells_of(text[:200_000])
    if any(_title_kind(cells, i) for i in range(len(cells))) or is_report(text):
        return True
    return read_fragment(text[:20_000], ImportReport(importer="text")) is not None


def read_published(text: str, importer: str = "text", filename: str = "") -> list[ParsedForm]:
    """Every project form and rubric-scored department form in ``text``. Raises
    :class:`NotAForm` with the reason in Chinese when there is none (a narrative report is
    named as such, with its funds sentence)."""
    shape = shape_of(text)
    cells = cells_of(text, shape)
    kinds = {i: kind for i in range(len(cells)) if (kind := _title_kind(cells, i))}
    titles = list(kinds)
    if not titles:
        report = ImportReport(importer=importer, filename=filename)
        if is_report(text):
            form = read_report(text, report)
            if form is not None:
                return [ParsedForm(form, report)]
        elif (fragment := read_fragment(text, report)) is not None:
            return [ParsedForm(fragment, report)]
        raise NotAForm(_not_a_form(text))
    results: list[ParsedForm] = []
    reasons: list[str] = []
    begins = [_begin(cells, at, titles[n - 1] + 1 if n else 0) for n, at in enumerate(titles)]
    for n, at in enumerate(titles):
        begin = begins[n]
        stop = begins[n + 1] if n + 1 < len(titles) else len(cells)
        part = cells[begin : max(stop, at + 1)]
        report = ImportReport(importer=importer, filename=filename)
        read = read_project if kinds[at] == "project" else read_department
        form = read(part, at - begin, shape, report)
        if form is None:
            reasons.append("表头没有印出评价年度")
            continue
        if n == 0 and at > 20:
            report.warn("表名之前还有内容（可能是上一张表的末尾，缺少表名与年度），未读取")
        report.warn(f"本表由{READER}读出（发布版式，非 jixiao 导出），请逐项核对")
        results.append(ParsedForm(form, report))
    if not results:
        raise NotAForm(reasons[0] if reasons else "文本中没有找到绩效自评表")
    return results


def _begin(cells: list[Cell], at: int, floor: int) -> int:
    """Where the form titled at ``at`` starts: up to two words before its title (``附件2``,
    ``(2022年度)``, a year ``2022`` whose 年 opens the title) but not a figure or the
    previous form's last label (``总分 97``)."""
    begin = at
    while begin > max(floor, at - 2):
        cell = cells[begin - 1]
        if cell.label.endswith(TOTAL_LABELS) or (
            is_plain_number(cell) and not _YEAR_ALONE.match(cell.key)
        ):
            break
        begin -= 1
    return begin


def _not_a_form(text: str) -> str:
    head = "".join(text[:600].split())
    if any(word in head for word in vocabulary().report_words):
        found = [f"{m.group(1)}{m.group(2)}{m.group(3)}" for m in _REPORT_FUNDS.finditer(text)]
        funds = f"；报告中的资金：{'，'.join(found[:3])}" if found else ""
        return f"这是绩效自评报告，不是自评表（报告没有可导入的表格）{funds}"
    return "文本中没有找到项目支出绩效自评表的表名"
