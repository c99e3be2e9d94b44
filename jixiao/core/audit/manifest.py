"""``manifest.json`` of an evidence package: every file's SHA-256 and the snapshot it shows.

The package is checked offline (``jixiao audit verify-package``): each listed file must be
present with its hash, no file may be unlisted, and the manifest names the sealed snapshot's
hash, which an auditor compares with the form's history or the signed PDF's reason. The
evidence of the 运行监控 months behind the form is listed under ``monitoring_evidence`` with the
hash recorded at upload, and each such file must still have it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jixiao.core.audit.canonical import sha256_hex

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


def build_manifest(
    files: Mapping[str, bytes], *, snapshot_hash: str | None, form: Mapping[str, Any]
) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "form": dict(form),
        "snapshot_hash": snapshot_hash,
        "files": [
            {"name": name, "sha256": sha256_hex(content), "size": len(content)}
            for name, content in sorted(files.items())
        ],
    }


def verify_manifest(manifest: Mapping[str, Any], digests: Mapping[str, str]) -> list[str]:
    """Problems (Chinese) of a package whose files (other than the manifest) hash to
    ``digests``; empty when it is intact."""
    problems: list[str] = []
    listed = manifest.get("files")
    if not isinstance(listed, list):
        return ["manifest.json 没有文件清单"]
    names: set[str] = set()
    for entry in listed:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append("manifest.json 的文件清单格式有误")
            continue
        name = entry["name"]
        names.add(name)
        if name not in digests:
            problems.append(f"缺少文件：{name}")
        elif digests[name] != entry.get("sha256"):
            problems.append(f"文件内容与清单中的 SHA-256 不符：{name}")
    problems.extend(f"清单中没有列出的文件：{name}" for name in sorted(set(digests) - names))
    return problems


def monitoring_evidence_problems(
    manifest: Mapping[str, Any], digests: Mapping[str, str]
) -> list[str]:
    """Problems (Chinese) of the 运行监控 evidence the manifest lists: each file must be in the
    package (``digests``) and hash to what its upload recorded."""
    problems: list[str] = []
    listed = manifest.get("monitoring_evidence", [])
    if not isinstance(listed, list):
        return ["manifest.json 的运行监控佐证材料清单格式有误"]
    for entry in listed:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            problems.append("manifest.json 的运行监控佐证材料清单格式有误")
            continue
        label = (
            f"运行监控佐证材料“{entry.get('name', entry['file'])}”（{entry.get('month', '?')}月）"
        )
        found = digests.get(entry["file"])
        if found is None:
            problems.append(f"{label}不在压缩包中")
        elif found != entry.get("sha256"):
            problems.append(f"{label}与上传时记录的哈希不符")
    return problems
