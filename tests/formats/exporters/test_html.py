"""HTML print view: the same layout as the PDF, embeddable as a fragment, all text escaped."""

from __future__ import annotations

import re

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.formats.exporters.html import print_css, render_html_document, render_html_table
from jixiao.formats.registry import get_exporter


def test_the_fragment_is_the_forms_tables_without_a_document(seed_form: DepartmentForm) -> None:
    html = render_html_table(seed_form)
    assert html.startswith('<div class="jx-form') and "<html" not in html
    assert html.count("<table") == 3  # funds and goals; tasks (with a repeated head); the rest
    assert "<thead><tr><th" in html and ">关键指标</th>" in html
    assert 'rowspan="6"' in html  # 任务2 over its six indicators
    assert 'data-key="funds.completion_rate">98.82%<' in html


def test_the_document_is_standalone_with_page_css(seed_form: DepartmentForm) -> None:
    doc = get_exporter("html").write(seed_form).decode("utf-8")
    assert doc.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in doc
    assert f"<title>{seed_form.title}</title>" in doc
    assert "@page" in doc and "counter(pages)" in doc and "Noto Serif CJK SC" in doc
    assert "break-inside: avoid" in print_css()


def test_columns_have_the_layouts_widths(seed_form: DepartmentForm) -> None:
    html = render_html_table(seed_form)
    widths = re.findall(r'<col style="width:([\d.]+)mm">', html)
    assert widths[:6] == ["14.0", "34.0", "35.0", "35.0", "42.0", "20.0"]


def test_a_narrative_with_markup_is_shown_not_run(seed_form: DepartmentForm) -> None:
    form = seed_form.model_copy(
        update={"problems": '<script>alert("x")</script><img src=x onerror=alert(1)>'}
    )
    html = render_html_document(form)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_department_name_with_quotes_cannot_break_an_attribute(
    seed_form: DepartmentForm,
) -> None:
    form = seed_form.model_copy(update={"department": '"><b>x'})
    html = render_html_table(form)
    assert "<b>" not in html and "&quot;&gt;&lt;b&gt;x" in html


def test_a_form_with_missing_parts_renders(bare_department_form: DepartmentForm) -> None:
    html = render_html_table(bare_department_form)
    assert "部门名称<" in html and "（汇总）" not in html and "关键指标" in html


def test_a_long_value_gets_the_justify_class(seed_form: DepartmentForm) -> None:
    html = render_html_table(seed_form)
    law = next(i for i in seed_form.tasks[2].indicators if i.name == "法治政府建设")
    assert (
        f'class="jx-value jx-justify" data-key="tasks[2].indicators[2].actual">{law.actual}<'
        in html
    )
    assert ".jx-justify { text-align: justify; }" in print_css()


def test_the_page_orientation_follows_the_layout(
    seed_form: DepartmentForm, sample_project_form: ProjectForm
) -> None:
    assert "@page { size: A4 portrait; }" in render_html_document(seed_form)
    assert "@page { size: A4 landscape; }" in render_html_document(sample_project_form)
    # The fragment the web print view embeds carries a wide layout's paper too.
    assert "<style>@page { size: A4 landscape; }</style>" in render_html_table(sample_project_form)
    assert "<style>" not in render_html_table(seed_form)
