"""Chinese or English for the console: Chinese by default, English with ``--lang en`` or
``JIXIAO_LANG=en``."""

from __future__ import annotations

import argparse
import gettext
import os
import sys

_lang = "zh"


def choose_language(argv: list[str]) -> str:
    global _lang
    lang = os.environ.get("JIXIAO_LANG", "zh")
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
    _lang = "en" if lang.lower().startswith("en") else "zh"
    return _lang


# argparse's own words (headings, errors), which it looks up through gettext.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项不明确：%(option)s 可匹配 %(matches)s"
    ),
}


def _argparse_text(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message) if _lang == "zh" else gettext.gettext(message)


# argparse looks its fixed strings up through a module-level ``_`` bound at import time;
# rebinding it translates them without shipping a message catalogue.
argparse._ = _argparse_text  # type: ignore[attr-defined]


def t(zh: str, en: str) -> str:
    """Pick the text for the chosen language."""
    return en if _lang == "en" else zh


def fail(message_zh: str, message_en: str, code: int = 2) -> int:
    """One line on stderr, no traceback; returns the exit code."""
    print(f"jixiao: {t(message_zh, message_en)}", file=sys.stderr)
    return code
