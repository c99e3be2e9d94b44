"""Evidence files are typed by content; bombs, climbing names and wrong types are refused."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from PIL import Image

from jixiao.formats.evidence_files import (
    EvidenceRefused,
    check_size,
    clean_name,
    identify,
)
from jixiao.formats.limits import ImportLimits


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, fmt)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind", "media_type"),
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "pdf", "application/pdf"),
        (_image("PNG"), "image", "image/png"),
        (_image("JPEG"), "image", "image/jpeg"),
        (_image("GIF"), "image", "image/gif"),
        (_xlsx(), "office", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (_zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<d/>"}), "ofd", "application/ofd"),
        (_zip({"台账/一月.txt": b"ledger"}), "zip", "application/zip"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "office", "application/x-ole-storage"),
    ],
)
def test_accepted_types_are_recognised_by_content(
    content: bytes, kind: str, media_type: str
) -> None:
    found = identify(content)
    assert (found.kind, found.media_type) == (kind, media_type)


def test_an_executable_named_pdf_is_refused_in_chinese() -> None:
    with pytest.raises(EvidenceRefused, match="文件内容不是允许的类型"):
        identify(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200))


def test_plain_text_is_refused() -> None:
    with pytest.raises(EvidenceRefused, match="只能上传"):
        identify("会议纪要".encode())


def test_a_deflate_bomb_is_refused_before_it_is_unpacked_whole() -> None:
    bomb = _zip({"zeros.bin": bytes(50 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(EvidenceRefused, match="压缩炸弹"):
        identify(bomb, ImportLimits(max_zip_unpacked=10 * 1024 * 1024))


def test_a_bomb_that_understates_its_size_is_caught_while_unpacking() -> None:
    bomb = bytearray(_zip({"zeros.bin": bytes(20 * 1024 * 1024)}))
    # Declared sizes in the local header and the central directory say 1 byte.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = bomb.find(signature)
        bomb[at + offset : at + offset + 4] = (1).to_bytes(4, "little")
    with pytest.raises(EvidenceRefused):
        identify(bytes(bomb), ImportLimits(max_zip_unpacked=5 * 1024 * 1024))


def test_a_zip_member_that_climbs_out_is_refused() -> None:
    with pytest.raises(EvidenceRefused, match="越出解压目录"):
        identify(_zip({"../../etc/cron.d/x": b"x"}))


@pytest.mark.parametrize("name", ["../secret.pdf", "a/b.pdf", "C:\\temp\\x.pdf", ".."])
def test_names_with_path_separators_are_refused(name: str) -> None:
    with pytest.raises(EvidenceRefused, match="路径分隔符"):
        clean_name(name)


def test_names_are_kept_as_given() -> None:
    assert clean_name(" 2022年度来穗人员台账.xlsx\x00 ") == "2022年度来穗人员台账.xlsx"


def test_a_file_over_the_limit_is_refused_with_the_limit_named() -> None:
    with pytest.raises(EvidenceRefused, match="不能超过 20 MB"):
        check_size(21 * 1024 * 1024, 20 * 1024 * 1024)
