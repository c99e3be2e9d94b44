"""One source for every figure: for generated forms of every type, each derived figure that the
editor state, the API's JSON, the PDF (as pdftotext reads it), the XLSX (cached values, as a
spreadsheet shows them before recalculating) and the CSV show equals the core's analysis.

Persona: 审核人 comparing the screen with the signed printout and the downloaded workbook.
Deterministic (the project's hypothesis profile) and bounded: PDF typesetting is the slow part.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jixiao.core.analysis import analyse, complete
from jixiao.core.formtypes import FORM_TYPES, Figure
from jixiao.core.money import round_money, round_rate
from jixiao.core.serialization import form_from_data, form_to_data
from jixiao.formats.exporters.csv_file import write_csv
from jixiao.formats.exporters.pdf import sheet_to_pdf
from jixiao.formats.exporters.xlsx import sheet_to_xlsx
from jixiao.formats.layouts import Cell, sheet_for
from jixiao.web.api.models import ApiToken
from jixiao.web.evaluations.editor.session import as_post, read_post
from jixiao.web.evaluations.editor.state import build_state, path_to_name
from jixiao.web.evaluations.models import Evaluation
from tests.conftest import FIXTURES
from tests.web.conftest import make_form

CHECKED = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

amounts = st.one_of(
    st.none(),
    st.decimals(min_value="-50", max_value="5000", places=2),
    st.just(Decimal("0.00")),
)
quantities = st.decimals(min_value="0", max_value="10000", places=2).map(lambda d: f"{d:f}")


@st.composite
def department_data(draw: st.DrawFn) -> dict[str, Any]:
    """The seed form with other budget, adjustment and spending figures (none, zero, negative)."""
    data = json.loads((FIXTURES / "seed_form.json").read_text(encoding="utf-8"))
    funds = data["funds"]
    for name in ("initial_budget", "adjusted_budget", "actual_spending"):
        value = draw(amounts)
        funds[name] = None if value is None else f"{value:f}"
    return data


@st.composite
def project_data(draw: st.DrawFn) -> dict[str, Any]:
    """The sample project with other funds, indicator values and stated points."""
    data = json.loads((FIXTURES / "sample_project_form.json").read_text(encoding="utf-8"))
    total = data["funds"]["total"]
    for name in ("annual_budget", "executed"):
        value = draw(amounts)
        total[name] = None if value is None else f"{value:f}"
    for row in data["indicators"]:
        if row.get("nature") == "定性" or row.get("rating"):
            row["rating"] = draw(st.sampled_from(["达成", "部分达成", "未达成"]))
            continue
        op = draw(st.sampled_from(["≥", "≤", "="]))
        unit = row.get("unit") or ""
        row["target"] = f"{op}{draw(quantities)}{unit}"
        row["actual"] = draw(st.one_of(st.just(""), quantities.map(lambda q, u=unit: f"{q}{u}")))
        row["weight"] = draw(st.sampled_from([None, "5", "10", "15"]))
    return data


@st.composite
def declaration_data(draw: st.DrawFn) -> dict[str, Any]:
    """The sample target declaration with other funds (sources that may not add up)."""
    data = json.loads((FIXTURES / "sample_target_declaration.json").read_text(encoding="utf-8"))
    for name in ("total", "fiscal", "other"):
        value = draw(amounts)
        data["funds"][name] = None if value is None else f"{value:f}"
    return data


# The layout key that prints a core figure (the score card's "points" are the sheet's 分值).
def _layout_key(path: str) -> str:
    if path == "funds.total.points":
        return "funds.weight"
    if path == "funds.total.score":
        return "funds.score"
    return path.removesuffix(".points") + ".weight" if path.endswith(".points") else path


def _number(text: str) -> Decimal | None:
    text = text.strip().rstrip("%")
    return Decimal(text) if text else None


def _same(figure: Figure, shown: object, *, fraction: bool = False) -> bool:
    """A shown value (cell number, cached value, text) equals the core's printed figure."""
    expected = figure.text
    if figure.path == "grade":
        return (shown or "") == expected
    want = _number(expected)
    if shown is None or shown == "":
        return want is None
    value = Decimal(str(shown)) if not isinstance(shown, str) else _number(shown)
    if want is None or value is None:
        return False
    if expected.endswith("%"):
        places = -want.as_tuple().exponent  # type: ignore[operator]
        return round_rate(value * 100 if fraction else value, places) == want
    return round_money(value) == want


def _core(form: Any, evaluation: Evaluation) -> tuple[Any, list[Figure]]:
    rules = evaluation.rules
    completed = complete(form, rules)
    figures = [f for f in analyse(completed, rules).figures if f.path != "tasks.funds_total"]
    return completed, figures


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _check_everywhere(client: Any, headers: dict[str, str], evaluation: Evaluation, data: Any):  # type: ignore[no-untyped-def]
    form = form_from_data({**data, "year": evaluation.year}, expected_type=evaluation.form_type)
    completed, figures = _core(form, evaluation)
    assert figures, "the core gives figures for every form type"
    raw = form_to_data(form)

    # The editor: what the page shows after the unit's POST.
    read = read_post(
        evaluation.form_type, as_post(evaluation.form_type, raw), raw, evaluation.rules
    )
    assert read.analysis is not None
    state = build_state(evaluation.form_type, raw, {}, read.analysis, True)
    for figure in figures:
        assert state.figures[path_to_name(figure.path)] == figure.text, ("editor", figure)

    # The API's compute answer: the same figures and the same completed data.
    url = f"/api/evaluations/{evaluation.pk}/compute"
    out = client.post(
        url, data=json.dumps({"data": raw}), content_type="application/json", headers=headers
    ).json()
    api = {f["path"]: f["text"] for f in out["figures"]}
    for figure in figures:
        assert api[figure.path] == figure.text, ("api", figure)
    assert out["data"] == form_to_data(completed)

    # The print layout behind PDF and XLSX, then the files themselves.
    sheet = sheet_for(completed, rules=evaluation.rules)
    cells: dict[str, Cell] = sheet.by_key()
    printed = [f for f in figures if _layout_key(f.path) in cells]
    # A declaration's one figure (its sources' sum) is for the editor; it prints what is stated.
    assert printed or evaluation.form_type == "project_target", "the layout prints the figures"
    for path in ("funds.total", "funds.fiscal", "funds.other"):
        if evaluation.form_type == "project_target":
            stated = getattr(completed.funds, path.split(".")[1])
            assert cells[path].number == stated, ("layout", path)
    workbook = load_workbook(io.BytesIO(sheet_to_xlsx(sheet)), data_only=True).active
    assert workbook is not None
    pdf = _pdf_text(sheet_to_pdf(sheet))
    for figure in printed:
        cell = cells[_layout_key(figure.path)]
        shown = cell.text if figure.path == "grade" else cell.number
        assert _same(figure, shown), ("layout", figure, cell.text)
        cached = workbook.cell(row=cell.row + 1, column=cell.col + 1).value
        assert _same(figure, cached, fraction=figure.text.endswith("%")), ("xlsx", figure, cached)
        if cell.text:
            assert cell.text in pdf, ("pdf", figure, cell.text)

    # The CSV: a project's 分值 and 得分 per indicator.
    rows = list(csv.DictReader(io.StringIO(write_csv(form, evaluation.rules).decode("utf-8-sig"))))
    by_path = {f.path: f for f in figures}
    for index, row in enumerate(rows):
        score = by_path.get(f"indicators[{index}].score")
        if score is not None:
            assert _same(score, row["得分"]), ("csv", score, row["得分"])
            assert _same(by_path[f"indicators[{index}].points"], row["分值"]), ("csv", row)


@pytest.fixture
def project_evaluation(world) -> Evaluation:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "sample_project_form.json").read_text(encoding="utf-8")
    return make_form(world.unit, form_from_data(json.loads(text)))


def _client(world):  # type: ignore[no-untyped-def]
    from django.test import Client

    _, token = ApiToken.issue(user=world.unit_user, name="一致性")
    return Client(), {"Authorization": f"Bearer {token}"}


def test_every_registered_type_is_covered() -> None:
    """A new form type must add its generator here (and so be checked everywhere)."""
    assert set(FORM_TYPES) == {"department_overall", "project", "project_target"}


@CHECKED
@given(data=department_data())
def test_department_figures_agree_everywhere(world, data) -> None:  # type: ignore[no-untyped-def]
    client, headers = _client(world)
    _check_everywhere(client, headers, world.unit_form, copy.deepcopy(data))


@CHECKED
@given(data=project_data())
def test_project_figures_agree_everywhere(world, project_evaluation, data) -> None:  # type: ignore[no-untyped-def]
    client, headers = _client(world)
    _check_everywhere(client, headers, project_evaluation, copy.deepcopy(data))


@pytest.fixture
def declaration_evaluation(world) -> Evaluation:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "sample_target_declaration.json").read_text(encoding="utf-8")
    return make_form(world.unit, form_from_data(json.loads(text)))


@CHECKED
@given(data=declaration_data())
def test_declaration_figures_agree_everywhere(world, declaration_evaluation, data) -> None:  # type: ignore[no-untyped-def]
    client, headers = _client(world)
    _check_everywhere(client, headers, declaration_evaluation, copy.deepcopy(data))
