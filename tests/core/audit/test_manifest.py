from jixiao.core.audit import build_manifest, sha256_hex, verify_manifest

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
