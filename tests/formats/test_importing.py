"""import_bytes: every form it returns is valid, and every file it cannot read gives one
Chinese line — for unreadable files we made, and for whatever hypothesis makes."""

from __future__ import annotations

import codecs
import functools
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.serialization import form_to_data, json_schema
from jixiao.formats.importing import ImportFailure, import_bytes, import_path
from tests.conftest import SEED_JSON, SEED_TEXT

DATA = Path(__file__).parent / "data"
SEED = SEED_TEXT.read_bytes()
PROJECT = (DATA / "project_grid_2022.txt").read_bytes()
SEED_LINES = SEED.decode("utf-8").split("\n")
PROJECT_LINES = PROJECT.decode("utf-8").split("\n")
VOCABULARY = [
    "部门名称（汇总）",
    "被评价年度 2022年",
    "部门整体支出绩效自评表",
    "项目支出绩效自评表",
    "部门年初预算收入 1,000.00",
    "预算完成率 98%",
    "主要任务",
    "任务1",
    "任务2",
    "10.00",
    "重点项目绩效情况",
    "主要绩效：1、",
    "注：1.",
    "项目名称 某项目",
    "（2022年度）",
    "年度资金总额 1 2 3 10 99% 9.9",
    "产出指标",
    "数量指标",
    "指标 ≥1个 1个 10 10",
    "总分 100 90",
    "\f",
    "",
]


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)  # type: ignore[no-any-return]


def assert_imports_cleanly(data: bytes, filename: str = "fuzz.txt") -> None:
    """Either one line of Chinese explaining the failure, or forms that pass the schema."""
    try:
        results = import_bytes(data, filename)
    except ImportFailure as failure:
        assert failure.message and "\n" not in failure.message
        return
    assert results
    for result in results:
        data_out: Any = form_to_data(result.form)
        _validator().validate(data_out)
        for fragment in result.report.unplaced:
            assert fragment.text


# --- files that cannot be read --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", "a.txt", "文件为空"),
        (b"  \n\r\n\t ", "a.txt", "文件为空"),
        (bytes(range(256)) * 8, "a.bin", "无法识别的文件格式"),
        (b"%PDF-1.7\n1 0 obj\n<< /Encrypt 5 0 R >>\n%%EOF", "a.pdf", "已加密"),
        (b"%PDF-1.7\n1 0 obj << /Type /Cat", "a.pdf", "已损坏"),
        (b"PK\x03\x04 broken zip", "a.xlsx", "Excel 文件已损坏"),
        ("一段与表单无关的文字。".encode(), "a.txt", "没有找到绩效自评表"),
        (b'{"department": 1}', "a.json", "不符合格式要求"),
        (b"{not json", "a.json", "不是有效的 JSON"),
    ],
)
def test_an_unreadable_file_raises_import_failure_with_a_reason(
    data: bytes, filename: str, reason: str
) -> None:
    with pytest.raises(ImportFailure) as caught:
        import_bytes(data, filename)
    assert reason in caught.value.message
    assert "\n" not in caught.value.message


def test_a_missing_path_is_an_import_failure(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="找不到文件"):
        import_path(tmp_path / "nowhere.txt")


def test_gbk_and_utf16_text_read_like_utf8() -> None:
    expected = SEED_JSON.read_text(encoding="utf-8")
    text = SEED.decode("utf-8")
    for data in (text.encode("gbk"), codecs.BOM_UTF16_LE + text.encode("utf-16-le")):
        result = import_bytes(data, "seed.txt")[0]
        assert form_to_data(result.form) == json.loads(expected)


def test_imported_forms_carry_the_validators_findings() -> None:
    report = import_bytes(SEED, "seed.txt")[0].report
    assert all(hasattr(f, "severity") and f.message for f in report.findings)
    paths = {f.path for f in report.findings}
    # The seed prints an adjustment rate of 29% with no written reason (domain.md §3).
    assert "funds.adjustment_reason" in paths


# --- fuzz -----------------------------------------------------------------------------------

# JIXIAO_FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the suite fast.
FUZZ = settings(
    max_examples=int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(st.integers(min_value=0, max_value=len(SEED)))
def test_the_seed_cut_anywhere_imports_or_fails_cleanly(cut: int) -> None:
    assert_imports_cleanly(SEED[:cut])


@FUZZ
@given(st.integers(min_value=0, max_value=len(PROJECT)))
def test_the_project_form_cut_anywhere_imports_or_fails_cleanly(cut: int) -> None:
    assert_imports_cleanly(PROJECT[:cut])


@FUZZ
@given(st.permutations(SEED_LINES))
def test_the_seed_with_shuffled_lines_imports_or_fails_cleanly(lines: list[str]) -> None:
    assert_imports_cleanly("\n".join(lines).encode("utf-8"))


@FUZZ
@given(st.lists(st.sampled_from(SEED_LINES + PROJECT_LINES), max_size=200))
def test_lines_of_both_forms_mixed_import_or_fail_cleanly(lines: list[str]) -> None:
    assert_imports_cleanly("\n".join(lines).encode("utf-8"))


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=30)), max_size=80))
def test_labels_and_random_text_import_or_fail_cleanly(parts: list[str]) -> None:
    assert_imports_cleanly("\n".join(parts).encode("utf-8"))


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.pdf", "a.json", "a", "a.xlsx"]))
def test_random_bytes_import_or_fail_cleanly(data: bytes, filename: str) -> None:
    assert_imports_cleanly(data, filename)
