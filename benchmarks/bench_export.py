"""Export speed: XLSX and PDF of the seed, and 100 forms in batch on 1 and 2 processes.

Against LibreOffice converting the same XLSX to PDF (what units do today), like with like and
both printed: one form as whole processes (``jixiao export`` against ``soffice --convert-to``,
each starting cold), and per page on a batch of 50 forms, each converting the batch in one
process, both warm and both as whole processes; and the same batch in CPU seconds (this process
against LibreOffice's processes), which a loaded machine disturbs far less than wall time. Goal:
jixiao's PDF per page no slower than LibreOffice's batch."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
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


OFFICE_BATCH = 50


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pages(folder: Path) -> int:
    return sum(len(pypdfium2.PdfDocument(p)) for p in folder.glob("*.pdf"))


def _children_cpu() -> float:
    """CPU seconds of every finished child process (and the processes they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _office_convert(soffice: str, tmp: str, sources: list[Path], out: Path) -> None:
    # Its own profile folder: a shared one makes parallel conversions wait for each other.
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )


def _whole_processes(xlsx: bytes) -> list[Result]:
    """One form, each tool started cold."""
    soffice = _soffice()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "seed.xlsx").write_bytes(xlsx)
        ours = timed(
            lambda: subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "jixiao",
                    "export",
                    str(SEED_JSON),
                    "--format",
                    "pdf",
                    "--out",
                    str(folder / "ours"),
                    "--jobs",
                    "1",
                    "--quiet",
                ],
                check=True,
                capture_output=True,
                timeout=300,
            ),
            repeat=3,
        )
        if soffice is None:
            return [Result("pdf: seed, whole process", ours, goal="soffice not installed")]
        office = timed(
            lambda: _office_convert(soffice, tmp, [folder / "seed.xlsx"], folder / "office"),
            repeat=3,
        )
    return [
        Result(
            "pdf: seed, whole process", ours, "soffice, whole process", office, goal="both cold"
        ),
    ]


def _per_page_batches(seed_xlsx: bytes) -> list[Result]:
    """Per page, OFFICE_BATCH forms converted in one process by each tool; printed both ways.

    Both warm: jixiao in this (warmed) process against LibreOffice's cost per page once
    started (its batch less its one-form conversion, over the pages in between). Both as whole
    processes: ``jixiao export DIR`` against ``soffice --convert-to`` of the batch, each started
    cold, start-up spread over the batch's pages."""
    soffice = _soffice()
    if soffice is None:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "json").mkdir()
        sources = []
        for i in range(OFFICE_BATCH):
            shutil.copy(SEED_JSON, folder / "json" / f"form{i:03d}.json")
            source = folder / f"form{i:03d}.xlsx"
            source.write_bytes(seed_xlsx)
            sources.append(source)
        start, cpu = time.perf_counter(), time.process_time()
        outcomes = export_paths([str(folder / "json")], "pdf", folder / "ours", progress=False)
        ours = time.perf_counter() - start
        ours_cpu = time.process_time() - cpu
        assert all(o.ok for o in outcomes)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "jixiao",
                "export",
                str(folder / "json"),
                "--format",
                "pdf",
                "--out",
                str(folder / "ours-process"),
                "--jobs",
                "1",
                "--quiet",
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
        ours_process = time.perf_counter() - start
        start, cpu = time.perf_counter(), _children_cpu()
        _office_convert(soffice, tmp, sources[:1], folder / "office-one")
        office_one = time.perf_counter() - start
        office_one_cpu = _children_cpu() - cpu
        start, cpu = time.perf_counter(), _children_cpu()
        _office_convert(soffice, tmp, sources, folder / "office")
        office = time.perf_counter() - start
        office_cpu = _children_cpu() - cpu
        our_pages, office_pages = _pages(folder / "ours"), _pages(folder / "office")
        assert _pages(folder / "ours-process") == our_pages
        one_page_count = _pages(folder / "office-one")
    office_warm = (office - office_one) / max(1, office_pages - one_page_count)
    office_warm_cpu = (office_cpu - office_one_cpu) / max(1, office_pages - one_page_count)
    return [
        Result(
            f"pdf: {OFFICE_BATCH} forms, per page, both warm ({our_pages} pages)",
            ours / our_pages,
            f"soffice once started ({office_pages} pages)",
            office_warm,
            goal="aim ≤ 1x",
        ),
        Result(
            f"pdf: {OFFICE_BATCH} forms, per page, CPU s, both warm",
            ours_cpu / our_pages,
            "soffice once started, CPU s",
            office_warm_cpu,
            goal="load-independent",
        ),
        Result(
            f"pdf: {OFFICE_BATCH} forms, per page, both whole processes",
            ours_process / our_pages,
            "soffice batch, whole process",
            office / office_pages,
            goal="aim ≤ 1x",
        ),
    ]


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
    results = [
        Result("xlsx: seed form, warm, in process", xlsx_s, goal="s/form"),
        Result("pdf: seed form, warm, in process", pdf_s, goal="s/form"),
        Result(f"pdf: seed, per page ({pages} pages)", pdf_s / max(pages, 1), goal="< 0.5 s/page"),
        *_whole_processes(xlsx),
        *_per_page_batches(xlsx),
    ]
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
