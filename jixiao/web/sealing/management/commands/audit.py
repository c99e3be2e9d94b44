"""``manage.py audit verify [--form ID]`` · ``audit anchor`` · ``audit package ID --out FILE``.

Exit status of ``verify``: 0 when every chain, file and sealed form is intact, 1 naming the
first broken link, 2 when the check cannot run (no database, unreadable storage).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError


class Command(BaseCommand):
    help = "验证封存记录（哈希链、佐证材料、签名 PDF），生成每日锚点或证据包"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="验证所有表单（或一张）的哈希链与文件")
        verify.add_argument("--form", type=int, help="只验证这张表单（编号）")
        sub.add_parser("anchor", help="生成今天的每日锚点")
        package = sub.add_parser("package", help="导出一张表单的证据包（ZIP）")
        package.add_argument("form", type=int)
        package.add_argument("--out", required=True)
        package.add_argument("--unsigned", action="store_true", help="不签名 PDF")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = getattr(self, f"_{options['action']}")(options)
        except (DatabaseError, OSError) as exc:
            self.stderr.write(f"无法完成验证：{exc}")
            code = 2
        if code:
            sys.exit(code)

    def _verify(self, options: dict[str, Any]) -> int:
        from jixiao.web.evaluations.models import Evaluation
        from jixiao.web.sealing.verification import verify_records

        form_id = options.get("form")
        if form_id is not None and not Evaluation.objects.filter(pk=form_id).exists():
            self.stderr.write(f"没有编号为 {form_id} 的表单")
            return 2
        report = verify_records(form_id=form_id)
        summary = f"已检查 {report.forms} 张表单、{report.events} 个封存事件、{report.files} 个文件"
        if report.intact:
            self.stdout.write(f"完整：{summary}，未发现改动。")
            return 0
        self.stdout.write(f"发现改动：{summary}。")
        for broken in report.breaks:
            self.stdout.write(f"  {broken.describe()}")
        return 1

    def _anchor(self, options: dict[str, Any]) -> int:
        from jixiao.web.sealing.services import anchor_create

        anchor = anchor_create()
        self.stdout.write(f"{anchor.day} 每日锚点 SHA-256：{anchor.hash}")
        return 0

    def _package(self, options: dict[str, Any]) -> int:
        from jixiao.web.evaluations.models import Evaluation
        from jixiao.web.sealing.package import package_bytes

        evaluation = Evaluation.objects.select_related("organisation").filter(pk=options["form"])
        found = evaluation.first()
        if found is None:
            self.stderr.write(f"没有编号为 {options['form']} 的表单")
            return 2
        out = Path(options["out"])
        out.write_bytes(package_bytes(found, sign=not options["unsigned"]))
        self.stdout.write(f"已写出证据包：{out}")
        return 0
