"""``manage.py backup [FILE]``: the database and stored files in one archive (see ops.backup)."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jixiao.web.ops.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "备份数据库和存储的文件 / back up the database and the stored files"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="archive to write (.tar.gz)")

    def handle(self, *args: Any, file: Path | None, **options: Any) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = file or Path(settings.VAR_DIR) / "backups" / f"jixiao-{stamp}.tar.gz"
        try:
            manifest = backup_write(target)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{target}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files'])} files"
        )
