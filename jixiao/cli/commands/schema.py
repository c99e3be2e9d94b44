"""``jixiao schema``: print or write the JSON Schema of form files."""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.core.serialization import json_schema_text

NAME = "schema"
HELP = ("输出表单 JSON Schema", "print the JSON Schema of form files")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--write", metavar="FILE", help="write to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    text = json_schema_text()
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0
