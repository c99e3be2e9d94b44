"""``manage.py demo_data --units 5000 --years 5``: load a generated province (see
:mod:`jixiao.demo.generator`) in bulk, for dashboards and benchmarks.

``--under 天河区财政局 --per-department 5`` hangs the generated departments under an existing
finance bureau instead (what ``make run`` does, so that the demo's finance officer opens
dashboards with some thirty departments behind them).

Rows are inserted with ``bulk_create`` in batches, bypassing the per-save history (these forms
were never edited by anyone); their chart figures are written alongside.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jixiao.core.formtypes import form_type_of
from jixiao.core.serialization import form_to_data
from jixiao.demo.generator import BUREAU, FormSpec, forms_for, organisation_plan
from jixiao.web.dashboards.figures import every_subtree_changed
from jixiao.web.evaluations.analysis import complete, rules_named
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import FiscalYear, Organisation
from jixiao.web.season.figures import apply_figures, facts_store
from jixiao.web.season.models import FormFacts


class Command(BaseCommand):
    help = "生成并载入一个省的演示数据（组织层级与各年度自评表），用于统计分析与性能测试"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=5000, help="所属单位数")
        parser.add_argument("--years", type=int, default=5, help="年度数")
        parser.add_argument("--last-year", type=int, default=2024, help="最后一个年度")
        parser.add_argument("--indicators", type=int, default=30, help="每张部门表的指标数")
        parser.add_argument("--seed", type=int, default=1, help="随机种子")
        parser.add_argument("--batch", type=int, default=500, help="每批写入的行数")
        parser.add_argument("--per-department", type=int, default=200, help="每个部门的单位数")
        parser.add_argument("--under", default="", help="挂在已有的财政局下（填财政局名称）")
        parser.add_argument(
            "--skip-existing", action="store_true", help="演示数据已存在时不报错，直接跳过"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["units"] < 1 or options["years"] < 1 or options["per_department"] < 1:
            raise CommandError("--units、--years 与 --per-department 必须为正数")
        plan = organisation_plan(options["units"], options["per_department"])
        try:
            under = self._bureau(options["under"], plan) if options["under"] else None
            if under is None and Organisation.objects.filter(name=BUREAU).exists():
                raise CommandError(f"“{BUREAU}”的演示数据已存在，未重复载入")
        except CommandError as error:
            if options["skip_existing"] and "已存在" in str(error):
                return
            raise
        started = time.perf_counter()
        years = list(range(options["last_year"] - options["years"] + 1, options["last_year"] + 1))
        with transaction.atomic():
            ids = self._organisations(plan, under)
            for year in years:
                FiscalYear.objects.get_or_create(year=year)
            count = self._forms(
                forms_for(
                    plan,
                    years,
                    seed=options["seed"],
                    indicators=options["indicators"],
                ),
                ids,
                options["batch"],
            )
        self.stdout.write(
            f"载入 {len(ids)} 个组织、{count} 张表（{years[0]}–{years[-1]}年度），"
            f"用时 {time.perf_counter() - started:.1f} 秒"
        )

    def _bureau(self, name: str, plan: list[Any]) -> Organisation:
        bureau = Organisation.objects.filter(
            name=name, kind=Organisation.Kind.FINANCE_BUREAU
        ).first()
        if bureau is None:
            raise CommandError(f"没有名为“{name}”的财政局")
        first = next(o.name for o in plan if o.kind == "department")
        if bureau.children.filter(name=first).exists():
            raise CommandError(f"“{name}”下的演示数据已存在，未重复载入")
        return bureau

    def _organisations(self, plan: list[Any], under: Organisation | None) -> dict[int, int]:
        """Insert level by level so that each parent's id is known; paths follow the ids. With
        ``under``, the plan's bureau is that existing one."""
        ids: dict[int, int] = {}
        paths: dict[int, str] = {}
        for level in ("finance_bureau", "department", "unit"):
            specs = [o for o in plan if o.kind == level]
            if under is not None and level == "finance_bureau":
                ids[specs[0].key], paths[specs[0].key] = under.pk, under.path
                continue
            rows = [
                Organisation(
                    name=o.name, kind=o.kind, parent_id=None if o.parent is None else ids[o.parent]
                )
                for o in specs
            ]
            created = Organisation.objects.bulk_create(rows, batch_size=1000)
            for spec, row in zip(specs, created, strict=True):
                ids[spec.key] = row.pk
                parent_path = "/" if spec.parent is None else paths[spec.parent]
                paths[spec.key] = row.path = f"{parent_path}{row.pk}/"
            Organisation.objects.bulk_update(created, ["path"], batch_size=1000)
        return ids

    def _forms(self, specs: Any, ids: dict[int, int], batch_size: int) -> int:
        rules = {t: rules_named(None, t) for t in Evaluation.FormType.values}
        count = 0
        batch: list[tuple[Evaluation, Any]] = []

        def flush() -> None:
            created = Evaluation.objects.bulk_create([e for e, _ in batch], batch_size=batch_size)
            rows = []
            for row, (_, form) in zip(created, batch, strict=True):
                facts = FormFacts(evaluation_id=row.pk)
                apply_figures(facts, row, form)
                rows.append(facts)
            facts_store(FormFacts, rows)
            every_subtree_changed()
            batch.clear()

        spec: FormSpec
        for spec in specs:
            form = complete(spec.form, rules[spec.form.form_type])
            title = form_type_of(form).title(form)
            batch.append(
                (
                    Evaluation(
                        organisation_id=ids[spec.organisation],
                        year=form.year,
                        form_type=form.form_type,
                        title=title,
                        status=spec.status,
                        data=form_to_data(form),
                        ruleset_id=rules[form.form_type].id,
                        ruleset_version=rules[form.form_type].version,
                    ),
                    form,
                )
            )
            count += 1
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return count
