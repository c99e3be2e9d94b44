"""JSON export: the form as the core serializes it (money and rates as decimal strings)."""

from __future__ import annotations

from jixiao.core.rulesets import RuleSet
from jixiao.core.serialization import Form, form_to_json
from jixiao.formats.registry import Exporter, register_exporter


def write_json(form: Form, rules: RuleSet | None = None) -> bytes:
    """The stored data as is: its derived figures were filled under ``rules`` when it was
    saved, and a file being converted keeps the figures it printed."""
    del rules
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
