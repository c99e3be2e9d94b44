"""PDF import speed: pages per second on jixiao's PDF export of generated department forms
(about 20 pages in all), side by side with plain ``pdftotext`` on the same files.

The aim (issue 3): the whole import — pdfium text and rules, cells, the label-driven reader,
the validator's findings — within 3× of ``pdftotext`` alone, which only extracts text. Every
form is checked to come back with its tasks and indicators, so the timing is of complete work.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.bench_import import generate_form
from benchmarks.common import Result, timed
from jixiao.core.model import DepartmentForm
from jixiao.formats.importing import import_bytes
from jixiao.formats.pdfread import read_pdf
from jixiao.formats.registry import get_exporter

TARGET_PAGES = 20


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


def run() -> list[Result]:
    forms = _forms()
    pages = sum(count for _, _, count in forms)
    _check(forms)

    def import_all() -> None:
        for _, pdf, _ in forms:
            import_bytes(pdf, "bench.pdf")

    ours = timed(import_all, repeat=3)
    results = [
        Result(
            f"PDF import, {len(forms)} forms / {pages} pages",
            ours,
            goal=f"{pages / ours:.0f} pages/s",
        )
    ]
    if shutil.which("pdftotext") is None:
        return results
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, (_, pdf, _) in enumerate(forms):
            path = Path(folder) / f"form{n}.pdf"
            path.write_bytes(pdf)
            paths.append(path)

        def pdftotext_all() -> None:
            for path in paths:
                subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)

        baseline = timed(pdftotext_all, repeat=3)
    results = [
        Result(
            f"PDF import, {len(forms)} forms / {pages} pages",
            ours,
            baseline_name="pdftotext",
            baseline_seconds=baseline,
            goal=f"{pages / ours:.0f} pages/s vs {pages / baseline:.0f}; aim ≤ 3x",
        )
    ]
    return results
