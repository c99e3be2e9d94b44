"""``jixiao validate FILE.json``: every problem of a form, as a table or as JSON.

Exit status: 0 when the form has no error (warnings allowed), 1 when it has errors, 2 when the
file cannot be read. The terminal helpers here (display width of Chinese text, wrapping,
aligned tables, colour only on a terminal) are shared with ``jixiao show``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence

from jixiao.cli.files import CliInputError, read_form_json
from jixiao.cli.i18n import fail, t
from jixiao.core.rulesets import available_rulesets, load_ruleset
from jixiao.core.validation import Finding, Severity, count_by_severity, has_errors, validate

NAME = "validate"
HELP = ("校验绩效自评表，一次列出全部问题", "check a form and list every problem at once")

# --- terminal text ---------------------------------------------------------------------------

# Punctuation that must not start a line (避头点).
_NO_LINE_START = set("，。、；：？！）》」』】”’,.;:?!)%")
# …and punctuation that must not end one.
_NO_LINE_END = set("（《「『【“‘(")


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def pad(text: str, width: int, align: str = "<") -> str:
    gap = " " * max(0, width - text_width(text))
    return gap + text if align == ">" else text + gap


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".%-+/")


def _carry(line: list[str], char: str) -> list[str]:
    """What moves from the end of a full line to the next one so that ``char`` does not open
    it with punctuation and a number like ``169`` is not cut in two."""
    if line[-1] in _NO_LINE_END:
        start = len(line) - 1
    elif char in _NO_LINE_START:
        start = len(line) - 1  # the last character moves with the punctuation
    elif _is_word_char(char):
        start = len(line)
    else:
        return []
    while start > 0 and _is_word_char(line[start - 1]):
        start -= 1
    moved = line[start:]
    return moved if 0 < len(moved) < len(line) else []


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most ``width`` columns, keeping closing punctuation off the
    start of a line and ASCII numbers whole; existing line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line: list[str] = []
        used = 0
        for char in paragraph:
            w = char_width(char)
            if used + w > width and line:
                carried = _carry(line, char)
                if text_width("".join(carried)) + w > width:
                    carried = []  # a run too long to move is cut where it is
                if carried:
                    del line[len(line) - len(carried) :]
                lines.append("".join(line))
                line, used = carried, text_width("".join(carried))
            line.append(char)
            used += w
        lines.append("".join(line))
    return lines


def terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


class Style:
    """ANSI colour, only when writing to a terminal and NO_COLOR is not set."""

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled and text else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def yellow(self, text: str) -> str:
        return self._wrap("33", text)

    def green(self, text: str) -> str:
        return self._wrap("32", text)


def table(
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    *,
    indent: str = "",
    align: Sequence[str] | None = None,
) -> list[str]:
    """Rows of cells wrapped to their column widths; a cell may span several lines. A width of
    0 lets the column take what is left of the terminal."""
    widths = list(widths)
    if 0 in widths:
        fixed = sum(widths) + 2 * (len(widths) - 1) + len(indent)
        widths[widths.index(0)] = max(16, terminal_width() - fixed)
    align = align or ["<"] * len(widths)
    out: list[str] = []
    for row in rows:
        cells = [wrap(cell, width) for cell, width in zip(row, widths, strict=True)]
        height = max(len(c) for c in cells)
        for k in range(height):
            parts = [
                pad(cell[k] if k < len(cell) else "", width, a)
                for cell, width, a in zip(cells, widths, align, strict=True)
            ]
            out.append((indent + "  ".join(parts)).rstrip())
    return out


# --- findings --------------------------------------------------------------------------------


def severity_label(severity: Severity) -> str:
    return t("错误", "error") if severity is Severity.ERROR else t("警告", "warning")


def _paint(severity: Severity, text: str, style: Style) -> str:
    return style.red(text) if severity is Severity.ERROR else style.yellow(text)


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
            rows = table([["", f.path, f.message]], widths, indent=indent)
            # Colour codes would upset the padding, so the label goes in after layout.
            label = _paint(f.severity, pad(severity_label(f.severity), level_width), style)
            rows[0] = indent + label + rows[0][len(indent) + level_width :]
            lines += rows
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
        choices=available_rulesets(),
        help=t("规则集（默认按表单类型）", "rule set (default: by form type)")
        + f"：{', '.join(available_rulesets())}",
    )


def run(args: argparse.Namespace) -> int:
    try:
        form = read_form_json(args.file)
    except CliInputError as exc:
        return fail(exc.zh, exc.en)
    findings = validate(form, load_ruleset(args.ruleset) if args.ruleset else None)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print("\n".join(render_findings(findings, Style())))
    return 1 if has_errors(findings) else 0
