"""``jixiao validate FILE.json``: every problem of a form, as a table or as JSON.

Exit status: 0 when the form has no error (warnings allowed), 1 when it has errors, 2 when the
file cannot be read. The findings table is shared with ``jixiao show``; the text layout both
use lives in ``jixiao.cli.terminal``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence

from jixiao.cli.files import CliInputError, read_form_json
from jixiao.cli.i18n import fail, t
from jixiao.cli.rulesets import known_rulesets, rules_for

# Re-exported: ``import_`` still takes these two from here.
from jixiao.cli.terminal import Painted, Style, table, terminal_width, text_width
from jixiao.core.validation import Finding, Severity, count_by_severity, has_errors, validate

NAME = "validate"
HELP = ("校验绩效自评表，一次列出全部问题", "check a form and list every problem at once")

# --- findings --------------------------------------------------------------------------------


def severity_label(severity: Severity) -> str:
    return t("错误", "error") if severity is Severity.ERROR else t("警告", "warning")


def _painter(severity: Severity, style: Style) -> Callable[[str], str]:
    return style.red if severity is Severity.ERROR else style.yellow


def summary_line(findings: Sequence[Finding]) -> str:
    counts = count_by_severity(findings)
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    if not findings:
        return t("校验通过：未发现问题。", "No problems found.")
    if not errors:
        return t(
            f"校验通过：没有错误，{warnings} 个警告请核对。",
            f"Passed: no errors, {warnings} warning(s) to review.",
        )
    return t(
        f"校验未通过：{errors} 个错误、{warnings} 个警告；请改正错误后再提交。",
        f"Failed: {errors} error(s), {warnings} warning(s); fix the errors before submitting.",
    )


def render_findings(findings: Sequence[Finding], style: Style, indent: str = "") -> list[str]:
    """The findings as an aligned table (severity, path, message) followed by the summary."""
    lines: list[str] = []
    if findings:
        path_width = min(34, max(text_width(f.path) for f in findings))
        head = [t("级别", "level"), t("位置", "path"), t("说明", "message")]
        level_width = max(text_width(severity_label(f.severity)) for f in findings)
        widths = [level_width, path_width, 0]
        lines += table([head], widths, indent=indent)
        lines.append(indent + "─" * (terminal_width() - len(indent)))
        for f in findings:
            label = Painted(severity_label(f.severity), _painter(f.severity, style))
            lines += table([[label, f.path, f.message]], widths, indent=indent)
        lines.append("")
    summary = summary_line(findings)
    painted = style.red(summary) if has_errors(findings) else style.green(summary)
    lines.append(indent + painted)
    return lines


# --- the command -----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar=t("文件.json", "FILE.json"), help=t("表单 JSON 文件", "form JSON file")
    )
    parser.add_argument(
        "--json", action="store_true", help=t("以 JSON 列表输出", "print findings as JSON")
    )
    parser.add_argument(
        "--ruleset",
        metavar="ID",
        help=t("规则集（默认按表单类型）", "rule set (default: by form type)")
        + f"：{', '.join(known_rulesets())}",
    )


def run(args: argparse.Namespace) -> int:
    try:
        form = read_form_json(args.file)
    except CliInputError as exc:
        return fail(exc.zh, exc.en)
    try:
        rules = rules_for(form.form_type, args.ruleset)
    except CliInputError as exc:
        return fail(exc.zh, exc.en)
    findings = validate(form, rules)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print("\n".join(render_findings(findings, Style())))
    return 1 if has_errors(findings) else 0
