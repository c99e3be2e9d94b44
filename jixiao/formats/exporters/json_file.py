"""JSON export: the form as the core serializes it (money and rates as decimal strings)."""

from __future__ import annotations

from jixiao.core.serialization import Form, form_to_json
from jixiao.formats.registry import Exporter, register_exporter


def write_json(form: Form) -> bytes:
    return form_to_json(form).encode("utf-8")


EXPORTER = register_exporter(
    Exporter(
        name="json",
        label="JSON（表单数据）",
        suffix=".json",
        media_type="application/json",
        write=write_json,
    )
)
