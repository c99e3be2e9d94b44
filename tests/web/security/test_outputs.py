"""Outputs found unsafe in review: text that a spreadsheet would run as a formula is written as
plain text in every CSV and XLSX download (public portal, form exports, dashboards)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from jixiao.core.serialization import form_from_data
from jixiao.formats.exporters.cells import spreadsheet_safe
from jixiao.formats.exporters.csv_file import write_csv
from jixiao.formats.exporters.xlsx import write_xlsx
from tests.web.portal.test_views import publish

ATTACKS = ['=HYPERLINK("http://evil.example","点击")', "+1+cmd|' /C calc'!A0", "@SUM(1+1)"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+86 20 1234", "'+86 20 1234"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.5", "-12.5"),
        ("+3%", "+3%"),
        ("-", "-"),
        ("≥95%", "≥95%"),
        ("受理人次", "受理人次"),
        (12, 12),
    ],
)
def test_formula_triggers_are_quoted_and_figures_kept(typed, written):
    assert spreadsheet_safe(typed) == written


@pytest.fixture
def poisoned(world):
    data = dict(world.unit_form.data)
    tasks = [{**t, "indicators": [dict(i) for i in t["indicators"]]} for t in data["tasks"]]
    every = [indicator for task in tasks for indicator in task["indicators"]]
    assert len(every) >= len(ATTACKS)
    for indicator, attack in zip(every, ATTACKS, strict=False):
        indicator["name"] = attack
    data["tasks"] = tasks
    world.unit_form.data = data
    world.unit_form.save()
    return world.unit_form


def _cells(rows):
    return {value for row in rows for value in (row.values() if isinstance(row, dict) else row)}


def test_the_public_indicator_csv_quotes_formulas(world, poisoned, client_for):
    publish(world, poisoned, world.unit_user)
    raw = b"".join(client_for(None).get("/public/2022/indicators.csv").streaming_content)
    names = {r["指标名称"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    for attack in ATTACKS:
        assert attack not in names
        assert "'" + attack in names


def test_the_form_csv_and_xlsx_exports_write_formulas_as_text(world, poisoned):
    form = form_from_data(poisoned.data)
    rows = list(csv.reader(io.StringIO(write_csv(form).decode("utf-8-sig"))))
    cells = _cells(rows)
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells if cell)
    book = load_workbook(io.BytesIO(write_xlsx(form)))
    texts = [c for row in book.active.iter_rows() for c in row if c.value in ATTACKS]
    assert len(texts) == len(ATTACKS)
    assert all(c.data_type == "s" for c in texts)


def test_the_dashboard_csv_quotes_formulas(world, client_for):
    world.department.name = "=HYPERLINK(1)"
    world.department.save()
    client = client_for(world.finance)
    page = client.get(f"/dashboards/{world.bureau.pk}/?year=2022").content.decode()
    links = set(re.findall(r'href="(/dashboards/[^"]+\.csv\?year=\d+)"', page))
    assert links
    bodies = [client.get(link).content.decode("utf-8-sig") for link in links]
    assert any("'=HYPERLINK(1)" in body for body in bodies)
    assert not any(re.search(r"(^|,)=HYPERLINK", body, re.M) for body in bodies)
