"""The bureau's indicator library: finance keeps it (import, add, retire), everyone under the
bureau reads and searches it, each entry shows the quality check's findings, and the editors'
picker offers its active entries."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.web.indicators import selectors, services
from jixiao.web.indicators.models import LibraryIndicator


def xlsx(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(services.COLUMNS))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = ("共性指标", "", "产出指标", "数量指标", "培训人次", "人次", "≥", "500", "")
VAGUE = ("行业指标", "政法", "效益指标", "社会效益指标", "群众安全感", "", "", "明显提升", "")


def test_import_adds_good_rows_counts_repeats_and_names_each_bad_row(world):
    content = xlsx(
        GOOD,
        GOOD,  # the same row twice in one file
        ("共性指标", "", "产出指标", "社会效益", "错类指标", "", "", "", ""),
        ("其他", "", "产出指标", "数量指标", "类型不对", "", "", "", ""),
        ("共性指标", "", "产出指标", "数量指标", "", "个", "", "", ""),
        VAGUE,
    )
    report = services.library_import(keeper=world.bureau, user=world.finance, content=content)
    assert report.added == 2 and report.duplicates == 1
    assert report.errors == [
        "第4行：“产出指标 › 社会效益”不是规定的指标类别",
        "第5行：类型“其他”应为“共性指标”或“行业指标”",
        "第6行：没有填写三级指标名称",
    ]
    again = services.library_import(keeper=world.bureau, user=world.finance, content=xlsx(GOOD))
    assert (again.added, again.duplicates) == (0, 1)


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(world):
    with pytest.raises(services.LibraryError, match="无法读取该文件"):
        services.library_import(keeper=world.bureau, user=world.finance, content=b"not excel")
    book = Workbook()
    book.active.append(["名称", "单位"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(services.LibraryError, match="表头缺少"):
        services.library_import(keeper=world.bureau, user=world.finance, content=out.getvalue())


def test_the_template_has_the_import_header(world, client_for):
    response = client_for(world.finance).get("/indicators/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == list(services.COLUMNS)


def test_a_unit_reads_and_searches_the_library_with_its_quality_findings(world, client_for):
    services.library_import(keeper=world.bureau, user=world.finance, content=xlsx(GOOD, VAGUE))
    page = client_for(world.unit_user).get("/indicators/").content.decode()
    assert "培训人次" in page and "群众安全感" in page
    assert "无法量化" in page  # the vague reference value is flagged like a target's
    assert "从 Excel 导入" not in page and "retire/" not in page  # a unit only reads
    found = client_for(world.unit_user).get("/indicators/?q=培训").content.decode()
    assert "培训人次" in found and "群众安全感" not in found


def test_finance_adds_and_retires_and_others_cannot(world, client_for):
    finance = client_for(world.finance)
    response = finance.post(
        "/indicators/add/",
        {"一级指标": "产出指标", "二级指标": "时效指标", "三级指标": "按时完成率", "度量单位": "%"},
    )
    assert response.status_code == 302
    entry = LibraryIndicator.objects.get(name="按时完成率")
    refused = finance.post(
        "/indicators/add/",
        {"一级指标": "满意度指标", "二级指标": "数量指标", "三级指标": "我写的名字"},
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "不是规定的指标类别" in page and 'value="我写的名字"' in page  # nothing typed lost
    assert client_for(world.reviewer).post(f"/indicators/{entry.pk}/retire/").status_code == 404
    assert finance.post(f"/indicators/{entry.pk}/retire/").status_code == 302
    entry.refresh_from_db()
    assert entry.retired
    assert selectors.picker_for(world.unit) == []
    page = finance.get("/indicators/?retired=1").content.decode()
    assert "按时完成率" in page


def test_an_outsider_has_no_library(world, client_for):
    assert client_for(world.outsider).get("/indicators/").status_code == 404


def test_the_picker_offers_the_active_entries_of_the_forms_bureau(world):
    services.library_import(keeper=world.bureau, user=world.finance, content=xlsx(GOOD))
    assert selectors.picker_for(world.unit) == [
        {
            "name": "培训人次",
            "level1": "产出指标",
            "level2": "数量指标",
            "unit": "人次",
            "nature": "≥",
            "kind": "共性指标",
            "sector": "",
        }
    ]


def test_the_picker_suggests_the_units_own_indicators_of_earlier_years(world):
    from jixiao.web.evaluations import demo
    from tests.web.conftest import make_form

    make_form(world.unit, demo.centre_project_form(2021, world.department.name))
    services.library_import(keeper=world.bureau, user=world.finance, content=xlsx(GOOD))
    offered = selectors.picker_for(world.unit, 2023)
    assert offered[0]["name"] == "培训人次"  # the library first
    earlier = {e["name"]: e for e in offered[1:]}
    assert earlier, "the 2021 and 2022 forms' indicators are offered"
    project = demo.centre_project_form(2021, world.department.name).indicators[0]
    assert earlier[project.name]["kind"] in {"2022年", "2021年"}
    task = demo.centre_form(2022).tasks[0].indicators[0]
    assert earlier[task.name]["kind"] == "2022年"
    assert earlier[task.name]["last_target"] == (task.target or "")
    assert earlier[task.name]["last_actual"] == (task.actual or "")
    # Nothing earlier than 2021 exists: only the library is offered then.
    assert [e["name"] for e in selectors.picker_for(world.unit, 2021)] == ["培训人次"]


def test_the_menu_shows_the_library_only_to_those_who_have_one(world, client_for):
    assert 'href="/indicators/"' in client_for(world.unit_user).get("/").content.decode()
    assert 'href="/indicators/"' not in client_for(world.outsider).get("/").content.decode()
