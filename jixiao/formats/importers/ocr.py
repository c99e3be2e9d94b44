"""Scanned forms (PNG, JPEG, or a PDF of images) read by OCR, an optional extra.

rapidocr (with onnxruntime) finds text boxes; the table's rules are found in the image itself
(long runs of dark pixels), so the boxes fall into cells and the same label-driven grid reader
as for a PDF reads the form. Without rules the boxes are rebuilt into lines for the text parser.
Every value read this way carries the recogniser's score, never above
:data:`OCR_CERTAINTY`: a reading from an image is never certain.
"""

from __future__ import annotations

import io
import logging
from functools import cache
from typing import Any

from jixiao.formats.gridread import read_grid
from jixiao.formats.importing import ImportFailure
from jixiao.formats.pdfread.document import Char, Segment
from jixiao.formats.pdfread.grid import pages_to_grid, split_forms, text_lines
from jixiao.formats.pdfread.layout import PageLayout, is_wide, layout_page
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportReport, ImportResult, Provenance
from jixiao.formats.textparse import NotAForm, parse_lines

log = logging.getLogger(__name__)

OCR_MISSING = (
    "这是扫描件（没有文字层），需要 OCR 识别：请安装可选组件后重试（pip install 'jixiao[ocr]'）"
)
OCR_CERTAINTY = 0.95
RENDER_DPI = 150
A4_WIDTH_PT = 595.0
MAX_PIXELS = 40_000_000  # a scanned A4 page at 600 dpi is 35 million pixels
MAX_PAGES = 30
# Dark runs at least this long (points) are table rules, not strokes of characters.
MIN_H_RULE = 30.0
MIN_V_RULE = 12.0
DARK = 160
# OCR boxes hug the ink: a wrapped line looks up to this many ems short of the cell edge.
OCR_SLACK = 1.2
# Scans are straightened up to this tilt (degrees); beyond it the grid is lost.
MAX_SKEW = 5.0
MAX_SEARCH = 7.0

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def ocr_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _engine() -> Any:
    from rapidocr import RapidOCR

    # The models ship inside the rapidocr wheel; nothing is fetched at run time.
    return RapidOCR(params={"Global.log_level": "warning"})


def sniff_image(data: bytes, filename: str) -> bool:
    return data.startswith((_PNG, _JPEG))


def _rules(dark: Any, scale: float) -> list[Segment]:
    """Horizontal and vertical runs of dark pixels long enough to be rules, in points."""
    import numpy as np

    segments: list[Segment] = []
    for axis, minimum in ((0, MIN_H_RULE), (1, MIN_V_RULE)):
        grid = dark if axis == 0 else dark.T
        shortest = max(3, int(minimum / scale))
        padded = np.pad(grid.astype(np.int8), ((0, 0), (1, 1)))
        changes = np.diff(padded, axis=1)
        for index in np.nonzero(grid.sum(axis=1) >= shortest)[0]:
            starts = np.nonzero(changes[index] == 1)[0]
            ends = np.nonzero(changes[index] == -1)[0]
            for a, b in zip(starts, ends, strict=True):
                if b - a < shortest:
                    continue
                at = float((index + 0.5) * scale)
                low, high = float(a * scale), float(b * scale)
                if axis == 0:
                    segments.append(Segment(low, at, high, at))
                else:
                    segments.append(Segment(at, low, at, high))
    return segments


def _chars(result: Any, scale: float) -> list[Char]:
    """Each OCR box as characters sharing its width (a Chinese character takes twice a
    digit's), so that the layout code groups them into lines and cells as for a PDF."""
    chars: list[Char] = []
    if result is None or result.boxes is None:
        return chars
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        text = "".join(str(text).split())
        if not text:
            continue
        xs = [float(p[0]) * scale for p in box]
        ys = [float(p[1]) * scale for p in box]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        units = [1.0 if is_wide(ch) else 0.55 for ch in text]
        step = (x1 - x0) / sum(units)
        x = x0
        for ch, unit in zip(text, units, strict=True):
            chars.append(Char(ch, x, x + unit * step, top, bottom, float(score)))
            x += unit * step
    return chars


def skew_angle(image: Any) -> float:
    """The page's tilt in degrees (counter-clockwise positive), found where the dark pixels'
    horizontal projection is sharpest: table rules and text lines line up at the true angle.
    Searched up to :data:`MAX_SEARCH` degrees on a reduced copy of the page."""
    import numpy as np

    gray = image.convert("L")
    width = 700
    if gray.width > width:
        gray = gray.resize((width, max(1, round(gray.height * width / gray.width))))
    ys, xs = np.nonzero(np.asarray(gray) < DARK)
    if len(ys) < 50:
        return 0.0
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64)

    def sharpness(angle: float) -> float:
        t = np.deg2rad(angle)
        rows = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float((counts.astype(np.float64) ** 2).sum())

    coarse = max(np.arange(-MAX_SEARCH, MAX_SEARCH + 0.01, 0.25), key=sharpness)
    fine = max(np.arange(coarse - 0.25, coarse + 0.26, 0.05), key=sharpness)
    return float(round(fine, 2))


def _straightened(image: Any) -> Any:
    """The page turned upright. A tilt beyond :data:`MAX_SKEW` degrees is refused: the grid
    could not be found reliably, and cells would be filed under the wrong rows."""
    angle = skew_angle(image)
    if abs(angle) > MAX_SKEW:
        raise ImportFailure(
            f"扫描件倾斜约 {abs(angle):.1f}°，超过 {MAX_SKEW:.0f}°，"
            "无法可靠找到表格：请摆正后重新扫描"
        )
    if abs(angle) < 0.1:
        return image
    return image.convert("RGB").rotate(-angle, resample=3, expand=False, fillcolor="white")


def _page(number: int, image: Any) -> PageLayout:
    import numpy as np

    image = _straightened(image)
    gray = np.asarray(image.convert("L"))
    height_px, width_px = gray.shape
    scale = A4_WIDTH_PT / width_px
    result = _engine()(np.asarray(image.convert("RGB")))
    return layout_page(
        number,
        width_px * scale,
        height_px * scale,
        _chars(result, scale),
        _rules(gray < DARK, scale),
    )


def _check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ImportFailure("图片过大，无法识别（请以不超过 600 dpi 扫描）")


def _images_of_pdf(data: bytes) -> list[Any]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > MAX_PAGES:
            raise ImportFailure(f"扫描件有 {len(pdf)} 页，OCR 最多识别 {MAX_PAGES} 页")
        images = []
        for page in pdf:
            width, height = page.get_size()
            _check_size(int(width * RENDER_DPI / 72), int(height * RENDER_DPI / 72))
            images.append(page.render(scale=RENDER_DPI / 72).to_pil())
            page.close()
        return images
    finally:
        pdf.close()


def _image(data: bytes) -> Any:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        _check_size(*image.size)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImportFailure("图片文件已损坏，无法读取") from exc
    return image


def _certain_at_most(report: ImportReport, sure: dict[tuple[int, int], float]) -> None:
    """Scale each field's confidence by the recogniser's score for its line."""
    for path, entry in list(report.provenance.items()):
        key = (entry.source.page or 0, entry.source.line or 0)
        score = sure.get(key, 1.0)
        report.provenance[path] = Provenance(
            path, entry.source, round(min(entry.confidence * score, OCR_CERTAINTY), 2)
        )
    report.warn("本表由 OCR 从图像识别，请逐项核对")


def read_images(images: list[Any], filename: str) -> list[ImportResult]:
    if not ocr_available():
        raise ImportFailure(OCR_MISSING)
    pages = [_page(n, image) for n, image in enumerate(images, start=1)]
    sure = {
        (line.page, line.number): line.confidence
        for page in pages
        for line in [*page.free, *(ln for cell in page.cells for ln in cell.lines)]
    }
    if not any(page.char_count for page in pages):
        raise ImportFailure("扫描件中没有识别出文字")
    results: list[ImportResult] = []
    reasons: list[str] = []
    for group in split_forms(pages):
        try:
            found = [read_grid(pages_to_grid(group, slack=OCR_SLACK), "ocr", filename)]
        except NotAForm as exc:
            reasons.append(exc.message)
            try:
                parsed = parse_lines(text_lines(group), "ocr", filename)
            except NotAForm as again:
                reasons.append(again.message)
                continue
            found = [ImportResult(p.form, p.report) for p in parsed]
        for result in found:
            _certain_at_most(result.report, sure)
        results += found
    if not results:
        raise ImportFailure(f"扫描件中没有识别出绩效自评表：{reasons[0]}")
    return results


def read_scanned_pdf(data: bytes, filename: str) -> list[ImportResult]:
    """A PDF without a text layer: its pages rendered and recognised."""
    if not ocr_available():
        raise ImportFailure(OCR_MISSING)
    return read_images(_images_of_pdf(data), filename)


def _read(data: bytes, filename: str) -> list[ImportResult]:
    if not ocr_available():
        raise ImportFailure(OCR_MISSING)
    return read_images([_image(data)], filename)


IMPORTER = register_importer(
    Importer(
        name="ocr",
        label="扫描图片",
        suffixes=(".png", ".jpg", ".jpeg"),
        sniff=sniff_image,
        read=_read,
    )
)
