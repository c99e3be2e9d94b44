"""``manage.py restore FILE``: into an empty database, then every count and hash is checked."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jixiao.web.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "从备份恢复到空数据库 / restore a backup into an empty database"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="archive written by backup")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            manifest = backup_restore(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {file} ({manifest['created_at']}): {len(manifest['tables'])} tables and "
            f"{len(manifest['files'])} files match the backup"
        )
