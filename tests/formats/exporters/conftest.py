"""Forms for the exporter tests, and helpers around poppler's command-line tools."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.core.model import DepartmentForm, ProjectForm, SpendingBySource
from jixiao.core.model.department import BudgetAdjustmentItem
from jixiao.core.serialization import form_from_json

FIXTURES = Path(__file__).parents[2] / "fixtures"
REFERENCE = Path(__file__).parent / "reference"

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm")),
    reason="poppler-utils (pdftotext, pdffonts, pdftoppm) not installed",
)


def squash(text: str) -> str:
    """Text with every whitespace removed: a PDF wraps cell text anywhere."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    done = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> int:
    return pdf_text(pdf).count("\f")


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


def page_png(pdf: bytes, page: int = 1, dpi: int = 60) -> bytes:
    args = ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout


def png_image(png: bytes):  # type: ignore[no-untyped-def]
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("L")


@pytest.fixture
def project_form() -> ProjectForm:
    """A project form built by hand: execution 85.5 of 90 (95%), indicator scores summing to
    83 (1800 of 2000 copies: 9 of 10; 部分达成 scored 24 of 30, the top of its 60–80% band)."""
    rows = [
        ("产出指标", "数量指标", "培训人次", "≥500人次", "620人次", "20", "20", None),
        ("产出指标", "数量指标", "印发宣传资料", "≥2000份", "1800份", "10", "9", None),
        ("产出指标", "质量指标", "培训合格率", "≥95%", "97%", "10", "10", None),
        ("产出指标", "时效指标", "完成时间", "12月底前", "11月完成", "10", "10", "达成"),
        (
            "效益指标",
            "社会效益指标",
            "群众法治意识",
            "明显提升",
            "有所提升",
            "30",
            "24",
            "部分达成",
        ),
        ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", "93%", "10", "10", None),
    ]
    return ProjectForm.model_validate(
        {
            "year": 2022,
            "project_name": "天河区法治宣传教育项目",
            "department": "中共广州市天河区委政法委员会",
            "implementing_unit": "天河区法治宣传中心",
            "funds": {
                "total": {"initial_budget": "100", "annual_budget": "90", "executed": "85.5"},
                "current_year_appropriation": {
                    "initial_budget": "100",
                    "annual_budget": "90",
                    "executed": "85.5",
                },
            },
            "goal_expected": "开展法治宣传教育，提升群众法治意识。",
            "goal_actual": "全年培训620人次，群众法治意识有所提升。",
            "indicators": [
                {
                    "level1": l1,
                    "level2": l2,
                    "name": name,
                    "target": target,
                    "actual": actual,
                    "weight": weight,
                    "score": score,
                    "rating": rating,
                }
                for l1, l2, name, target, actual, weight, score, rating in rows
            ],
        }
    )


@pytest.fixture
def sample_project_form() -> ProjectForm:
    form = form_from_json((FIXTURES / "sample_project_form.json").read_text(encoding="utf-8"))
    assert isinstance(form, ProjectForm)
    return form


@pytest.fixture
def bare_department_form() -> DepartmentForm:
    """Only what the model requires: every other part of the form is missing."""
    return DepartmentForm(department="某区某局", year=2023)


def without_ratings(form: ProjectForm) -> ProjectForm:
    """The form as the MoF layout itself prints it (no 指标性质, 度量单位 or 定性评价 stated)."""
    indicators = [i.model_copy(update={"rating": None}) for i in form.indicators]
    return form.model_copy(update={"indicators": indicators})


def full_department_form(seed: DepartmentForm) -> DepartmentForm:
    """The seed stating what the seed leaves out: every source of spending, the adjustment's
    reason and items (one 追减), and a target for a key indicator."""
    form = seed.model_copy(deep=True)
    form.funds.spending_by_source = SpendingBySource(
        general_public_budget="1838.18",
        government_fund_budget="120.50",
        state_capital_budget="0.00",
        other="3.20",
    )
    form.funds.adjustment_reason = "年中追加来穗人员积分制服务经费，追减部分项目结余资金。"
    form.funds.adjustment_items = [
        BudgetAdjustmentItem(amount="300", reason="追加来穗人员积分制服务经费"),
        BudgetAdjustmentItem(amount="-50.25", reason="追减项目结余"),
    ]
    first = form.tasks[0].indicators[0]
    form.tasks[0].indicators[0] = first.model_copy(update={"target": "≥95%"})
    return form


def long_department_form(seed: DepartmentForm, indicators: int = 60) -> DepartmentForm:
    """The seed with its first task carrying ``indicators`` key indicators."""
    form = seed.model_copy(deep=True)
    task = form.tasks[0]
    extra = [
        task.indicators[0].model_copy(update={"name": f"补充指标{i:02d}", "actual": f"{i}项"})
        for i in range(1, indicators - len(task.indicators) + 1)
    ]
    form.tasks[0] = task.model_copy(update={"indicators": [*task.indicators, *extra]})
    assert sum(len(t.indicators) for t in form.tasks[:1]) == indicators
    return form
