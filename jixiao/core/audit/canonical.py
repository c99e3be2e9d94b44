"""Canonical JSON: one byte sequence for one value, so a hash names content, not formatting.

Keys sorted, no insignificant white space, UTF-8 without escapes, no NaN or infinity. The forms
keep money and rates as decimal strings, so no float formatting enters a hash; a float that does
arrive (a JSON column read back from PostgreSQL) is refused rather than hashed one way here and
another way elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


class NotCanonical(ValueError):
    """A value that has no canonical JSON form here (a float, a non-string key)."""


def _check(value: Any, path: str) -> None:
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return
    if isinstance(value, float):
        raise NotCanonical(f"{path}: float {value!r} has no canonical form; store a string")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotCanonical(f"{path}: key {key!r} is not a string")
            _check(item, f"{path}.{key}")
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check(item, f"{path}[{index}]")
        return
    raise NotCanonical(f"{path}: {type(value).__name__} is not JSON")


def canonical_json(value: Any) -> str:
    _check(value, "$")
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_bytes(value: Any) -> bytes:
    return canonical_json(value).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
