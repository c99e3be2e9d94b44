"""Small evidence files made for the tests."""

from __future__ import annotations

import io

from PIL import Image


def pdf_bytes(text: str = "台账") -> bytes:
    body = f"%PDF-1.4\n% {text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
    return body.encode("utf-8")


def png_bytes(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), colour).save(buffer, "PNG")
    return buffer.getvalue()
