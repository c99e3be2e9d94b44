"""The text importer on the seed: pdftotext output of a real published form."""

from __future__ import annotations

import codecs
from decimal import Decimal
from typing import Any

from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import form_to_data
from jixiao.formats.importers.text import decode_text
from jixiao.formats.importing import import_bytes
from jixiao.formats.registry import importer_for


def test_the_seed_text_gives_exactly_the_hand_checked_form(
    seed_bytes: bytes, seed_data: dict[str, Any]
) -> None:
    results = import_bytes(seed_bytes, "000_5d8deeef18680608.txt")
    assert len(results) == 1
    assert form_to_data(results[0].form) == seed_data


def test_task_3_split_by_the_page_break_is_one_task_with_its_funds_once(seed_bytes: bytes) -> None:
    form = import_bytes(seed_bytes, "seed.txt")[0].form
    assert isinstance(form, DepartmentForm)
    assert [t.number for t in form.tasks] == [1, 2, 3]
    assert [len(t.indicators) for t in form.tasks] == [3, 6, 3]
    # domain.md: the task funds come to 156.51 in all (10.00 + 113.12 + 33.39).
    assert sum(t.funds for t in form.tasks if t.funds is not None) == Decimal("156.51")


def test_the_report_says_where_each_figure_was_read(seed_bytes: bytes) -> None:
    report = import_bytes(seed_bytes, "seed.txt")[0].report
    initial = report.provenance["funds.initial_budget"]
    assert (initial.source.page, initial.source.line) == (1, 13)
    assert report.provenance["tasks[2].indicators[1].actual"].source.line == 162
    assert all(0 < p.confidence <= 1 for p in report.provenance.values())
    assert report.unplaced == []
    assert report.warnings == []


def test_the_seed_reads_the_same_from_gb18030_and_with_a_bom(
    seed_bytes: bytes, seed_data: dict[str, Any]
) -> None:
    text = seed_bytes.decode("utf-8")
    for data in (text.encode("gb18030"), codecs.BOM_UTF8 + seed_bytes):
        assert form_to_data(import_bytes(data, "seed.txt")[0].form) == seed_data


def test_the_text_importer_is_chosen_by_content_whatever_the_name(seed_bytes: bytes) -> None:
    importer = importer_for(seed_bytes, "downloaded.dat")
    assert importer is not None and importer.name == "text"


def test_binary_data_is_not_text() -> None:
    assert decode_text(bytes(range(256)) * 4) is None
    assert decode_text("部门名称".encode("gbk")) == "部门名称"
