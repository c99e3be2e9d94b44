"""The XLSX importer: jixiao's own export reads back identical; a template filled by hand,
with its cells moved and its formulas never calculated, reads by its labels."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.serialization import Form, form_to_data
from jixiao.formats.importing import import_bytes
from jixiao.formats.registry import importer_for
from tests.formats.importers.variants import long_department_form, long_project_form


def test_the_seed_comes_back_from_its_xlsx_identical_on_every_field(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    result = import_bytes(export("xlsx", seed_form_model), "seed.xlsx")[0]
    assert form_to_data(result.form) == form_to_data(seed_form_model)
    assert result.report.provenance["funds.initial_budget"].source.cell == "自评表!E5"
    assert result.report.warnings == [] and result.report.unplaced == []


def test_the_sample_project_form_comes_back_from_its_xlsx(
    project_form_model: ProjectForm, export: Callable[[str, Form], bytes]
) -> None:
    form = import_bytes(export("xlsx", project_form_model), "project.xlsx")[0].form
    assert form == project_form_model


def test_long_forms_come_back_from_xlsx(export: Callable[[str, Form], bytes]) -> None:
    for original in (long_department_form(), long_project_form()):
        assert import_bytes(export("xlsx", original), "long.xlsx")[0].form == original


def moved(data: bytes, rows: int, cols: int) -> bytes:
    """The workbook with every cell and merge moved down ``rows`` and right ``cols``, saved
    by openpyxl, which keeps formulas but drops their cached results (as a hand-edited
    template saved by a program that does not calculate)."""
    source = load_workbook(io.BytesIO(data))
    sheet = source.active
    assert sheet is not None
    target = Workbook()
    out = target.active
    assert out is not None
    out.title = "填报"
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            if isinstance(value, str) and value.startswith("="):
                # Formulas refer to cells: move their references too.
                value = _shift_formula(value, rows, cols)
            moved_cell = out.cell(row=cell.row + rows, column=cell.column + cols, value=value)
            moved_cell.number_format = cell.number_format
    for rng in sheet.merged_cells.ranges:
        out.merge_cells(
            start_row=rng.min_row + rows,
            start_column=rng.min_col + cols,
            end_row=rng.max_row + rows,
            end_column=rng.max_col + cols,
        )
    out.cell(row=1, column=1, value="（填报说明：请勿改动栏目名称）")
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def _shift_formula(formula: str, rows: int, cols: int) -> str:
    from openpyxl.formula.translate import Translator

    destination = f"{chr(ord('A') + cols)}{1 + rows}"
    return str(Translator(formula, origin="A1").translate_formula(destination))


def test_a_template_moved_by_two_rows_and_a_column_reads_by_its_labels(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    data = moved(export("xlsx", seed_form_model), rows=2, cols=1)
    result = import_bytes(data, "filled.xlsx")[0]
    form = result.form
    assert isinstance(form, DepartmentForm)
    # Stated figures read as typed; the three formulas had no cached value and were
    # recomputed (adjustment 818.17, rates 98.82% and 29% as domain.md works them out).
    assert form_to_data(form) == form_to_data(seed_form_model)
    assert result.report.provenance["funds.initial_budget"].source.cell == "填报!F7"
    assert any("重新计算" in w and "预算调整率" in w for w in result.report.warnings)
    assert any("重新计算" in w and "预算完成率" in w for w in result.report.warnings)


def test_a_project_template_with_uncalculated_formulas_is_scored_as_the_core_scores(
    project_form_model: ProjectForm, export: Callable[[str, Form], bytes]
) -> None:
    data = moved(export("xlsx", project_form_model), rows=1, cols=0)
    result = import_bytes(data, "project.xlsx")[0]
    form = result.form
    assert isinstance(form, ProjectForm)
    # Execution 190 / 200 = 95.00%, score 9.50; total 94.38 and grade 优 (the fixture's
    # hand-checked figures).
    assert form.funds.execution_rate == Decimal("95.00")
    assert form.funds.score == Decimal("9.50")
    assert form.total_score == Decimal("94.38")
    assert form.grade == "优"
    assert any("总分" in w and "重新计算" in w for w in result.report.warnings)


def test_amounts_typed_as_text_are_read_as_amounts(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    book = load_workbook(io.BytesIO(export("xlsx", seed_form_model)))
    sheet = book.active
    assert sheet is not None
    sheet["E5"] = "2,803.45"
    buffer = io.BytesIO()
    book.save(buffer)
    form = import_bytes(buffer.getvalue(), "typed.xlsx")[0].form
    assert isinstance(form, DepartmentForm)
    assert form.funds.initial_budget == Decimal("2803.45")


def test_an_xlsx_is_recognised_by_its_content_whatever_its_name(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    importer = importer_for(export("xlsx", seed_form_model), "download.bin")
    assert importer is not None and importer.name == "xlsx"
