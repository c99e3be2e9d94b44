"""``manage.py demo_certificate DIR``: a throwaway signing certificate for the local demo
(``make run``), made once; prints nothing when it is already there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jixiao.web.sealing.certificates import make_certificate


class Command(BaseCommand):
    help = "生成演示用的签名证书（仅供本机演示，正式部署请使用财政局的证书）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        if (folder / "bureau.p12").is_file():
            return
        make_certificate(folder)
        self.stdout.write(f"演示签名证书：{folder / 'bureau.p12'}（仅供演示）")
