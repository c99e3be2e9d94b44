"""PDF export: every field of the seed is printed and extractable, the CJK font is embedded,
page 1 has the reference table structure, long tables paginate with their head repeated."""

from __future__ import annotations

import io
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import money_text
from jixiao.core.serialization import form_from_json
from jixiao.formats.exporters.pdf import write_pdf
from tests.conftest import SEED_JSON
from tests.formats.exporters.conftest import (
    REFERENCE,
    full_department_form,
    long_department_form,
    needs_poppler,
    page_png,
    pdf_fonts,
    pdf_pages,
    pdf_text,
    png_image,
    squash,
    without_ratings,
)

pytestmark = needs_poppler

LINE_REFERENCE = REFERENCE / "seed_page1_lines.json"
TOLERANCE_PX = 2


@pytest.fixture(scope="module")
def seed() -> DepartmentForm:
    form = form_from_json(SEED_JSON.read_text(encoding="utf-8"))
    assert isinstance(form, DepartmentForm)
    return form


@pytest.fixture(scope="module")
def seed_pdf(seed: DepartmentForm) -> bytes:
    return write_pdf(seed)


def seed_fields(form: DepartmentForm) -> list[str]:
    """Every value of the seed as printed: texts, amounts with 2 decimals, rates."""
    fields: list[str] = [
        form.attachment_label,
        form.title,
        form.department,
        f"{form.year}年",
        "98.82%",
        "29%",
        *form.annual_goals.expected,
        form.annual_goals.achieved,
        form.overall_performance,
        form.problems,
        form.improvements,
        *form.notes,
    ]
    funds = form.funds
    for amount in (
        funds.initial_budget,
        funds.adjusted_budget,
        funds.adjustment,
        funds.actual_spending,
        funds.spending_by_source.general_public_budget,
    ):
        fields.append(money_text(amount))
    for task in form.tasks:
        fields += [
            f"任务{task.number}",
            task.expected_goal,
            task.achievement,
            money_text(task.funds),
        ]
        for indicator in task.indicators:
            fields += [indicator.name, indicator.actual or ""]
    for project in form.key_projects:
        fields += [project.name, project.indicator_completion, *project.achievements]
    return [f for f in fields if f]


LABELS = [
    "部门名称（汇总）", "被评价年度", "单位：万元", "部门资金情况", "部门调整预算收入",
    "部门年初预算收入", "实际支出数", "年度预算调整数", "其中：一般公共预算", "预算完成率",
    "预算调整率", "年度目标", "部门整体支出的预期目标", "部门整体支出的目标完成情况", "主要任务",
    "预期目标", "目标完成情况", "关键指标", "指标完成情况", "任务涉及资金", "重点项目绩效情况",
    "部门整体绩效", "存在问题", "改进措施或下一步计划",
]  # fmt: skip


def pdf_cells(pdf: bytes) -> list[str]:
    """The text of every table cell, cell by cell (pdftotext joins neighbouring cells' lines)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            squash(cell)
            for page in doc.pages
            for table in page.extract_tables()
            for row in table
            for cell in row
            if cell
        ]


def test_every_field_and_label_of_the_seed_is_in_its_own_cell(
    seed: DepartmentForm, seed_pdf: bytes
) -> None:
    cells = pdf_cells(seed_pdf)
    outside = {seed.attachment_label, seed.title, "单位：万元", *seed.notes}
    missing = [
        f
        for f in seed_fields(seed) + LABELS
        if f not in outside and not any(squash(f) in cell for cell in cells)
    ]
    assert missing == []


def test_the_text_outside_the_table_is_extractable(seed: DepartmentForm, seed_pdf: bytes) -> None:
    text = squash(pdf_text(seed_pdf))
    for field in (seed.attachment_label, seed.title, "单位：万元", *seed.notes):
        assert squash(field) in text
    assert squash(seed.overall_performance) in text  # a long cell reads back in one piece


def test_lists_are_numbered_in_print(seed_pdf: bytes) -> None:
    text = squash(pdf_text(seed_pdf))
    assert "一、以党的二十大安保维稳工作为主线" in text
    assert "四、以党的政治建设为统领" in text
    assert "主要绩效：1、在广州市天河区" in text
    assert "注：1.每个部门至少开展" in text and "2.各预算主管部门" in text


def test_a_cjk_font_is_embedded(seed_pdf: bytes, tmp_path: Path) -> None:
    fonts = pdf_fonts(seed_pdf, tmp_path)
    cjk = [f for f in fonts if "CJK" in f[0]]
    assert cjk, fonts
    # columns: name type… encoding emb sub uni object ID; emb is 5th from the end
    assert all(f[-5] == "yes" for f in fonts)


def test_pages_are_numbered_in_the_footer(seed_pdf: bytes) -> None:
    pages = pdf_pages(seed_pdf)
    assert pages >= 2
    for page in range(1, pages + 1):
        assert f"第{page}页共{pages}页" in squash(pdf_text(seed_pdf, page, page))


def table_lines(png: bytes, min_run: int = 25) -> dict[str, list[list[int]]]:
    """Horizontal and vertical rules of page 1: runs of dark pixels at least ``min_run`` long
    (text strokes are shorter), adjacent pixel rows/columns merged into one rule."""
    image = png_image(png)
    width, height = image.size
    pixels = image.load()

    def runs(length: int, other: int, dark: Any) -> list[list[int]]:
        found: list[list[int]] = []
        for i in range(other):
            start = None
            for j in range(length + 1):
                on = j < length and dark(i, j)
                if on and start is None:
                    start = j
                elif not on and start is not None:
                    if j - start >= min_run:
                        found.append([i, start, j - 1])
                    start = None
        merged: list[list[int]] = []
        for line in found:
            last = merged[-1] if merged else None
            if last and line[0] - last[0] <= 1 and abs(line[1] - last[1]) <= 2:
                last[0] = line[0]
                continue
            merged.append(line)
        return merged

    horizontal = runs(width, height, lambda y, x: pixels[x, y] < 128)
    vertical = runs(height, width, lambda x, y: pixels[x, y] < 128)
    return {"horizontal": horizontal, "vertical": vertical}


def _matches(found: list[list[int]], expected: list[list[int]]) -> bool:
    return len(found) == len(expected) and all(
        all(abs(a - b) <= TOLERANCE_PX for a, b in zip(f, e, strict=True))
        for f, e in zip(found, expected, strict=True)
    )


def test_page_one_has_the_reference_table_structure(seed_pdf: bytes) -> None:
    """The rules of page 1 at 60 dpi against a reference checked by eye. To accept a deliberate
    layout change: JIXIAO_UPDATE_REFERENCE=1, then look at the new page and commit."""
    lines = table_lines(page_png(seed_pdf, 1, 60))
    if os.environ.get("JIXIAO_UPDATE_REFERENCE"):
        LINE_REFERENCE.write_text(json.dumps(lines, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(LINE_REFERENCE.read_text(encoding="utf-8"))
    assert len(lines["horizontal"]) >= 15 and len(lines["vertical"]) >= 7  # it is a table
    assert _matches(lines["horizontal"], expected["horizontal"]), lines["horizontal"]
    assert _matches(lines["vertical"], expected["vertical"]), lines["vertical"]


def test_the_structural_check_catches_a_moved_column(seed: DepartmentForm) -> None:
    from jixiao.formats.exporters.pdf import sheet_to_pdf
    from jixiao.formats.layouts import layout_for, sheet_for

    layout = layout_for(seed)
    widths = list(layout.columns_mm)
    widths[1], widths[2] = widths[1] + 6, widths[2] - 6
    moved = layout.model_copy(update={"columns_mm": tuple(widths)})
    lines = table_lines(page_png(sheet_to_pdf(sheet_for(seed, moved)), 1, 60))
    expected = json.loads(LINE_REFERENCE.read_text(encoding="utf-8"))
    assert not _matches(lines["vertical"], expected["vertical"])


def test_sixty_indicators_paginate_with_the_head_repeated(seed: DepartmentForm) -> None:
    pdf = write_pdf(long_department_form(seed, 60))
    pages = pdf_pages(pdf)
    assert pages > 1
    second = squash(pdf_text(pdf, 2, 2))
    assert "关键指标" in second and "指标完成情况" in second and "任务涉及资金" in second
    cells = pdf_cells(pdf)
    assert all(f"补充指标{i:02d}" in cells for i in range(1, 58))


def test_a_five_hundred_character_indicator_name_is_printed_whole(seed: DepartmentForm) -> None:
    form = seed.model_copy(deep=True)
    name = "".join(f"第{i}段超长指标名称" for i in range(1, 60))[:500]
    form.tasks[0].indicators[0] = form.tasks[0].indicators[0].model_copy(update={"name": name})
    assert name in pdf_cells(write_pdf(form))


def test_a_form_with_missing_parts_still_exports(bare_department_form: DepartmentForm) -> None:
    pdf = write_pdf(bare_department_form)
    text = squash(pdf_text(pdf))
    assert "2023年度某区某局部门整体支出绩效自评表" in text
    assert "部门名称" in text and "（汇总）" not in text and "关键指标" in text


def test_the_project_form_prints_every_field(project_form: ProjectForm) -> None:
    pdf = write_pdf(project_form)
    text = squash(pdf_text(pdf))
    cells = pdf_cells(pdf)
    for field in [
        "项目支出绩效自评表",
        "（2022年度）",
        project_form.project_name,
        project_form.department,
        project_form.implementing_unit,
        "年度资金总额",
        "其中：本年财政拨款",
        "上年结转资金",
        "其他资金",
        "全年预算数（A）",
        "执行率（B/A）",
        "85.50",
        "95.00%",
        "9.50",
        "偏差原因分析及改进措施",
        "总分",
        "92.50",
        "评价等级",
        "优",
        project_form.goal_expected,
        project_form.goal_actual,
    ]:
        assert squash(field) in text, field
    for row in project_form.indicators:
        assert {row.level1, row.level2, row.name, row.target, row.actual} <= set(cells)


def test_project_execution_rate_uses_the_rule_sets_precision(project_form: ProjectForm) -> None:
    form = project_form.model_copy(deep=True)
    form.funds.total.executed = Decimal("85.4321")
    text = squash(pdf_text(write_pdf(form)))
    assert "94.92%" in text  # 85.4321 / 90 = 94.9245…%, two decimals in the national set


def test_every_optional_row_of_a_full_department_form_is_printed(seed: DepartmentForm) -> None:
    form = full_department_form(seed)
    cells = pdf_cells(write_pdf(form))
    for field in [
        "其中：一般公共预算",
        "1838.18",
        "其中：政府性基金预算",
        "120.50",
        "其中：国有资本经营预算",
        "0.00",
        "其中：其他",
        "3.20",
        "预算调整说明",
        form.funds.adjustment_reason,
        "预算调整明细",
        "调整金额",
        "调整原因",
        "300.00",
        "-50.25",
        "追减项目结余",
        "指标值",
        "≥95%",
    ]:
        assert squash(field) in cells, field


def _page_size(pdf: bytes) -> tuple[float, float]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        return float(page.width), float(page.height)


def test_the_sample_project_form_prints_on_its_wide_variant(
    sample_project_form: ProjectForm,
) -> None:
    pdf = write_pdf(sample_project_form)
    width, height = _page_size(pdf)
    assert width > height  # A4 landscape
    cells = pdf_cells(pdf)
    for field in ["指标性质", "度量单位", "定性评价", "定性", "户次", "分钟", "部分达成"]:
        assert field in cells, field
    text = squash(pdf_text(pdf))
    for field in [
        "评价等级",
        "评价结论",
        sample_project_form.conclusion,
        "存在问题",
        sample_project_form.problems,
        "改进措施",
        sample_project_form.measures,
        "94.38",
    ]:
        assert squash(field) in text, field


def test_the_plain_project_form_stays_portrait_on_the_mof_layout(
    project_form: ProjectForm,
) -> None:
    pdf = write_pdf(without_ratings(project_form))
    width, height = _page_size(pdf)
    assert width < height
    assert "指标性质" not in squash(pdf_text(pdf))


def test_pages_are_unchanged_when_the_font_configuration_is_reused(seed: DepartmentForm) -> None:
    """The export keeps one font configuration per thread: a seed printed after a longer form
    (more glyphs in Pango's caches) looks exactly like one printed by a fresh WeasyPrint."""
    from weasyprint import HTML

    from jixiao.formats.exporters.html import render_html_document

    fresh = HTML(string=render_html_document(seed)).write_pdf()
    assert fresh is not None
    write_pdf(long_department_form(seed, 30))
    reused = write_pdf(seed)
    assert pdf_pages(reused) == pdf_pages(fresh)
    for page in range(1, pdf_pages(fresh) + 1):
        assert page_png(reused, page) == page_png(fresh, page)


def test_each_thread_keeps_its_own_font_configuration() -> None:
    import threading

    from jixiao.formats.exporters import pdf as exporter

    mine = exporter._font_config()
    assert exporter._font_config() is mine
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(exporter._font_config()))
    thread.start()
    thread.join()
    assert seen and seen[0] is not mine


def test_streams_are_still_deflated(seed: DepartmentForm, seed_pdf: bytes) -> None:
    """Deflated at zlib's default level: a few hundred bytes more than pydyf's level 9, far
    from the uncompressed file."""
    from weasyprint import HTML

    from jixiao.formats.exporters.html import render_html_document

    assert b"/FlateDecode" in seed_pdf
    raw = HTML(string=render_html_document(seed)).write_pdf(uncompressed_pdf=True)
    assert raw is not None
    assert len(seed_pdf) < len(raw) / 2


def _subset_calls(seed: DepartmentForm, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Any]]:
    """Export the seed, recording each font WeasyPrint subsets and the glyphs it keeps; with
    the exporter's subsetting (in place from the first export)."""
    from weasyprint.pdf import fonts

    write_pdf(seed)
    one_pass = fonts.Font._harfbuzz_subset
    calls: list[Any] = []

    def record(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        calls.append((font, dict(to_unicode), hinting))
        one_pass(font, to_unicode, hinting)

    monkeypatch.setattr(fonts.Font, "_harfbuzz_subset", record)
    write_pdf(seed)
    return one_pass, calls


def test_fonts_are_subset_in_one_pass_to_the_bytes_of_weasyprints_two(
    seed: DepartmentForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao.formats.exporters.pdf import _FaceBlob

    one_pass, calls = _subset_calls(seed, monkeypatch)
    assert [font.family for font, _, _ in calls] == ["Noto Serif CJK SC"] * 2  # regular, bold
    for font, to_unicode, hinting in calls:
        ours = font.file_content
        assert 10_000 < len(ours) < 2_000_000  # a subset, not the 26 MB collection
        font.file_content = _FaceBlob(font.hb_face)  # the whole font again, as WeasyPrint had it
        one_pass.jixiao_two_passes(font, to_unicode, hinting)
        assert font.file_content == ours


def test_a_fonts_whole_file_is_still_there_when_read(
    seed: DepartmentForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not copied for each document any more, but a font WeasyPrint does not subset (or a
    variable or colour font it rewrites) still reads the whole file, as HarfBuzz has it."""
    from weasyprint.text.fonts import get_hb_object_data

    from jixiao.formats.exporters.pdf import _FaceBlob

    _, calls = _subset_calls(seed, monkeypatch)
    font = calls[0][0]
    font.file_content = _FaceBlob(font.hb_face)
    whole = font.file_content
    assert isinstance(whole, bytes) and whole[:4] == b"ttcf" and len(whole) > 10_000_000
    assert whole == get_hb_object_data(font.hb_face)
    assert font.file_content is whole  # copied once
