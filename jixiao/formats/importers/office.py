"""Legacy office files (.doc, .wps, .xls, .et) converted by LibreOffice headless to HTML and
read as a web page. Each conversion runs with its own LibreOffice profile in a temporary
folder, so conversions in parallel (and the user's own LibreOffice) never clash."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from jixiao.formats.importing import ImportFailure
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportResult

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SUFFIXES = (".doc", ".wps", ".xls", ".et", ".dot", ".wpt", ".ett")
_TIMEOUT = 120


def sniff_office(data: bytes, filename: str) -> bool:
    return data.startswith(_OLE)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_html(data: bytes, filename: str) -> bytes:
    """The file as HTML, converted by LibreOffice; :class:`ImportFailure` when it cannot be."""
    soffice = _soffice()
    if soffice is None:
        raise ImportFailure(
            "读取 .doc/.wps/.xls/.et 文件需要 LibreOffice：请安装后再导入，或另存为 DOCX/XLSX"
        )
    suffix = Path(filename).suffix.lower()
    if suffix not in _SUFFIXES:
        suffix = ".xls" if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data else ".doc"
    with tempfile.TemporaryDirectory(prefix="jixiao-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "html",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ImportFailure("LibreOffice 转换超时：文件可能过大或已损坏") from exc
        except OSError as exc:
            raise ImportFailure(f"无法启动 LibreOffice：{exc.strerror or exc}") from exc
        out = folder / "out" / "input.html"
        if not out.is_file() or out.stat().st_size == 0:
            raise ImportFailure("LibreOffice 无法转换该文件：文件可能已损坏或加密")
        return out.read_bytes()


def read_office(data: bytes, filename: str) -> list[ImportResult]:
    from jixiao.formats.importers.html import read_html

    return read_html(convert_to_html(data, filename), filename, importer="office")


IMPORTER = register_importer(
    Importer(
        name="office",
        label="旧版 Word、Excel、WPS 文件（DOC、XLS、WPS、ET）",
        suffixes=_SUFFIXES,
        sniff=sniff_office,
        read=read_office,
    )
)
