"""``jixiao export FILE_OR_DIR... --format pdf --out DIR``: forms to their official layouts.

Many files are exported in parallel (``--jobs``) with a progress bar on stderr. Each file that
cannot be exported gets one Chinese line on stderr; the exit status is 2 if any failed.
"""

from __future__ import annotations

import argparse
import os
import sys

from jixiao.cli.i18n import fail, t
from jixiao.formats.exporting import export_formats, export_paths

NAME = "export"
HELP = (
    "导出正式表样（XLSX、PDF、HTML）或数据（JSON、CSV）",
    "export forms in the official layouts (XLSX, PDF, HTML) or as data (JSON, CSV)",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="FILE_OR_DIR", help=t("表单文件或目录", "form files or dirs")
    )
    parser.add_argument(
        "--format",
        "-f",
        dest="fmt",
        required=True,
        choices=export_formats(),
        help=t("导出格式", "output format"),
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


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        return fail("--jobs 须为正整数", "--jobs must be a positive integer")
    try:
        outcomes = export_paths(
            args.paths, args.fmt, args.out, jobs=args.jobs, progress=not args.quiet
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
