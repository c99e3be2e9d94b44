"""Fuzzing the published-table reader and the new importers: whatever the input, forms that
pass the JSON Schema or one line of Chinese, never a traceback. Deterministic and bounded."""

from __future__ import annotations

import functools
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.serialization import form_to_data, json_schema
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.tableread import read_published
from jixiao.formats.tableread.basedata import base_funds, year_in_text
from jixiao.formats.tableread.cells import cells_of
from jixiao.formats.tableread.explained import read_explained
from jixiao.formats.textparse import NotAForm
from tests.formats.tableread import published

FUZZ = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SAMPLES = [
    published.FLAT_MOF,
    published.PIPE_SICHUAN,
    published.TRADITIONAL_YUAN,
    published.ONE_CELL_PER_LINE,
    published.RUBRIC_PIPES,
    published.RUBRIC_FLAT,
    published.GLUED_COEFFICIENT,
    published.GLUED_PROJECT,
    published.BASEDATA_FLAT,
    published.YEAR_IN_NARRATIVE,
    published.TAB_NO_POINTS,
    published.VALUE_NEXT_LINE,
    published.FLAT_YUAN_TWO_FORMS,
    published.TRADITIONAL_PIPES,
    published.EXPLAINED_RUBRIC,
]
# What a table is made of: labels, figures, separators, the odd glyph.
ATOMS = st.sampled_from(
    [
        "|",
        " ",
        "\n",
        "\t",
        "||",
        "0",
        "100%",
        "12.5",
        "-3",
        "/",
        "≥",
        "﹦",
        "项目名称",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "执行率",
        "分值",
        "得分",
        "年度资金总额",
        "其中:本年财政拨款",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产出指标",
        "数量指标",
        "(2023年度)",
        "项目支出绩效自评表",
        "(万元)",
        "(元)",
        "萬元",
        "項(xiàng)",
        "IO",
        "合计",
        # borderless (OCR) rubric rows
        "部门整体绩效自评表",
        "是否核心指标",
        "100%1010否",
        "执行率得分(分)O76%107.6",
        "未完成原因分析及改进措施",
        "64.864.864.8100%",
        "2370人2370人",
        "一",
        "M.8万元",
        "1、",
    ]
)


@functools.cache
def _validator() -> Any:
    schema = json_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def _reads_cleanly(text: str) -> None:
    try:
        forms = read_published(text)
    except NotAForm as exc:
        assert exc.message and "\n" not in exc.message
        return
    for parsed in forms:
        _validator().validate(form_to_data(parsed.form))


@FUZZ
@given(st.lists(ATOMS, max_size=80))
def test_tables_made_of_random_parts(parts: list[str]) -> None:
    _reads_cleanly("".join(parts))


@FUZZ
@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 12), st.text(max_size=6)), max_size=5),
)
def test_damaged_published_forms(sample: str, edits: list[tuple[float, int, str]]) -> None:
    text = sample
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    _reads_cleanly(text)


def _imports_cleanly(data: bytes, filename: str) -> None:
    try:
        results = import_bytes(data, filename)
    except ImportFailure as failure:
        assert failure.message and "\n" not in failure.message
        return
    for result in results:
        _validator().validate(form_to_data(result.form))


@FUZZ
@given(
    st.lists(
        ATOMS | st.sampled_from(["<td>", "</td>", "<tr>", "<table>", "<p>", "</"]), max_size=60
    )
)
def test_html_pages_of_random_parts(parts: list[str]) -> None:
    _imports_cleanly(("<html><body>" + "".join(parts)).encode(), "page.html")


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_named_as_word_or_legacy_files(data: bytes) -> None:
    for name in ("form.docx", "form.html"):
        _imports_cleanly(b"PK\x03\x04" + data, name)
        _imports_cleanly(data, name)


# The parts of the rubric and basic-data readers: names, points, explanations, budgets.
RUBRIC_ATOMS = ATOMS | st.sampled_from(
    [
        "三级指标",
        "评价标准",
        "指标说明",
        "部门整体支出绩效评价得分表",
        "部门整体支出绩效评价基础数据表",
        "投入",
        "预算配置",
        "8",
        "16",
        "99.9",
        "计8分;",
        "预算调整",
        "追加预算12万元",
        "年初预算为",
        "预算完成率97%",
        "2021年决算数",
        "2022年度",
        "2023 年 4 月",
    ]
)


@FUZZ
@given(st.lists(RUBRIC_ATOMS, max_size=80))
def test_rubric_and_basic_data_tables_of_random_parts(parts: list[str]) -> None:
    text = " ".join(parts)
    cells = cells_of(text)
    for row in read_explained(cells):
        assert row.score is None or row.weight is None or row.score <= row.weight
    base_funds(cells)
    year_in_text(cells)
    _reads_cleanly(text)
