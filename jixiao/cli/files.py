"""Reading form files for the console commands, with one-line errors instead of tracebacks."""

from __future__ import annotations

from pathlib import Path

from jixiao.core.serialization import Form, FormReadError, form_from_json


class CliInputError(Exception):
    """An input file that cannot be used; carries a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def read_form_json(path: str) -> Form:
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError as exc:
        raise CliInputError(f"找不到文件：{path}", f"file not found: {path}") from exc
    except OSError as exc:
        raise CliInputError(
            f"无法读取文件：{path}（{exc.strerror}）", f"cannot read {path}: {exc}"
        ) from exc
    if not raw.strip():
        raise CliInputError(f"文件为空：{path}", f"empty file: {path}")
    try:
        return form_from_json(raw)
    except FormReadError as exc:
        first = exc.details[0] if exc.details else ""
        zh = f"{path}：{exc.message}" + (f"；{first}" if first else "")
        raise CliInputError(
            zh, f"{path}: not a valid form" + (f" ({first})" if first else "")
        ) from exc
