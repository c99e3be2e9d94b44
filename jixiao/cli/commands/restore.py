"""``jixiao restore``: the web application's ``manage.py restore`` (its settings come from the
environment, as for the server)."""

from __future__ import annotations

import argparse
import os
import sys

NAME = "restore"
HELP = ("从备份恢复到空数据库", "restore a backup into an empty database")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="archive written by jixiao backup")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.core.management import CommandError, call_command

    django.setup()
    try:
        call_command("restore", args.file)
    except CommandError as error:
        print(f"jixiao {NAME}: {error}", file=sys.stderr)
        return 1
    return 0
