"""Fuzzing the PDF and XLSX importers with damaged copies of jixiao's own exports: whatever
the damage, either one line of Chinese (ImportFailure) or forms that pass the JSON Schema."""

from __future__ import annotations

import functools
import io
import zipfile
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.serialization import form_to_data, json_schema
from jixiao.formats.importing import ImportFailure, import_bytes
from tests.formats.importers.conftest import exported, load_fixture

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def _validator() -> Any:
    schema = json_schema()
    return jsonschema.validators.validator_for(schema)(schema)


@functools.cache
def seed_export(kind: str) -> bytes:
    return exported(kind, load_fixture("seed_form.json"))


@functools.cache
def project_export(kind: str) -> bytes:
    return exported(kind, load_fixture("sample_project_form.json"))


def imports_cleanly(data: bytes, filename: str) -> None:
    try:
        results = import_bytes(data, filename)
    except ImportFailure as failure:
        assert failure.message and "\n" not in failure.message
        return
    assert results
    for result in results:
        _validator().validate(form_to_data(result.form))


def garble(data: bytes, spots: list[tuple[float, bytes]]) -> bytes:
    out = bytearray(data)
    for where, junk in spots:
        at = int(where * (len(out) - 1))
        out[at : at + len(junk)] = junk
    return bytes(out)


spots = st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=16)), max_size=6)


@FUZZ
@given(cut=st.floats(0, 1), project=st.booleans())
def test_a_pdf_cut_anywhere_imports_or_fails_cleanly(cut: float, project: bool) -> None:
    pdf = project_export("pdf") if project else seed_export("pdf")
    imports_cleanly(pdf[: int(cut * len(pdf))], "cut.pdf")


@FUZZ
@given(damage=spots, keep_tail=st.booleans())
def test_a_garbled_pdf_imports_or_fails_cleanly(
    damage: list[tuple[float, bytes]], keep_tail: bool
) -> None:
    pdf = seed_export("pdf")
    data = garble(pdf, damage)
    if keep_tail:  # the end intact, so the reader goes past its first checks
        data = data[:-64] + pdf[-64:]
    imports_cleanly(data, "garbled.pdf")


@FUZZ
@given(cut=st.floats(0, 1), damage=spots)
def test_an_xlsx_cut_or_garbled_imports_or_fails_cleanly(
    cut: float, damage: list[tuple[float, bytes]]
) -> None:
    xlsx = seed_export("xlsx")
    imports_cleanly(garble(xlsx, damage)[: max(4, int(cut * len(xlsx)))], "cut.xlsx")


@FUZZ
@given(damage=spots, project=st.booleans())
def test_an_xlsx_with_garbled_sheet_xml_imports_or_fails_cleanly(
    damage: list[tuple[float, bytes]], project: bool
) -> None:
    """The zip intact, the sheet's XML damaged: the workbook parser and the grid reader
    see broken values, not a broken archive."""
    source = zipfile.ZipFile(io.BytesIO(project_export("xlsx") if project else seed_export("xlsx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = garble(content, damage)
            target.writestr(item, content)
    imports_cleanly(out.getvalue(), "garbled.xlsx")
