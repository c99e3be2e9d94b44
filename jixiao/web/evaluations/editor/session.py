"""One editor round trip: read the POST, apply a structural edit, check the form with the core."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from jixiao.core.rulesets import RuleSet
from jixiao.core.serialization import Form
from jixiao.web.evaluations.analysis import Analysis, analyse, complete
from jixiao.web.evaluations.editor.fields import LIST_MARK, Parsed, flatten, unflatten
from jixiao.web.evaluations.editor.ops import OpError, apply_op
from jixiao.web.evaluations.editor.state import MODELS, _list_names


@dataclass
class EditorRead:
    parsed: Parsed
    form: Form | None
    analysis: Analysis | None
    op_error: str = ""

    @property
    def clean_data(self) -> dict[str, Any]:
        return self.parsed.clean


def as_post(form_type: str, raw: Mapping[str, Any]) -> dict[str, str]:
    """The POST a page showing ``raw`` would send back."""
    model = MODELS[form_type]
    post = flatten(model, raw)
    post.update({f"{name}-{LIST_MARK}": "1" for name in _list_names(model, raw)})
    return post


def read_post(
    form_type: str, post: Mapping[str, Any], base: Mapping[str, Any], rules: RuleSet
) -> EditorRead:
    """The typed form the editor's POST describes, completed and judged under ``rules`` (the
    stored form's rule set at its version)."""
    model = MODELS[form_type]
    parsed = unflatten(model, post, base)
    op_error = ""
    op = str(post.get("op", ""))
    if op:
        try:
            apply_op(parsed.raw, op)
        except OpError:
            op_error = "无法执行该操作，请刷新页面后重试"
        parsed = unflatten(model, as_post(form_type, parsed.raw), base)
    form: Form | None = None
    analysis = None
    try:
        form = model.model_validate(parsed.clean)  # type: ignore[assignment]
    except ValidationError as exc:
        from jixiao.web.evaluations.editor.fields import validation_errors

        for name, message in validation_errors(exc).items():
            parsed.errors.setdefault(name, message)
    if form is not None:
        form = complete(form, rules)
        analysis = analyse(form, rules)
    return EditorRead(parsed, form, analysis, op_error)
