"""Export speed: XLSX and PDF of the seed, and 100 forms in batch on 1 and 2 processes,
beside LibreOffice converting the same XLSX to PDF (what units do today) when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2

from benchmarks.common import Result, timed
from jixiao.core.serialization import form_from_json
from jixiao.formats.exporters.pdf import write_pdf
from jixiao.formats.exporters.xlsx import write_xlsx
from jixiao.formats.exporting import export_paths

SEED_JSON = Path(__file__).parent.parent / "tests" / "fixtures" / "seed_form.json"
BATCH = 100


def _libreoffice_pdf(xlsx: bytes) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "seed.xlsx"
        source.write_bytes(xlsx)

        def convert() -> None:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                check=True,
                capture_output=True,
                timeout=300,
            )

        return timed(convert, repeat=3)


def _batch(fmt: str, jobs: int, folder: Path) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        outcomes = export_paths([str(folder)], fmt, out, jobs=jobs, progress=False)
        seconds = time.perf_counter() - start
    assert all(o.ok for o in outcomes) and len(outcomes) == BATCH
    return seconds


def run() -> list[Result]:
    seed = form_from_json(SEED_JSON.read_text(encoding="utf-8"))
    write_pdf(seed)  # warm up fonts and WeasyPrint's imports
    xlsx = write_xlsx(seed)
    pages = len(pypdfium2.PdfDocument(write_pdf(seed)))
    xlsx_s = timed(lambda: write_xlsx(seed), repeat=5)
    pdf_s = timed(lambda: write_pdf(seed), repeat=5)
    office = _libreoffice_pdf(xlsx)
    base_name, base_s = ("libreoffice xlsx→pdf", office) if office else ("", 0.0)
    results = [
        Result("xlsx: seed form", xlsx_s, goal="s/form"),
        Result("pdf: seed form", pdf_s, base_name, base_s or 0.0, goal="s/form"),
        Result(f"pdf: seed, per page ({pages} pages)", pdf_s / max(pages, 1), goal="< 0.5 s/page"),
    ]
    if office:
        results.append(Result("libreoffice xlsx→pdf (baseline)", office, goal="s/form"))
    else:
        results.append(
            Result("libreoffice xlsx→pdf (baseline)", 0.0, goal="skipped: soffice not installed")
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(BATCH):
            shutil.copy(SEED_JSON, folder / f"form{i:03d}.json")
        for fmt in ("xlsx", "pdf"):
            one = _batch(fmt, 1, folder)
            two = _batch(fmt, 2, folder)
            results.append(Result(f"{fmt}: {BATCH} forms, 1 job", one / BATCH, goal="s/form"))
            results.append(
                Result(
                    f"{fmt}: {BATCH} forms, 2 jobs",
                    two / BATCH,
                    f"1 job ({one:.1f} s)",
                    one / BATCH,
                    goal="scales with cores: ~0.5x",
                )
            )
    return results
