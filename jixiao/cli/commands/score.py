"""``jixiao score``: score a project form and show every line with its rule and reason."""

from __future__ import annotations

import argparse
import json
import unicodedata

from jixiao.cli.files import CliInputError, read_form_json
from jixiao.cli.i18n import fail, t
from jixiao.cli.rulesets import known_rulesets, rules_for
from jixiao.core.model import ProjectForm
from jixiao.core.money import money_text
from jixiao.core.scoring import ScoreCard, score_project

NAME = "score"
HELP = ("为项目支出绩效自评表评分", "score a project performance self-evaluation form")

NAME_WIDTH = 36


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE.json", help=t("项目支出绩效自评表 JSON 文件", "form file")
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=t("以 JSON 输出评分结果", "print the score card as JSON"),
    )
    parser.add_argument(
        "--ruleset",
        metavar="ID",
        help=t("评分规则集（默认按表单类型选择）：", "rule set (default: by form type): ")
        + "、".join(known_rulesets()),
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def _right(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


def _table(form: ProjectForm, card: ScoreCard) -> str:
    out = [
        f"{t('项目：', 'Project: ')}{form.project_name}（{form.year or '?'}{t('年度', '')}）",
        f"{t('评分规则：', 'Rule set: ')}{card.ruleset}",
        "",
        f"  {_pad(t('指标', 'Indicator'), NAME_WIDTH)} "
        f"{_right(t('分值', 'Points'), 8)} {_right(t('得分', 'Score'), 8)}",
    ]
    group = None
    for line in card.lines:
        if line.group != group:
            group = line.group
            out.append(f"【{group}】")
        out.append(
            f"  {_pad(line.name, NAME_WIDTH)} {money_text(line.points):>8} "
            f"{money_text(line.score):>8}"
        )
        out.append(f"      {line.explanation}")
    out += ["", t("分项合计", "Group totals")]
    for name, total in card.group_totals.items():
        points = card.group_points[name]
        out.append(f"  {_pad(name, 12)} {money_text(total):>8} / {money_text(points)}")
    for cap in card.caps_applied:
        change = f"{money_text(cap.before)} → {money_text(cap.limit)}"
        out.append(f"{t('封顶：', 'Cap: ')}{cap.reason}（{change}）")
    out += [
        "",
        f"{t('总分：', 'Total: ')}{money_text(card.total)}",
        f"{t('评价等级：', 'Grade: ')}{card.grade}",
    ]
    if form.total_score is not None and form.total_score != card.total:
        out.append(
            t(
                f"注意：表内填报总分 {money_text(form.total_score)}，与计算结果不一致",
                f"note: the form states a total of {money_text(form.total_score)}",
            )
        )
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    try:
        form = read_form_json(args.file)
    except CliInputError as exc:
        return fail(exc.zh, exc.en)
    if not isinstance(form, ProjectForm):
        return fail(
            f"{args.file} 不是项目支出绩效自评表，评分仅适用于项目支出绩效自评表",
            f"{args.file} is not a project form; only project forms can be scored",
        )
    try:
        rules = rules_for(form.form_type, args.ruleset)
    except CliInputError as exc:
        return fail(exc.zh, exc.en)
    card = score_project(form, rules)
    if args.json:
        print(json.dumps(card.as_data(), ensure_ascii=False, indent=2))
    else:
        print(_table(form, card))
    return 0
