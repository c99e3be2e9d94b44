"""Tamper evidence for stored forms: canonical JSON, per-form hash chains, daily anchors and
evidence-package manifests, as pure functions over plain data.

The web layer stores what these functions build and hands stored rows back to them to verify;
nothing here knows of a database or a file system, so the same checks run in ``jixiao audit
verify`` (over the database) and ``jixiao audit verify-package`` (over a ZIP, offline).
"""

from jixiao.core.audit.anchor import anchor_hash, anchor_payload
from jixiao.core.audit.canonical import canonical_bytes, canonical_json, sha256_hex
from jixiao.core.audit.chain import (
    EVENT_LABELS,
    GENESIS_HASH,
    Break,
    EventKind,
    EvidenceRef,
    Link,
    Snapshot,
    snapshot_from_text,
    snapshot_hash,
    snapshot_text,
    verify_chain,
)
from jixiao.core.audit.manifest import (
    MANIFEST_NAME,
    build_manifest,
    monitoring_evidence_problems,
    verify_manifest,
)

__all__ = [
    "EVENT_LABELS",
    "GENESIS_HASH",
    "MANIFEST_NAME",
    "Break",
    "EventKind",
    "EvidenceRef",
    "Link",
    "Snapshot",
    "anchor_hash",
    "anchor_payload",
    "build_manifest",
    "canonical_bytes",
    "canonical_json",
    "monitoring_evidence_problems",
    "sha256_hex",
    "snapshot_from_text",
    "snapshot_hash",
    "snapshot_text",
    "verify_chain",
    "verify_manifest",
]
