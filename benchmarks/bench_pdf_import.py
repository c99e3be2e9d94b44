"""PDF import speed on one multi-page file (jixiao's PDF export of generated department forms,
about 50 pages, joined into one publication), beside ``pdftotext -layout`` on the same file.

Like with like, all printed: jixiao in process against ``pdftotext -layout`` as a process
(its start costs a few milliseconds), against ``pdftotext -layout`` once started (its run on the
file less its run on the first page), and both as whole processes (``jixiao import`` against
``pdftotext -layout``). The aim (issue 3): the whole import — pdfium text and rules, cells, the
label-driven reader, the validator's findings — within 3× of ``pdftotext -layout``, which only
lays out text. Every form is checked to come back with its tasks and indicators. Beside the wall
times, CPU seconds of both (this process against pdftotext's), which a loaded machine disturbs
far less.
"""

from __future__ import annotations

import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_import import generate_form
from benchmarks.common import Result, timed
from jixiao.core.model import DepartmentForm
from jixiao.formats.importing import import_bytes
from jixiao.formats.pdfread import read_pdf
from jixiao.formats.registry import get_exporter

TARGET_PAGES = 50


def _forms() -> list[tuple[DepartmentForm, bytes, int]]:
    rng = random.Random(20230)
    write = get_exporter("pdf").write
    out: list[tuple[DepartmentForm, bytes, int]] = []
    pages = 0
    number = 0
    while pages < TARGET_PAGES:
        number += 1
        form = generate_form(rng, number)
        pdf = write(form)
        count = len(read_pdf(pdf))
        out.append((form, pdf, count))
        pages += count
    return out


def _check(forms: list[tuple[DepartmentForm, bytes, int]]) -> None:
    for form, pdf, _ in forms:
        read = import_bytes(pdf, "bench.pdf")[0].form
        assert isinstance(read, DepartmentForm)
        assert [len(t.indicators) for t in read.tasks] == [len(t.indicators) for t in form.tasks]
        assert read.funds.initial_budget == form.funds.initial_budget


def _joined(forms: list[tuple[DepartmentForm, bytes, int]]) -> bytes:
    import io

    import pypdfium2

    joined = pypdfium2.PdfDocument.new()
    for _, pdf, _ in forms:
        joined.import_pages(pypdfium2.PdfDocument(pdf))
    out = io.BytesIO()
    joined.save(out)
    return out.getvalue()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu(fn: Callable[[], object], cpu: Callable[[], float], repeat: int = 3) -> float:
    """Least CPU seconds (as ``cpu`` counts them) of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = cpu()
        fn()
        samples.append(cpu() - start)
    return min(samples)


def run() -> list[Result]:
    forms = _forms()
    pages = sum(count for _, _, count in forms)
    _check(forms)
    joined = _joined(forms)
    found = import_bytes(joined, "bench.pdf")
    per_file = len(found) != len(forms)  # the reader did not split the publication: per file

    def import_all() -> None:
        if per_file:
            for _, pdf, _ in forms:
                import_bytes(pdf, "bench.pdf")
        else:
            import_bytes(joined, "bench.pdf")

    ours = timed(import_all, repeat=3)
    label = f"{len(forms)} forms / {pages} pages" + (", file by file" if per_file else ", one file")
    if shutil.which("pdftotext") is None:
        return [Result(f"PDF import in process, {label}", ours, goal=f"{pages / ours:.0f} pages/s")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "joined.pdf"
        path.write_bytes(joined)
        out = Path(folder) / "out"

        def pdftotext() -> None:
            subprocess.run(
                ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
            )

        def jixiao_process() -> None:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "jixiao",
                    "import",
                    str(path),
                    "--out",
                    str(out),
                    "--jobs",
                    "1",
                ],
                capture_output=True,
                check=False,
            )

        def pdftotext_first_page() -> None:
            subprocess.run(
                ["pdftotext", "-layout", "-l", "1", str(path), "-"], capture_output=True, check=True
            )

        baseline = timed(pdftotext, repeat=3)
        ours_cpu = _cpu(import_all, time.process_time)
        baseline_cpu = _cpu(pdftotext, _children_cpu)
        # pdftotext once started: its run on the whole file less its run on the first page
        # (start-up and one page), scaled back to every page; beside jixiao in process.
        started = (baseline - timed(pdftotext_first_page, repeat=3)) * pages / max(1, pages - 1)
        whole = timed(jixiao_process, repeat=3)
    return [
        Result(
            f"PDF import in process, {label}",
            ours,
            baseline_name="pdftotext -layout",
            baseline_seconds=baseline,
            goal=f"{pages / ours:.0f} pages/s vs {pages / baseline:.0f}; aim ≤ 3x",
        ),
        Result(
            f"PDF import in process, {label}",
            ours,
            baseline_name="pdftotext, once started",
            baseline_seconds=max(started, 1e-6),
            goal="both warm",
        ),
        Result(
            f"PDF import in process, CPU s, {label}",
            ours_cpu,
            baseline_name="pdftotext -layout, CPU s",
            baseline_seconds=max(baseline_cpu, 1e-6),
            goal="load-independent; aim ≤ 3x",
        ),
        Result(
            f"PDF import whole process, {label}",
            whole,
            baseline_name="pdftotext -layout",
            baseline_seconds=baseline,
            goal="both as processes",
        ),
        Result("pdftotext -layout, same file (baseline)", baseline, goal=f"{pages} pages"),
    ]
