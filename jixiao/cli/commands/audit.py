"""``jixiao audit verify [--form ID]`` · ``jixiao audit verify-package FILE.zip`` ·
``jixiao audit anchor``.

``verify`` reads the web application's database (its settings, as ``jixiao demo-data`` does)
and exits 0 when intact, 1 naming the first broken link, 2 when it cannot run.
``verify-package`` needs no database: it checks an evidence package offline.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from jixiao.cli.i18n import t

NAME = "audit"
HELP = (
    "验证封存记录（哈希链、佐证材料、签名 PDF）或离线验证证据包",
    "verify the sealed records (hash chains, evidence, signed PDFs) or an evidence package",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="audit_action", required=True, metavar=t("操作", "ACTION"))
    verify = sub.add_parser("verify", help=t("验证数据库中的哈希链与文件", "verify the database"))
    verify.add_argument("--form", type=int, metavar="ID", help=t("只验证这张表单", "one form"))
    package = sub.add_parser(
        "verify-package", help=t("离线验证证据包（ZIP）", "verify an evidence package offline")
    )
    package.add_argument("file", metavar="FILE.zip")
    sub.add_parser("anchor", help=t("生成今天的每日锚点", "make today's anchor"))


def run(args: argparse.Namespace) -> int:
    if args.audit_action == "verify-package":
        return _verify_package(Path(args.file))
    return _with_django(args)


def _with_django(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    try:
        import django
        from django.core.management import call_command

        django.setup()
        options = ["verify"] + (["--form", str(args.form)] if args.form is not None else [])
        if args.audit_action == "anchor":
            options = ["anchor"]
        call_command("audit", *options)
    except SystemExit as exc:
        return int(exc.code or 0)
    except Exception as exc:  # settings, database or storage: the check could not run
        print(t(f"jixiao：无法运行验证：{exc}", f"jixiao: cannot verify: {exc}"), file=sys.stderr)
        return 2
    return 0


def _verify_package(path: Path) -> int:
    from jixiao.formats.package import PackageUnreadable, verify_package

    try:
        content = path.read_bytes()
        check = verify_package(content)
    except OSError as exc:
        print(t(f"jixiao：无法读取 {path}：{exc.strerror}", f"cannot read {path}"), file=sys.stderr)
        return 2
    except PackageUnreadable as exc:
        print(f"jixiao：{path}：{exc.message}", file=sys.stderr)
        return 2
    if check.intact:
        signed = ""
        if check.signature is not None and check.signature.signed:
            signed = t(f"；PDF 签名有效（{check.signature.signer}）", "; PDF signature valid")
        print(
            t(
                f"完整：{check.files} 个文件与清单一致；快照哈希 {check.snapshot_hash}{signed}",
                f"intact: {check.files} files match; snapshot {check.snapshot_hash}{signed}",
            )
        )
        return 0
    print(t("发现问题：", "problems found:"))
    for problem in check.problems:
        print(f"  {problem}")
    return 1
