"""The PDF importer on jixiao's own exports: model → PDF → model gives the model back."""

from __future__ import annotations

from collections.abc import Callable

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.serialization import Form, form_to_data
from jixiao.formats.importing import import_bytes
from jixiao.formats.pdfread import read_pdf
from tests.formats.importers.variants import long_department_form, long_project_form


def read_back(data: bytes, name: str = "form.pdf") -> Form:
    results = import_bytes(data, name)
    assert len(results) == 1
    return results[0].form


def test_the_seed_comes_back_from_its_pdf_identical_on_every_field(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    form = read_back(export("pdf", seed_form_model))
    assert form_to_data(form) == form_to_data(seed_form_model)


def test_task_indicator_targets_come_back_from_the_pdf_that_prints_them(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    form = seed_form_model.model_copy(deep=True)
    for task in form.tasks:
        for n, indicator in enumerate(task.indicators):
            indicator.target = f"≥{90 + n}%"
    result = import_bytes(export("pdf", form), "targets.pdf")[0]
    assert form_to_data(result.form) == form_to_data(form)
    assert "tasks[0].indicators[1].target" in result.report.provenance


def test_the_seed_pdf_import_reports_page_and_line_for_each_figure(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    result = import_bytes(export("pdf", seed_form_model), "seed.pdf")[0]
    report = result.report
    assert report.importer == "pdf"
    initial = report.provenance["funds.initial_budget"].source
    assert initial.page == 1 and initial.line is not None and initial.line > 1
    # Task 3 is printed on page 2 of the export.
    assert report.provenance["tasks[2].funds"].source.page == 2
    assert report.provenance["notes[1]"].source.page == 3
    assert report.unplaced == [] and report.warnings == []


def test_the_sample_project_form_comes_back_identical_from_its_pdf(
    project_form_model: ProjectForm, export: Callable[[str, Form], bytes]
) -> None:
    form = read_back(export("pdf", project_form_model))
    assert form == project_form_model
    assert isinstance(form, ProjectForm)
    # Printed as 13.50, read as 13.50: the same number as the stated 13.5.
    assert str(form.indicators[1].score) == "13.50"


def test_a_long_department_form_over_several_pages_comes_back_identical(
    export: Callable[[str, Form], bytes],
) -> None:
    original = long_department_form()
    pdf = export("pdf", original)
    result = import_bytes(pdf, "long.pdf")[0]
    # Headings repeated on every page and the "第 x 页 共 y 页" footers are not content.
    assert len(read_pdf(pdf)) >= 5
    assert result.form == original
    assert result.report.unplaced == []
    pages = {p.source.page for p in result.report.provenance.values()}
    assert len(pages) >= 5


def test_a_long_project_form_with_60_indicators_comes_back_identical(
    export: Callable[[str, Form], bytes],
) -> None:
    original = long_project_form()
    result = import_bytes(export("pdf", original), "project.pdf")[0]
    assert result.form == original
    assert result.report.warnings == []


def test_a_publication_with_several_forms_gives_each_form(
    seed_form_model: DepartmentForm,
    project_form_model: ProjectForm,
    export: Callable[[str, Form], bytes],
) -> None:
    import io

    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    for form in (seed_form_model, project_form_model):
        part = pdfium.PdfDocument(export("pdf", form))
        joined.import_pages(part)
    buffer = io.BytesIO()
    joined.save(buffer)
    forms = [r.form for r in import_bytes(buffer.getvalue(), "publication.pdf")]
    assert forms == [seed_form_model, project_form_model]


def test_reading_a_pdf_leaves_the_garbage_collector_as_it_found_it(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    import gc

    pdf = export("pdf", seed_form_model)
    assert gc.isenabled()
    assert read_pdf(pdf) and gc.isenabled()
    gc.disable()
    try:
        assert read_pdf(pdf) and not gc.isenabled()
    finally:
        gc.enable()
