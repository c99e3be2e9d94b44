"""``jixiao backup``: the web application's ``manage.py backup`` (its settings come from the
environment, as for the server)."""

from __future__ import annotations

import argparse
import os
import sys

NAME = "backup"
HELP = ("备份数据库和存储的文件", "back up the database and the stored files")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="archive to write (default var/backups/…)")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.core.management import CommandError, call_command

    django.setup()
    try:
        call_command("backup", *([args.file] if args.file else []))
    except CommandError as error:
        print(f"jixiao {NAME}: {error}", file=sys.stderr)
        return 1
    return 0
