"""JSON for the forms: lossless round trip and the published JSON Schema.

Money and rates are decimal strings (``"2803.45"``), so no reader ever sees a float.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from jixiao.core.model import DepartmentForm, ProjectForm, TargetDeclarationForm
from jixiao.core.model.errors import explain

# Every registered form type's model (jixiao.core.formtypes), told apart by ``form_type``.
Form = DepartmentForm | ProjectForm | TargetDeclarationForm
_FORM_ADAPTER: TypeAdapter[Form] = TypeAdapter(
    Annotated[
        DepartmentForm | ProjectForm | TargetDeclarationForm, Field(discriminator="form_type")
    ]
)

SCHEMA_ID = "https://jixiao.invalid/schema/form.schema.json"


class FormReadError(ValueError):
    """A JSON document that is not a valid form. ``message`` is for users (Chinese)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


def without_nul(data: Any) -> Any:
    """``data`` with U+0000 dropped from every string. It is never meant (it comes from damaged
    files and odd clients), and PostgreSQL cannot store it in text or JSON."""
    if isinstance(data, str):
        return data.replace("\x00", "")
    if isinstance(data, dict):
        return {without_nul(key): without_nul(value) for key, value in data.items()}
    if isinstance(data, list):
        return [without_nul(item) for item in data]
    return data


def form_from_data(data: Any, expected_type: str | None = None) -> Form:
    """Build a form from parsed JSON; a form without ``form_type`` is a department form.
    With ``expected_type``, a form of another type is refused (saving a project form's content
    onto a department form would leave a row no screen can open)."""
    data = without_nul(data)
    if isinstance(data, dict) and "form_type" not in data:
        data = {**data, "form_type": "department_overall"}
    if expected_type is not None and isinstance(data, dict):
        given = str(data.get("form_type"))
        if given != expected_type:
            from jixiao.core.formtypes import form_type_label

            raise FormReadError(
                f"提交的内容是“{form_type_label(given)}”，不能保存为"
                f"“{form_type_label(expected_type)}”，请核对后重新填写或导入。"
            )
    try:
        return _FORM_ADAPTER.validate_python(data)
    except ValidationError as exc:
        details = explain(exc)
        raise FormReadError(f"表单内容不符合格式要求（{len(details)} 处）", details) from exc


def form_from_json(text: str | bytes) -> Form:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FormReadError(f"不是有效的 JSON 文件：{exc}") from exc
    return form_from_data(data)


def form_to_data(form: Form) -> dict[str, Any]:
    data: dict[str, Any] = without_nul(form.model_dump(mode="json"))
    return data


def form_to_json(form: Form, indent: int | None = 2) -> str:
    return json.dumps(form_to_data(form), ensure_ascii=False, indent=indent) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a form file (either form, told apart by ``form_type``)."""
    schema = _FORM_ADAPTER.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "jixiao 绩效自评表",
        **schema,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
