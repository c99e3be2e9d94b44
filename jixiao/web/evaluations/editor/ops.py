"""Structural edits the editor offers without JavaScript: add, remove and move list items.

Each is a submit button ``op=<verb>:<name>`` (``add:tasks``, ``remove:tasks-1-indicators-0``,
``up:annual_goals-expected-2``). The edit applies to the data as typed, so nothing in the rest of
the page is lost, and nothing is saved until the person saves.
"""

from __future__ import annotations

import re
from typing import Any

_NAME = re.compile(r"^[a-z_]+(-(\d+|[a-z_]+))*$")


class OpError(ValueError):
    pass


def _walk(data: Any, parts: list[str]) -> Any:
    node = data
    for part in parts:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise OpError(f"no such item: {'-'.join(parts)}")
    return node


def _new_item(list_name: str, items: list[Any]) -> Any:
    if (items and isinstance(items[0], str)) or list_name in {"expected", "achievements", "notes"}:
        return ""
    if list_name == "tasks":
        return {"number": len(items) + 1, "indicators": [{"name": ""}]}
    return {}


def apply_op(data: dict[str, Any], op: str) -> None:
    """Apply one ``verb:name`` edit to ``data`` in place."""
    verb, _, name = op.partition(":")
    if not _NAME.match(name):
        raise OpError(f"bad item name: {name!r}")
    parts = name.split("-")
    if verb == "add":
        items = _walk(data, parts)
        if not isinstance(items, list):
            raise OpError(f"not a list: {name}")
        items.append(_new_item(parts[-1], items))
    elif verb in {"remove", "up", "down"}:
        if not parts[-1].isdigit():
            raise OpError(f"not a list item: {name}")
        items = _walk(data, parts[:-1])
        index = int(parts[-1])
        if not isinstance(items, list) or index >= len(items):
            raise OpError(f"no such item: {name}")
        if verb == "remove":
            items.pop(index)
        else:
            other = index - 1 if verb == "up" else index + 1
            if 0 <= other < len(items):
                items[index], items[other] = items[other], items[index]
    else:
        raise OpError(f"unknown edit: {verb!r}")
    # Tasks are numbered by position, as printed (任务1, 任务2, …).
    for position, task in enumerate(data.get("tasks") or []):
        if isinstance(task, dict):
            task["number"] = position + 1
