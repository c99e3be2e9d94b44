"""``jixiao demo-data``: load a generated province into the web application's database (the
``demo_data`` management command, run with the web settings)."""

from __future__ import annotations

import argparse
import os

NAME = "demo-data"
HELP = (
    "生成并载入一个省的演示数据（组织与各年度自评表）到网页应用的数据库",
    "generate a province of demo forms and load them into the web application's database",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--units", type=int, default=5000, help="所属单位数 / units")
    parser.add_argument("--years", type=int, default=5, help="年度数 / years")
    parser.add_argument("--last-year", type=int, default=2024, help="最后一个年度 / last year")
    parser.add_argument("--seed", type=int, default=1, help="随机种子 / random seed")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.core.management import call_command
    from django.core.management.base import CommandError

    django.setup()
    try:
        call_command("migrate", verbosity=0)
        call_command(
            "demo_data",
            units=args.units,
            years=args.years,
            last_year=args.last_year,
            seed=args.seed,
        )
    except CommandError as exc:
        print(exc)
        return 2
    return 0
