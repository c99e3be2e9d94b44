"""Where a layout's paths point: the form, the current repeat item, or the rule set.

``name`` is relative to the current item, ``$.funds.weight`` starts at the form and
``$rules.weights.execution`` reads the rule set. Every value also gets its absolute key
(``tasks[2].indicators[0].actual``), which names the cell for formulas and importers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jixiao.core.rulesets import RuleSet

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


class LayoutError(ValueError):
    """A layout that does not fit the model or does not fill its grid."""


def is_stated(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return bool(value)
    return True


@dataclass(frozen=True)
class Scope:
    obj: Any
    path: str  # absolute key of obj ("" for the form)
    root: Any
    rules: RuleSet
    # Figures computed once per form (the score card), shared by every child scope.
    memo: dict[str, Any] = field(default_factory=dict, compare=False)

    def child(self, obj: Any, key: str) -> Scope:
        return Scope(obj=obj, path=key, root=self.root, rules=self.rules, memo=self.memo)

    def key(self, path: str) -> str | None:
        """The absolute key of ``path``; None for rule-set paths (they have no cell)."""
        if path.startswith("$rules."):
            return None
        if path.startswith("$."):
            return path[2:]
        return f"{self.path}.{path}" if self.path else path

    def get(self, path: str) -> Any:
        if path.startswith("$rules."):
            obj, rest = self.rules, path[len("$rules.") :]
        elif path.startswith("$."):
            obj, rest = self.root, path[2:]
        else:
            obj, rest = self.obj, path
        for part in rest.split("."):
            if obj is None:
                return None
            if not hasattr(obj, part):
                raise LayoutError(f"no field {part!r} in path {path!r}")
            obj = getattr(obj, part)
        return obj

    def stated(self, path: str) -> bool:
        """Whether the form states a value at ``path``: not None, not blank, not an empty list.
        A ``[*]`` segment (``indicators[*].unit``) asks whether any item states it."""
        head, star, rest = path.partition("[*]")
        if not star:
            return is_stated(self.get(path))
        items = self.get(head) or []
        rest = rest.removeprefix(".")
        if not rest:
            return any(is_stated(item) for item in items)
        return any(self.child(item, "").stated(rest) for item in items)

    def format(self, template: str) -> str:
        """Fill ``{path}`` placeholders; an empty value leaves an empty string."""

        def fill(match: re.Match[str]) -> str:
            value = self.get(match.group(1))
            return "" if value is None else str(value)

        return _PLACEHOLDER.sub(fill, template)
