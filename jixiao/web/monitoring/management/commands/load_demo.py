"""``manage.py load_demo``: the demo hierarchy, users and forms, targets and monitoring data.
Running it again keeps what is there (nothing is overwritten, passwords included). It lives in
the monitoring app, the highest of the apps whose demo data it loads."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jixiao.core.formtypes import form_type_of
from jixiao.core.serialization import Form, FormReadError
from jixiao.demo import DEMO_PASSWORD, SEED_TEXT
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.web.evaluations import demo
from jixiao.web.evaluations.analysis import complete, rules_named
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_create,
    evaluation_submit,
    year_of,
)
from jixiao.web.monitoring.demo import load_targets_and_monitoring_demo
from jixiao.web.organisations.models import Membership, Organisation

log = logging.getLogger("jixiao.web.demo")


BUREAU = "天河区财政局"
DEPARTMENT = "中国共产党广州市天河区委员会政法委员会"
PASSWORD = DEMO_PASSWORD
# The year whose self-evaluation is still under way in the demo (the season, the 汇总 story and
# the reviewer story); 2022, the seed's year, is finished and published.
DEMO_YEAR = 2023
Role = Membership.Role

# username, display name, organisation, roles
USERS: list[tuple[str, str, str, list[str]]] = [
    ("unit_filler", "综治中心 填报人", demo.CENTRE, [Role.FILLER]),
    ("unit_head", "综治中心 负责人", demo.CENTRE, [Role.FILLER, Role.UNIT_HEAD]),
    ("other_unit", "来穗中心 负责人", demo.MIGRANTS, [Role.FILLER, Role.UNIT_HEAD]),
    ("dept_head", "政法委 负责人", DEPARTMENT, [Role.FILLER, Role.UNIT_HEAD]),
    ("dept_reviewer", "政法委 审核人", DEPARTMENT, [Role.DEPARTMENT_REVIEWER]),
    ("finance_admin", "财政局 管理员", BUREAU, [Role.FINANCE_ADMIN]),
    ("observer", "只读观察员", BUREAU, [Role.OBSERVER]),
]


def read_seed(path: Path) -> tuple[Form, str]:
    """The seed form read by the real importer, with a one-line note of how it was read."""
    data = path.read_bytes()
    try:
        results = import_bytes(data, path.name)
    except ImportFailure as exc:
        raise CommandError(f"{path.name}: {exc.message}") from exc
    if not results:
        raise CommandError(f"{path.name}: no form found")
    return results[0].form, f"{path.name}（导入）"


class Command(BaseCommand):
    help = "载入演示数据：组织层级、各角色演示用户和示例表单（可重复执行，不覆盖已有数据）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=Path, help="种子表单文件（文本、PDF、XLSX 或 JSON）")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        bureau = self._organisation(BUREAU, Organisation.Kind.FINANCE_BUREAU, None)
        department = self._organisation(DEPARTMENT, Organisation.Kind.DEPARTMENT, bureau)
        centre = self._organisation(demo.CENTRE, Organisation.Kind.UNIT, department)
        migrants = self._organisation(demo.MIGRANTS, Organisation.Kind.UNIT, department)
        orgs = {o.name: o for o in (bureau, department, centre, migrants)}
        for username, name, org_name, roles in USERS:
            self._user(username, name, orgs[org_name], roles)

        seed = options.get("seed") or SEED_TEXT
        if not Evaluation.objects.filter(organisation=department, year=2022).exists():
            try:
                form, how = read_seed(Path(seed))
            except (OSError, FormReadError) as exc:
                raise CommandError(f"cannot read the seed form {seed}: {exc}") from exc
            evaluation_create(
                organisation=department, form=form, user=None, reason=f"演示数据：{how}"
            )
            self.stdout.write(f"seed form loaded from {how}")
        # 2022 is a finished year: both units' forms arrive approved by the department, so that
        # the seed (the department's 汇总 form) can be published by load_sealing_demo.
        for unit, form, head in (
            (centre, demo.centre_form(2022), "unit_head"),
            (migrants, demo.migrants_form(2022), "other_unit"),
        ):
            if (created := self._form(unit, form)) is not None:
                self._approve(created, by_unit=head, by_reviewer="dept_reviewer")
        # 2023 is the year in progress: one unit's form arrives approved, the other is left to
        # walk through review (and is late in the season demo): the 汇总 page then shows both an
        # approved unit and the DHIS2 rule holding the consolidated form back.
        self._form(centre, demo.centre_form(DEMO_YEAR))
        created = self._form(migrants, demo.migrants_form(DEMO_YEAR))
        if created is not None:
            self._approve(created, by_unit="other_unit", by_reviewer="dept_reviewer")
        self._form(centre, demo.centre_project_form(2022, DEPARTMENT))
        load_targets_and_monitoring_demo(department, centre)
        from jixiao.web.indicators.demo import load_library_demo
        from jixiao.web.review.demo import load_phrases_demo

        load_library_demo(bureau)
        load_phrases_demo(bureau, department)
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(f"演示用户（密码均为 {PASSWORD}，已改过的以修改后为准）：")
            for username, _name, org_name, roles in USERS:
                labels = "、".join(Role(r).label for r in roles)
                self.stdout.write(f"  {username:<14} {labels}（{org_name}）")

    def _organisation(self, name: str, kind: str, parent: Organisation | None) -> Organisation:
        found = Organisation.objects.filter(name=name).first()
        if found is not None:
            return found
        return Organisation.objects.create(name=name, kind=kind, parent=parent)

    def _user(self, username: str, name: str, organisation: Organisation, roles: list[str]) -> None:
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=username, password=PASSWORD, first_name=name
            )
            if Role.FINANCE_ADMIN in roles:
                user.is_staff = True
                user.is_superuser = True
                user.save()
        for role in roles:
            Membership.objects.get_or_create(user=user, organisation=organisation, role=role)

    def _approve(self, evaluation: Evaluation, *, by_unit: str, by_reviewer: str) -> None:
        users = get_user_model().objects
        submitted = evaluation_submit(
            evaluation=evaluation,
            user=users.get(username=by_unit),
            explanation="演示数据：警告已核对",
        )
        evaluation_approve(evaluation=submitted, user=users.get(username=by_reviewer))

    def _form(self, organisation: Organisation, form: Form) -> Evaluation | None:
        exists = Evaluation.objects.filter(
            organisation=organisation, year=year_of(form), form_type=form.form_type
        )
        entry = form_type_of(form)
        if not entry.one_per_year:
            exists = exists.filter(title=entry.title(form))
        if exists.exists():
            return None
        rules = rules_named(None, form.form_type)
        return evaluation_create(
            organisation=organisation, form=complete(form, rules), user=None, reason="演示数据"
        )
