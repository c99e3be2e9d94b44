"""The 项目支出绩效目标申报表 read back from text: jixiao's own PDF of a declaration, as
``pdftotext -layout`` gives it (a plain-text copy) and as the PDF's text layer gives it, imports
with every field equal. Persona: 单位填报人 who kept only the printed declaration.

Two declarations: the sample, and a long one in 元 whose names, department, goals and an
indicator name wrap in their cells and whose 一级/二级 labels span up to five rows."""

from __future__ import annotations

import json
import subprocess

import pytest

from jixiao.core.formtypes import FORM_TYPES
from jixiao.core.model.declaration import TargetDeclarationForm
from jixiao.core.serialization import form_from_data
from jixiao.formats.importing import import_bytes
from jixiao.formats.pdfread import read_pdf
from jixiao.formats.pdfread.grid import split_forms, text_lines
from jixiao.formats.registry import get_exporter
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse import NotAForm, lines_from_text, parse_lines
from jixiao.formats.textparse.declaration import parse_declaration
from jixiao.formats.textparse.readers import TEXT_READERS, reader_for
from tests.conftest import FIXTURES

SAMPLES = ["sample_target_declaration.json", "sample_target_declaration_long.json"]


def _form(name: str) -> TargetDeclarationForm:
    form = form_from_data(json.loads((FIXTURES / name).read_text(encoding="utf-8")))
    assert isinstance(form, TargetDeclarationForm)
    return form


def _pdf(form: TargetDeclarationForm) -> bytes:
    return get_exporter("pdf").write(form)


def _layout_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def test_every_form_type_has_a_text_reader() -> None:
    assert set(TEXT_READERS) == set(FORM_TYPES)


@pytest.mark.parametrize("name", SAMPLES)
def test_the_plain_text_of_its_pdf_imports_with_every_field_equal(name: str) -> None:
    form = _form(name)
    text = _layout_text(_pdf(form)).encode("utf-8")
    [result] = import_bytes(text, "申报表.txt")
    assert result.form == form
    assert result.report.importer == "text"
    assert result.report.provenance["funds.total"].confidence >= 0.9


@pytest.mark.parametrize("name", SAMPLES)
def test_the_text_layer_of_its_pdf_reads_with_every_field_equal(name: str) -> None:
    form = _form(name)
    [group] = split_forms(read_pdf(_pdf(form)))
    [parsed] = parse_lines(text_lines(group), "pdf", "申报表.pdf")
    assert parsed.form == form


@pytest.mark.parametrize("name", SAMPLES)
def test_its_pdf_imports_with_every_field_equal(name: str) -> None:
    form = _form(name)
    [result] = import_bytes(_pdf(form), "申报表.pdf")
    assert result.form == form


def test_a_declaration_is_not_taken_for_a_project_self_evaluation() -> None:
    # It names most of a project form's labels (项目名称, 实施单位, 年度资金总额, 三级指标).
    lines = lines_from_text(_layout_text(_pdf(_form(SAMPLES[0]))))
    reader = reader_for(lines)
    assert reader is not None and reader.form_type == "project_target"


def test_a_text_without_project_name_or_year_is_refused_in_chinese() -> None:
    with pytest.raises(NotAForm, match="项目支出绩效目标申报表"):
        parse_declaration(lines_from_text("随便一段文字\n没有表格"), ImportReport())
    text = "项目支出绩效目标申报表\n 项目名称   某项目\n 中长期目标   年度目标\n"
    with pytest.raises(NotAForm, match="年度"):
        parse_declaration(lines_from_text(text), ImportReport())
