"""Batch export: many form files to one format, in parallel, with a progress bar.

Inputs are form JSON files (a form or a list of forms) and, once the import layer exists,
anything :func:`jixiao.formats.importing.import_bytes` reads. Each input gives one outcome:
the files written, or one Chinese sentence saying why not. Nothing here raises for bad input.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.rulesets import RuleSetDirs, RuleSetError, default_ruleset_id, load_ruleset
from jixiao.core.serialization import Form, FormReadError, form_from_data
from jixiao.formats.registry import exporters, get_exporter, importers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportJob:
    source: Path
    fmt: str
    out_dir: Path
    stem: str  # output name without suffix, unique within the batch
    ruleset_dirs: RuleSetDirs = ()  # a bureau's own rule sets (JIXIAO_RULESETS_DIR)


@dataclass(frozen=True)
class ExportOutcome:
    source: str
    outputs: tuple[str, ...] = ()
    error: str | None = None  # Chinese, one line

    @property
    def ok(self) -> bool:
        return self.error is None


def input_suffixes() -> set[str]:
    suffixes = {".json"}
    for importer in importers():
        suffixes.update(s.lower() for s in importer.suffixes)
    return suffixes


def collect_inputs(paths: Iterable[str]) -> list[Path | ExportOutcome]:
    """Files to export, in the order given (directories searched recursively for readable
    suffixes); a path that does not exist becomes its failed outcome in place."""
    suffixes = input_suffixes()
    found: list[Path | ExportOutcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            )
        elif path.is_file():
            found.append(path)
        else:
            found.append(ExportOutcome(raw, error=f"找不到文件或目录：{raw}"))
    return found


def plan(
    files: Sequence[Path], fmt: str, out_dir: Path, ruleset_dirs: RuleSetDirs = ()
) -> list[ExportJob]:
    """One job per file, with output names made unique (``seed.pdf``, ``seed-2.pdf``)."""
    used: set[str] = set()
    jobs = []
    for file in files:
        stem = file.stem
        n = 1
        while stem.lower() in used:
            n += 1
            stem = f"{file.stem}-{n}"
        used.add(stem.lower())
        jobs.append(ExportJob(file, fmt, out_dir, stem, ruleset_dirs))
    return jobs


class _Unreadable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_forms(path: Path) -> list[Form]:
    """Every form in a file; raises :class:`_Unreadable` with a Chinese message."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _Unreadable(f"无法读取文件（{exc.strerror or exc}）") from exc
    if not data.strip():
        raise _Unreadable("文件为空")
    if path.suffix.lower() == ".json":
        try:
            parsed = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", "?")
            raise _Unreadable(f"不是有效的 JSON 文件（第 {line} 行）") from exc
        items = parsed if isinstance(parsed, list) else [parsed]
        try:
            return [form_from_data(item) for item in items]
        except FormReadError as exc:
            first = f"；{exc.details[0]}" if exc.details else ""
            raise _Unreadable(exc.message + first) from exc
    return _import_other(data, path.name)


def _import_other(data: bytes, filename: str) -> list[Form]:
    try:
        from jixiao.formats import importing
    except ImportError:
        raise _Unreadable("暂不支持该文件类型（请使用表单 JSON 文件）") from None
    try:
        results = importing.import_bytes(data, filename)
    except importing.ImportFailure as exc:
        raise _Unreadable(str(getattr(exc, "message", exc))) from exc
    forms = [r.form for r in results if r.form is not None]
    if not forms:
        raise _Unreadable("文件中没有找到绩效自评表")
    return forms


def run_job(job: ExportJob) -> ExportOutcome:
    """Export one file. Runs in a worker process: every failure becomes an outcome."""
    source = str(job.source)
    try:
        forms = read_forms(job.source)
    except _Unreadable as exc:
        return ExportOutcome(source, error=exc.message)
    exporter = get_exporter(job.fmt)
    outputs: list[str] = []
    for i, form in enumerate(forms, start=1):
        stem = job.stem if len(forms) == 1 else f"{job.stem}-{i}"
        target = job.out_dir / f"{stem}{exporter.suffix}"
        try:
            # Each form is judged by its type's default rule set, a bureau's newer version of it
            # included (the latest version in the bundled files and ``ruleset_dirs``).
            rules = load_ruleset(default_ruleset_id(form.form_type), dirs=job.ruleset_dirs)
            target.write_bytes(exporter.write(form, rules))
        except RuleSetError as exc:
            return ExportOutcome(source, tuple(outputs), exc.message)
        except OSError as exc:
            return ExportOutcome(source, tuple(outputs), f"无法写入 {target}（{exc.strerror}）")
        except Exception as exc:  # a renderer bug must not stop the batch
            log.exception("export of %s to %s failed", source, job.fmt)
            return ExportOutcome(source, tuple(outputs), f"导出失败（{type(exc).__name__}）")
        outputs.append(str(target))
    return ExportOutcome(source, tuple(outputs))


def export_formats() -> list[str]:
    return sorted(e.name for e in exporters())


def export_paths(
    paths: Iterable[str],
    fmt: str,
    out_dir: str | Path,
    jobs: int = 1,
    progress: bool = True,
    ruleset_dirs: RuleSetDirs = (),
) -> list[ExportOutcome]:
    """Export every form found under ``paths`` to ``fmt`` files in ``out_dir``; one outcome per
    input file (or missing path), in input order."""
    from tqdm import tqdm

    get_exporter(fmt)  # KeyError for an unknown format, before any work
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    found = collect_inputs(paths)
    planned = plan([f for f in found if isinstance(f, Path)], fmt, out, ruleset_dirs)
    bar = tqdm(total=len(planned), desc="导出", unit="份", file=sys.stderr, disable=not progress)
    results: dict[int, ExportOutcome] = {}
    with bar:
        if jobs <= 1 or len(planned) <= 1:
            for i, job in enumerate(planned):
                results[i] = run_job(job)
                bar.update(1)
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(run_job, job): i for i, job in enumerate(planned)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    bar.update(1)
    done = iter(results[i] for i in range(len(planned)))
    return [f if isinstance(f, ExportOutcome) else next(done) for f in found]
