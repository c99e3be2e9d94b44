"""Placeholder, replaced below."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.core.model import ProjectForm
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.lines import Line
from jixiao.formats.textparse.text import compact


def looks_like_project_form(lines: Sequence[Line]) -> bool:
    return "项目支出绩效自评表" in compact("".join(line.text for line in lines[:200]))


def parse_project(lines: Sequence[Line], report: ImportReport) -> ProjectForm:
    raise NotAForm("not yet")
