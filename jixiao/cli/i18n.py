"""Chinese or English for the console: Chinese by default, English with ``--lang en`` or
``JIXIAO_LANG=en``."""

from __future__ import annotations

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


def t(zh: str, en: str) -> str:
    """Pick the text for the chosen language."""
    return en if _lang == "en" else zh


def fail(message_zh: str, message_en: str, code: int = 2) -> int:
    """One line on stderr, no traceback; returns the exit code."""
    print(f"jixiao: {t(message_zh, message_en)}", file=sys.stderr)
    return code
