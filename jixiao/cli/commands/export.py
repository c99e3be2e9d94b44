"""``jixiao export FILE_OR_DIR... --format pdf --out DIR``: forms to their official layouts.

``jixiao export FORM_ID... --package --out DIR`` writes the evidence package (证据包) of forms
stored in the web application's database: PDF (signed when a certificate is configured), XLSX,
JSON, every evidence file and ``manifest.json``; ``jixiao audit verify-package`` checks it.

Many files are exported in parallel (``--jobs``) with a progress bar on stderr. Each file that
cannot be exported gets one Chinese line on stderr; the exit status is 2 if any failed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

from jixiao.cli.i18n import fail, t
from jixiao.cli.rulesets import ruleset_dirs
from jixiao.formats.exporting import export_formats, export_paths

NAME = "export"
HELP = (
    "导出正式表样（XLSX、PDF、HTML）或数据（JSON、CSV）",
    "export forms in the official layouts (XLSX, PDF, HTML) or as data (JSON, CSV)",
)


class _Formats:
    """The export formats, looked up only when an export is asked for or help is printed:
    listing them imports every exporter (openpyxl, reportlab …), which other commands do not
    need at start."""

    def __contains__(self, name: object) -> bool:
        return name in export_formats()

    def __iter__(self) -> Iterator[str]:
        return iter(export_formats())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="FILE_OR_DIR", help=t("表单文件或目录", "form files or dirs")
    )
    parser.add_argument(
        "--format",
        "-f",
        dest="fmt",
        choices=_Formats(),
        metavar="FORMAT",
        help=t("导出格式：%(choices)s", "output format: %(choices)s"),
    )
    parser.add_argument(
        "--out", "-o", required=True, metavar="DIR", help=t("输出目录", "output directory")
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help=t("并行进程数（默认：CPU 核数）", "parallel processes (default: CPU count)"),
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help=t("不显示进度条", "no progress bar")
    )
    parser.add_argument(
        "--package",
        action="store_true",
        help=t(
            "导出数据库中表单（按编号）的证据包 ZIP",
            "write the evidence package of stored forms (by id)",
        ),
    )


def run(args: argparse.Namespace) -> int:
    if args.package:
        return _packages(args.paths, args.out)
    if args.fmt is None:
        return fail("请用 --format 指定导出格式", "--format is required")
    if args.jobs < 1:
        return fail("--jobs 须为正整数", "--jobs must be a positive integer")
    try:
        outcomes = export_paths(
            args.paths,
            args.fmt,
            args.out,
            jobs=args.jobs,
            progress=not args.quiet,
            ruleset_dirs=ruleset_dirs(),
        )
    except OSError as exc:
        return fail(
            f"无法创建输出目录：{args.out}（{exc.strerror}）",
            f"cannot create output directory {args.out}: {exc}",
        )
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        print(f"jixiao: {outcome.source}：{outcome.error}", file=sys.stderr)
    written = sum(len(o.outputs) for o in outcomes)
    if not outcomes:
        return fail("没有找到可导出的表单文件", "no form files found")
    zh = f"已导出 {written} 个文件到 {args.out}" + (f"，{len(failed)} 个文件失败" if failed else "")
    en = f"wrote {written} files to {args.out}" + (f", {len(failed)} failed" if failed else "")
    print(t(zh, en))
    return 2 if failed else 0


def _packages(ids: list[str], out: str) -> int:
    """Each form's evidence package, written by the web application's ``audit package``."""
    if not all(i.isdigit() for i in ids):
        return fail("--package 需要表单编号（数字）", "--package takes form ids")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.core.management import call_command

    os.makedirs(out, exist_ok=True)
    django.setup()
    for form_id in ids:
        target = os.path.join(out, f"form-{form_id}-package.zip")
        try:
            call_command("audit", "package", form_id, "--out", target)
        except SystemExit as exc:
            return int(exc.code or 2)
    return 0
