"""The daily anchor: one hash over the heads of every form's chain.

Printed or published once a day, it fixes all chains at once: rewriting any form's history
afterwards (even consistently, re-hashing the whole chain) changes that form's head and so no
longer matches the anchor already on paper. Each anchor also names the previous anchor's hash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jixiao.core.audit.canonical import canonical_bytes, sha256_hex


def anchor_payload(day: str, heads: Mapping[int, str], previous_hash: str) -> dict[str, Any]:
    return {
        "day": day,
        "heads": [[form_id, heads[form_id]] for form_id in sorted(heads)],
        "previous_hash": previous_hash,
    }


def anchor_hash(day: str, heads: Mapping[int, str], previous_hash: str) -> str:
    return sha256_hex(canonical_bytes(anchor_payload(day, heads, previous_hash)))
