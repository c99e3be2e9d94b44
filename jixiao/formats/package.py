"""The evidence package (证据包): one ZIP with a form's PDF, XLSX and JSON, every evidence file,
the evidence of the 运行监控 months behind the form, the sealed snapshot and ``manifest.json``
listing each file's SHA-256 and the snapshot's hash.

:func:`write_package` builds it from bytes; :func:`verify_package` checks one offline, with no
database: every file against the manifest, the snapshot against its hash, each evidence file
against the hash the snapshot sealed, each monitoring month's file against the hash recorded
at its upload (monitoring is not sealed into the chain), and the PDF's signature (intact, and
naming the snapshot hash in its reason). The ZIP is read with the import limits, so a bomb is
refused.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jixiao.core.audit import (
    MANIFEST_NAME,
    build_manifest,
    monitoring_evidence_problems,
    sha256_hex,
    snapshot_from_text,
    verify_manifest,
)
from jixiao.core.audit.chain import SnapshotUnreadable
from jixiao.formats.evidence_files import EvidenceRefused, identify
from jixiao.formats.limits import ImportLimits, current_limits
from jixiao.formats.signing import SignatureCheck, validate_pdf

SNAPSHOT_NAME = "snapshot.json"
PDF_NAME = "form.pdf"


def write_package(
    files: Mapping[str, bytes],
    *,
    snapshot_text: str | None,
    snapshot_hash: str | None,
    form: Mapping[str, Any],
    evidence: list[dict[str, Any]],
    monitoring_evidence: list[dict[str, Any]] | None = None,
) -> bytes:
    """``evidence`` and ``monitoring_evidence`` describe the files among ``files`` (``id``,
    ``file``, ``name``, ``sha256`` and where they belong); both are listed in the manifest."""
    contents = dict(files)
    if snapshot_text is not None:
        contents[SNAPSHOT_NAME] = snapshot_text.encode("utf-8")
    manifest = build_manifest(contents, snapshot_hash=snapshot_hash, form=form)
    manifest["evidence"] = evidence
    manifest["monitoring_evidence"] = monitoring_evidence or []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(contents.items()):
            archive.writestr(name, content)
        archive.writestr(
            MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
        )
    return buffer.getvalue()


@dataclass
class PackageCheck:
    problems: list[str] = field(default_factory=list)
    snapshot_hash: str | None = None
    files: int = 0
    signature: SignatureCheck | None = None

    @property
    def intact(self) -> bool:
        return not self.problems


def read_package(content: bytes, limits: ImportLimits | None = None) -> dict[str, bytes]:
    """Every member of the ZIP, after the bomb and name checks of evidence uploads."""
    if not content.startswith(b"PK"):
        raise PackageUnreadable("不是 ZIP 文件，无法作为证据包验证")
    try:
        identify(content, limits or current_limits())
    except EvidenceRefused as exc:
        raise PackageUnreadable(exc.message) from None
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()
        }


class PackageUnreadable(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def verify_package(content: bytes) -> PackageCheck:
    files = read_package(content)
    check = PackageCheck()
    raw = files.pop(MANIFEST_NAME, None)
    if raw is None:
        check.problems.append("压缩包中没有 manifest.json")
        return check
    try:
        manifest = json.loads(raw)
    except ValueError:
        check.problems.append("manifest.json 不是有效的 JSON")
        return check
    check.files = len(files)
    digests = {name: sha256_hex(data) for name, data in files.items()}
    check.problems.extend(verify_manifest(manifest, digests))
    check.problems.extend(monitoring_evidence_problems(manifest, digests))
    check.snapshot_hash = manifest.get("snapshot_hash")
    if check.snapshot_hash:
        check.problems.extend(_snapshot_problems(files, manifest, check.snapshot_hash))
    if PDF_NAME in files:
        check.signature = validate_pdf(files[PDF_NAME])
        if check.signature.signed:
            if not check.signature.ok:
                check.problems.append(f"{PDF_NAME} 的数字签名无效：{check.signature.problem}")
            elif check.snapshot_hash and check.snapshot_hash not in check.signature.reason:
                check.problems.append(f"{PDF_NAME} 的签名原因中没有清单中的快照哈希")
    return check


def _snapshot_problems(
    files: Mapping[str, bytes], manifest: Mapping[str, Any], expected: str
) -> list[str]:
    text = files.get(SNAPSHOT_NAME)
    if text is None:
        return [f"清单列出了快照哈希，但压缩包中没有 {SNAPSHOT_NAME}"]
    if sha256_hex(text) != expected:
        return [f"{SNAPSHOT_NAME} 的 SHA-256 与清单中的快照哈希不符"]
    try:
        snapshot = snapshot_from_text(text.decode("utf-8"))
    except (SnapshotUnreadable, UnicodeDecodeError):
        return [f"{SNAPSHOT_NAME} 无法读取"]
    problems: list[str] = []
    by_id = {
        int(e["id"]): str(e["file"])
        for e in manifest.get("evidence", [])
        if isinstance(e, dict) and "id" in e and "file" in e
    }
    for ref in snapshot.evidence:
        name = by_id.get(ref.id)
        if name is None or name not in files:
            problems.append(f"快照封存的佐证材料“{ref.name}”不在压缩包中")
        elif sha256_hex(files[name]) != ref.sha256:
            problems.append(f"佐证材料“{ref.name}”与快照封存的哈希不符")
    return problems
