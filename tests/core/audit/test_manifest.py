from jixiao.core.audit import (
    build_manifest,
    monitoring_evidence_problems,
    sha256_hex,
    verify_manifest,
)

FILES = {"form.pdf": b"%PDF-1.7 ...", "evidence/1-台账.pdf": b"ledger"}


def _digests(files: dict[str, bytes]) -> dict[str, str]:
    return {name: sha256_hex(content) for name, content in files.items()}


def test_an_intact_package_has_no_problems() -> None:
    manifest = build_manifest(FILES, snapshot_hash="f" * 64, form={"id": 3})
    assert manifest["snapshot_hash"] == "f" * 64
    assert verify_manifest(manifest, _digests(FILES)) == []


def test_changed_missing_and_extra_files_are_each_named() -> None:
    manifest = build_manifest(FILES, snapshot_hash=None, form={"id": 3})
    tampered = {"form.pdf": b"%PDF-1.7 changed", "extra.txt": b"x"}
    problems = verify_manifest(manifest, _digests(tampered))
    assert problems == [
        "缺少文件：evidence/1-台账.pdf",
        "文件内容与清单中的 SHA-256 不符：form.pdf",
        "清单中没有列出的文件：extra.txt",
    ]


def test_monitoring_evidence_must_still_hash_to_what_its_upload_recorded() -> None:
    ledger, photo = "monitoring/07月-5-台账.pdf", "monitoring/03月-6-照片.png"
    recorded = sha256_hex("7月台账".encode())
    manifest = {
        "monitoring_evidence": [
            {"file": ledger, "name": "台账.pdf", "month": 7, "sha256": recorded},
            {"file": photo, "name": "照片.png", "month": 3, "sha256": "0" * 64},
        ]
    }
    intact = {ledger: recorded, photo: "0" * 64}
    assert monitoring_evidence_problems(manifest, intact) == []
    assert monitoring_evidence_problems({}, intact) == []  # a package made before the list
    changed = {ledger: sha256_hex(b"forged")}
    assert monitoring_evidence_problems(manifest, changed) == [
        "运行监控佐证材料“台账.pdf”（7月）与上传时记录的哈希不符",
        "运行监控佐证材料“照片.png”（3月）不在压缩包中",
    ]
    assert monitoring_evidence_problems({"monitoring_evidence": "x"}, intact) == [
        "manifest.json 的运行监控佐证材料清单格式有误"
    ]
