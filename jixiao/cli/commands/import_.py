"""``jixiao import FILE... [--json] [--out DIR]``: read published forms back into data.

One JSON per form (to stdout with ``--json``, into ``--out DIR`` as files), the import report
on stderr in Chinese. A directory is imported in bulk: worker processes, a progress bar and a
summary table. Exit status 0 when every file was read (warnings allowed), 2 when some file
could not be read at all; the other files are still imported.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.cli.i18n import t
from jixiao.cli.terminal import pad, text_width
from jixiao.core.serialization import form_to_data

NAME = "import"
HELP = (
    "导入已发布的绩效自评表（PDF、Excel、Word、WPS、网页、文本、JSON、扫描件）",
    "import published forms (PDF, Excel, Word, WPS, HTML, text, JSON, scans)",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="FILE", help=t("文件或目录", "files or folders")
    )
    parser.add_argument(
        "--json", action="store_true", help=t("把表单 JSON 输出到标准输出", "print form JSON")
    )
    parser.add_argument(
        "--out", metavar="DIR", help=t("每张表写一个 JSON 文件到此目录", "write one JSON per form")
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help=t("并行进程数（默认 CPU 数）", "worker processes (default: CPU count)"),
    )


@dataclass
class Outcome:
    """What importing one file gave, as plain data so that it crosses process boundaries."""

    path: str
    forms: list[dict[str, Any]] = field(default_factory=list)
    reports: list[list[str]] = field(default_factory=list)
    warnings: int = 0  # what the reader could not place or was unsure of
    findings: int = 0  # what the validator found in the figures it recomputed
    failure: str | None = None


def import_file(path: str) -> Outcome:
    """Import one file; never raises."""
    from jixiao.formats.importing import ImportFailure, import_path

    outcome = Outcome(path)
    try:
        results = import_path(path)
    except ImportFailure as exc:
        outcome.failure = exc.message
        return outcome
    except Exception as exc:  # a bug must not stop a bulk run
        outcome.failure = f"内部错误：{type(exc).__name__}"
        return outcome
    for result in results:
        outcome.forms.append(form_to_data(result.form))
        outcome.reports.append(result.report.summary_lines())
        outcome.warnings += len(result.report.warnings) + len(result.report.unplaced)
        outcome.findings += len(result.report.findings)
    return outcome


@dataclass(frozen=True)
class _Input:
    path: Path
    root: Path | None  # the folder it was found in, to mirror sub-folders under --out


def _inputs(paths: Sequence[str]) -> tuple[list[_Input], bool]:
    found: list[_Input] = []
    bulk = len(paths) > 1
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            bulk = True
            found += [
                _Input(p, path)
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
        else:
            found.append(_Input(path, None))
    return found, bulk


def _outcomes(inputs: Sequence[_Input], jobs: int, bulk: bool) -> Iterator[Outcome]:
    paths = [str(item.path) for item in inputs]
    if not bulk or jobs <= 1 or len(paths) <= 1:
        yield from map(import_file, paths)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        yield from pool.map(import_file, paths, chunksize=max(1, len(paths) // (jobs * 8)))


def _folder(item: _Input, out: Path) -> Path:
    if item.root is None:
        return out
    return out / item.path.parent.relative_to(item.root)


def _shared_stems(inputs: Sequence[_Input], out: Path) -> set[tuple[Path, str]]:
    """(folder, stem) written by more than one input: ``form.pdf`` and ``form.xlsx`` side by
    side would both write ``form.json``, the second over the first."""
    seen: dict[tuple[Path, str], int] = {}
    for item in inputs:
        key = (_folder(item, out), item.path.stem)
        seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count > 1}


def _write_forms(outcome: Outcome, item: _Input, out: Path, shared: set[tuple[Path, str]]) -> None:
    folder = _folder(item, out)
    folder.mkdir(parents=True, exist_ok=True)
    stem = item.path.stem
    if (folder, stem) in shared:
        stem = item.path.name  # form.pdf.json beside form.xlsx.json
    for n, data in enumerate(outcome.forms, start=1):
        name = f"{stem}.json" if len(outcome.forms) == 1 else f"{stem}-{n}.json"
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        (folder / name).write_text(text, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    inputs, bulk = _inputs(args.paths)
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        print(f"jixiao: {t('输出位置不是目录', 'not a folder')}：{out}", file=sys.stderr)
        return 2
    forms: list[dict[str, Any]] = []
    files = failures = warnings = findings = 0
    shared = _shared_stems(inputs, out) if out is not None else set()
    progress = tqdm(
        total=len(inputs), file=sys.stderr, unit="个文件", disable=not bulk, leave=False
    )
    for item, outcome in zip(inputs, _outcomes(inputs, max(1, args.jobs), bulk), strict=True):
        files += 1
        progress.update(1)
        if outcome.failure is not None:
            failures += 1
            progress.write(f"jixiao: {outcome.path}：{outcome.failure}", file=sys.stderr)
            continue
        warnings += outcome.warnings
        findings += outcome.findings
        if not bulk:
            for n, lines in enumerate(outcome.reports, start=1):
                where = outcome.path if len(outcome.reports) == 1 else f"{outcome.path} 第{n}张表"
                print(f"{where}：", file=sys.stderr)
                for line in lines:
                    print(f"  {line}", file=sys.stderr)
        if out is not None:
            _write_forms(outcome, item, out, shared)
        forms += outcome.forms
    progress.close()
    if args.json and forms:
        document: Any = forms[0] if len(forms) == 1 else forms
        print(json.dumps(document, ensure_ascii=False, indent=2))
    if bulk:
        _print_summary(files, len(forms), warnings, findings, failures)
    return 2 if failures else 0


def _print_summary(files: int, forms: int, warnings: int, findings: int, failures: int) -> None:
    head = [
        t("文件", "files"),
        t("表单", "forms"),
        t("读取警告", "warnings"),
        t("核验问题", "findings"),
        t("失败", "failures"),
    ]
    row = [str(files), str(forms), str(warnings), str(findings), str(failures)]
    widths = [max(text_width(h), len(v)) for h, v in zip(head, row, strict=True)]
    print(t("导入汇总", "import summary"), file=sys.stderr)
    print("  ".join(pad(h, w, ">") for h, w in zip(head, widths, strict=True)), file=sys.stderr)
    print("  ".join(pad(v, w, ">") for v, w in zip(row, widths, strict=True)), file=sys.stderr)
