"""Entry point: ``jixiao <command> …``.

Sub-commands are discovered from :mod:`jixiao.cli.commands`; each module defines ``NAME``,
``HELP`` (zh, en), ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from types import ModuleType

from jixiao import __version__
from jixiao.cli import commands
from jixiao.cli.i18n import choose_language, t

log = logging.getLogger("jixiao")


def _command_modules() -> list[ModuleType]:
    found = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(found, key=lambda m: str(m.NAME))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description=t(
            "jixiao 预算绩效管理：绩效自评表的校验、评分、导入与导出。",
            "jixiao budget performance management: validate, score, import and export "
            "performance self-evaluation forms.",
        ),
        epilog=t("英文帮助：jixiao --lang en --help", "中文帮助：jixiao --lang zh --help"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"jixiao {__version__}",
        help=t("显示版本号并退出", "show the version and exit"),
    )
    parser.add_argument("--lang", choices=["zh", "en"], help=t("界面语言", "language"))
    sub = parser.add_subparsers(dest="command", metavar=t("命令", "COMMAND"))
    for module in _command_modules():
        zh, en = module.HELP
        command = sub.add_parser(module.NAME, help=t(zh, en), description=t(zh, en))
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    choose_language(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
