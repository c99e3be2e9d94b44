"""pydantic's validation errors said in Chinese, for the people who typed or sent the form.

pydantic words its errors in English for developers; a unit's filler, a command-line user and an
API client get the same problem in Chinese, at the path convention of validation findings
(``funds.actual_spending``, ``tasks[0].indicators[2].actual``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from jixiao.core.money import NOT_A_NUMBER, MoneyError


def error_message(item: Mapping[str, Any]) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) in Chinese."""
    kind = str(item.get("type", ""))
    context = item.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, MoneyError):
        return cause.hint
    if kind in {"enum", "literal_error"}:
        return "请从下拉列表中选择"
    if kind == "missing":
        return "此项必填"
    if kind == "extra_forbidden":
        return "表单中没有这一项"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"不能小于 {context.get('ge', context.get('gt', ''))}"
    if kind in {"less_than_equal", "less_than"}:
        return f"不能大于 {context.get('le', context.get('lt', ''))}"
    if kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        return "请填写整数"
    if kind.startswith("decimal") or kind.startswith("float"):
        return NOT_A_NUMBER
    if kind in {"string_type", "string_unicode"}:
        return "请填写文字"
    if kind == "string_too_long":
        return f"内容过长（最多 {context.get('max_length', '')} 字）"
    if kind in {"list_type", "tuple_type"}:
        return "应为列表"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "应为对象（键值对）"
    if kind == "bool_type" or kind == "bool_parsing":
        return "应为是或否（true / false）"
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        return "表单类型（form_type）应为 department_overall 或 project"
    return "内容不符合要求，请检查"


def error_path(location: Sequence[int | str]) -> str:
    """``("department_overall", "tasks", 0, "funds")`` → ``tasks[0].funds``."""
    parts = list(location)
    # The form type pydantic puts first in a location when it picked the model by form_type.
    from jixiao.core.formtypes import FORM_TYPES  # the registry's models import this module

    if parts and parts[0] in FORM_TYPES:
        parts = parts[1:]
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def explain(error: ValidationError) -> list[str]:
    """Every problem of ``error`` as ``path：message`` lines, in Chinese."""
    lines = []
    for item in error.errors():
        path = error_path(item["loc"])
        message = error_message(item)
        lines.append(f"{path}：{message}" if path else message)
    return lines
