"""Scanned forms: OCR (the optional extra) and the clear message when it is not installed."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import Form
from jixiao.formats.importers import ocr
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.registry import importer_for


def page_png(pdf: bytes, dpi: int = 150) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=dpi / 72).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def image_pdf(png: bytes) -> bytes:
    """A PDF holding only the picture of a page: no text layer, as a scanner makes it."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def seed_png(seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]) -> bytes:
    return page_png(export("pdf", seed_form_model))


def test_without_the_ocr_extra_a_scan_gets_a_message_saying_how_to_enable_it(
    seed_png: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    for data, name in ((seed_png, "scan.png"), (image_pdf(seed_png), "scan.pdf")):
        with pytest.raises(ImportFailure) as failure:
            import_bytes(data, name)
        assert "扫描件" in failure.value.message
        assert "pip install 'jixiao[ocr]'" in failure.value.message
        assert "\n" not in failure.value.message


def test_a_pdf_without_text_layer_goes_to_ocr(
    seed_png: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []

    def fake_read(images: list[Any], filename: str) -> list[Any]:
        seen.extend(images)
        raise ImportFailure("已交给 OCR")

    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    monkeypatch.setattr(ocr, "read_images", fake_read)
    with pytest.raises(ImportFailure, match="已交给 OCR"):
        import_bytes(image_pdf(seed_png), "scan.pdf")
    assert len(seen) == 1 and seen[0].size[0] > 1000


def test_images_are_recognised_by_their_magic_bytes(seed_png: bytes) -> None:
    importer = importer_for(seed_png, "scan.bin")
    assert importer is not None and importer.name == "ocr"


@pytest.mark.slow
def test_ocr_of_the_seed_first_page_gives_the_funds_and_the_department(
    seed_png: bytes,
) -> None:
    pytest.importorskip("rapidocr")
    pytest.importorskip("onnxruntime")
    result = import_bytes(seed_png, "scan.png")[0]
    form = result.form
    assert isinstance(form, DepartmentForm)
    assert form.department == "中国共产党广州市天河区委员会政法委员会"
    assert form.year == 2022
    funds = form.funds
    assert (funds.initial_budget, funds.adjusted_budget) == (Decimal("2803.45"), Decimal("1985.28"))
    assert (funds.adjustment, funds.actual_spending) == (Decimal("818.17"), Decimal("1961.88"))
    assert (funds.completion_rate, funds.adjustment_rate) == (Decimal("98.82"), Decimal("29"))
    report = result.report
    assert report.importer == "ocr"
    assert all(p.confidence < 1 for p in report.provenance.values())
    assert report.provenance["funds.initial_budget"].source.page == 1
    assert any("OCR" in w for w in report.warnings)


def _tilted(png: bytes, degrees: float) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    image.rotate(degrees, resample=3, fillcolor="white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("degrees", [0.0, 2.0, -3.5, 6.5])
def test_the_tilt_of_a_scan_is_measured(seed_png: bytes, degrees: float) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(_tilted(seed_png, degrees)))
    assert ocr.skew_angle(image) == pytest.approx(degrees, abs=0.1)


@pytest.mark.slow
def test_a_scan_tilted_two_degrees_reads_as_if_straight(seed_png: bytes) -> None:
    pytest.importorskip("rapidocr")
    pytest.importorskip("onnxruntime")
    form = import_bytes(_tilted(seed_png, 2.0), "tilted.png")[0].form
    assert isinstance(form, DepartmentForm)
    assert form.department == "中国共产党广州市天河区委员会政法委员会"
    funds = form.funds
    assert (funds.initial_budget, funds.adjusted_budget) == (Decimal("2803.45"), Decimal("1985.28"))
    assert (funds.adjustment, funds.actual_spending) == (Decimal("818.17"), Decimal("1961.88"))
    # task 2's funds stay under task 2 (a tilted grid once filed them under task 1)
    assert [task.funds for task in form.tasks] == [Decimal("10.00"), Decimal("113.12")]


def test_a_scan_tilted_beyond_five_degrees_is_refused_with_a_message(seed_png: bytes) -> None:
    pytest.importorskip("rapidocr")
    pytest.importorskip("onnxruntime")
    with pytest.raises(ImportFailure) as failure:
        import_bytes(_tilted(seed_png, 6.5), "tilted.png")
    assert "倾斜" in failure.value.message and "重新扫描" in failure.value.message
