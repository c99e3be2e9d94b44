"""Every write of the season: issuing a task and changing its dates, reminders and 催报, the list
figures kept beside each form, the bureau's re-scoring and the batch review steps.

Services take keyword arguments, check permission themselves, run in a transaction and write the
audit row (:class:`TaskEvent`, :class:`Reminder`, :class:`LineScore`, the form's history).
Refusals raise :class:`~jixiao.core.workflow.WorkflowError` with a message for the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse

from jixiao.core.access import Act, Kind
from jixiao.core.computations import project_execution_rate
from jixiao.core.model import ProjectForm
from jixiao.core.money import money_text
from jixiao.core.rulesets import Reminders, load_ruleset
from jixiao.core.scoring import score_project
from jixiao.core.season import (
    HANDED_IN,
    LineReview,
    ReminderKind,
    reminder_due,
    reminder_text,
    rescore,
    review_problems,
    unit_progress,
)
from jixiao.core.serialization import form_from_data
from jixiao.core.workflow import Action, WorkflowError
from jixiao.web.evaluations import services as evaluation_services
from jixiao.web.evaluations.access import Account
from jixiao.web.evaluations.analysis import rules_named, ruleset_dirs
from jixiao.web.evaluations.models import FORM_TYPE_CHOICES, Evaluation, ReviewRound
from jixiao.web.notifications.services import notify
from jixiao.web.organisations.access import permits
from jixiao.web.organisations.models import Organisation
from jixiao.web.season import figures, people, selectors
from jixiao.web.season.models import (
    FormFacts,
    LineScore,
    Reminder,
    Task,
    TaskDepartment,
    TaskEvent,
    UnitDeadline,
)

# --- list figures beside each form --------------------------------------------------------


def _task_covering(evaluation: Evaluation, budget: Decimal | None) -> Task | None:
    """The issued task a form belongs to: its year, its type, a department over its unit, and
    for project forms the task's threshold or list of projects."""
    ancestors = [int(p) for p in evaluation.organisation.path.strip("/").split("/") if p]
    for task in Task.objects.filter(
        year=evaluation.year,
        status=Task.Status.ISSUED,
        departments__department_id__in=ancestors,
    ).distinct():
        if evaluation.form_type in task.form_types and _project_in(task, evaluation, budget):
            return task
    return None


def _project_in(task: Task, evaluation: Evaluation, budget: Decimal | None) -> bool:
    if evaluation.form_type != Evaluation.FormType.PROJECT:
        return True
    named = task.named_projects
    if named:
        return evaluation.title in named
    if task.project_min_budget is None or budget is None:
        return True
    return budget >= task.project_min_budget


def facts_refresh(evaluation: Evaluation) -> FormFacts:
    """Recompute the figures kept beside a form (called on every save of it). The core reads
    the content, and the task and due date are looked up, only when the content changed (a new
    version); a workflow step writes the new status (and, on a submission, its time) with no
    other read: a batch of 200 approvals does not look up 200 tasks."""
    facts = FormFacts.objects.filter(evaluation=evaluation).first() or FormFacts(
        evaluation=evaluation
    )
    content_changed = facts._state.adding or facts.version != evaluation.version
    submitted = (
        facts.status != evaluation.status and evaluation.status == Evaluation.Status.SUBMITTED
    )
    if content_changed:
        figures.apply_figures(facts, evaluation)
        if facts.task_id is None:
            facts.task = _task_covering(evaluation, facts.initial_budget)
        facts.due = _due_of(facts.task, evaluation.organisation) if facts.task else None
    else:  # a workflow step: the same content, a new status
        facts.organisation_id = evaluation.organisation_id
        facts.year, facts.form_type = evaluation.year, evaluation.form_type
        facts.status = evaluation.status
    facts.grade = facts.bureau_grade or facts.self_grade
    if submitted or (content_changed and evaluation.status != Evaluation.Status.DRAFT):
        facts.submitted_at = ReviewRound.objects.filter(evaluation=evaluation).aggregate(
            last=Max("submitted_at")
        )["last"]
    facts.save()
    return facts


def _due_of(task: Task, unit: Organisation) -> date:
    return selectors.due_for(
        task, unit, selectors.task_departments(task), selectors.own_deadlines(task)
    )


def _redate(task: Task) -> None:
    """Write each of the task's forms' due date again after its dates changed: one update per
    distinct date (a few), not one per form."""
    departments = selectors.task_departments(task)
    own = selectors.own_deadlines(task)
    by_due: dict[date, list[int]] = {}
    for pk, org_id, path in FormFacts.objects.filter(task=task).values_list(
        "pk", "evaluation__organisation_id", "evaluation__organisation__path"
    ):
        unit = Organisation(pk=org_id, path=path)
        by_due.setdefault(selectors.due_for(task, unit, departments, own), []).append(pk)
    for due, pks in by_due.items():
        for start in range(0, len(pks), 900):  # SQLite's limit on query parameters
            FormFacts.objects.filter(pk__in=pks[start : start + 900]).update(due=due)


# --- tasks ------------------------------------------------------------------------------


def _require_manager(user: Account, task_or_issuer: Task | Organisation) -> None:
    issuer = task_or_issuer.issuer if isinstance(task_or_issuer, Task) else task_or_issuer
    if not permits(user, issuer, Kind.TASK, Act.ISSUE):
        raise PermissionDenied("只有财政局管理员可以下发、延期或撤回自评任务")


def _task_url(task: Task) -> str:
    return reverse("season:detail", args=[task.pk])


def _concerned(task: Task) -> list[Account]:
    departments = selectors.task_departments(task)
    units = selectors.filing_units(task, departments)
    return list(people.department_reviewers(td.department for td in departments)) + list(
        people.fillers_of(units)
    )


@transaction.atomic
def task_issue(
    *,
    issuer: Organisation,
    user: Account,
    year: int,
    title: str,
    form_types: Sequence[str],
    departments: Sequence[Organisation],
    unit_due: date,
    department_due: date,
    instructions: str = "",
    attachment: UploadedFile | None = None,
    project_min_budget: Decimal | None = None,
    project_names: str = "",
    remind_before_days: Sequence[int] | None = None,
    remind_overdue: bool | None = None,
    ruleset_id: str = "",
    today: date | None = None,
) -> Task:
    """下发自评任务. The forms already started for the year join the task (and keep their rule
    set); the forms started for it later are judged by ``ruleset_id`` at its version of today
    (blank: each type's default)."""
    _require_manager(user, issuer)
    title = title.replace("\x00", "").strip()
    problems = []
    if not title:
        problems.append("请填写任务名称。")
    if not form_types:
        problems.append("请至少选择一种表单类型。")
    unknown = set(form_types) - {key for key, _ in FORM_TYPE_CHOICES}
    if unknown:
        problems.append("表单类型有误，请重新选择。")
    if not departments:
        problems.append("请至少选择一个主管部门。")
    if any(not issuer.contains(d) or d.pk == issuer.pk for d in departments):
        problems.append("只能向本财政局下属的主管部门下发任务。")
    if unit_due > department_due:
        problems.append("单位截止日期应早于或等于主管部门截止日期，以便部门审核和汇总。")
    if today is not None and unit_due < today:
        problems.append("单位截止日期不能早于今天。")
    ruleset_version = ""
    if ruleset_id:
        try:
            ruleset_version = load_ruleset(ruleset_id, dirs=ruleset_dirs()).version
        except KeyError:
            problems.append("所选评分规则集不存在，请重新选择。")
    if problems:
        raise WorkflowError("".join(problems))
    policy = rules_named(None, Evaluation.FormType.PROJECT).reminders
    task = Task.objects.create(
        issuer=issuer,
        year=year,
        title=title,
        form_types=list(form_types),
        project_min_budget=project_min_budget,
        project_names=project_names.replace("\x00", "").strip(),
        unit_due=unit_due,
        department_due=department_due,
        instructions=instructions.replace("\x00", "").strip(),
        remind_before_days=sorted(
            set(remind_before_days if remind_before_days is not None else policy.before_days),
            reverse=True,
        ),
        remind_overdue=policy.overdue_daily if remind_overdue is None else remind_overdue,
        ruleset_id=ruleset_id,
        ruleset_version=ruleset_version,
        created_by=user,
    )
    if attachment is not None:
        task.attachment.save(attachment.name or "附件", attachment, save=True)
    TaskDepartment.objects.bulk_create(
        [TaskDepartment(task=task, department=d) for d in departments]
    )
    TaskEvent.objects.create(
        task=task,
        action=TaskEvent.Action.ISSUED,
        user=user,
        detail=f"单位截止 {unit_due:%Y-%m-%d}，主管部门截止 {department_due:%Y-%m-%d}",
    )
    _attach_existing_forms(task)
    notify(
        recipients=_concerned(task),
        kind="task_issued",
        title=f"新的自评任务：{task.title}",
        body=(
            f"{issuer.name}下发了{year}年度绩效自评任务，单位请于 {unit_due:%Y-%m-%d} 前提交，"
            f"主管部门请于 {department_due:%Y-%m-%d} 前完成审核。\n{task.instructions}"
        ).strip(),
        url=_task_url(task),
    )
    return task


def ruleset_for_new_form(
    organisation: Organisation, year: int, form_type: str
) -> tuple[str, str] | None:
    """The rule set (id, version) a form started now is judged by: that of the latest issued
    task of its year and type, over its unit, that names one (registered with the evaluations
    app, which asks it when a form is started)."""
    ancestors = [int(p) for p in organisation.path.strip("/").split("/") if p]
    for task in (
        Task.objects.filter(
            year=year,
            status=Task.Status.ISSUED,
            departments__department_id__in=ancestors,
        )
        .exclude(ruleset_id="")
        .order_by("-created_at", "-pk")
    ):
        if form_type in task.form_types:
            return task.ruleset_id, task.ruleset_version
    return None


def _attach_existing_forms(task: Task) -> None:
    """The year's forms already started under the task's departments join it (one update,
    however many units)."""
    departments = selectors.task_departments(task)
    units = selectors.filing_units(task, departments)
    forms = Evaluation.objects.filter(
        year=task.year, form_type__in=task.form_types, organisation__in=units
    )
    for evaluation in forms.filter(facts__isnull=True).select_related("organisation"):
        facts_refresh(evaluation)  # stored before the season app: figures first
    covered = Q(evaluation__form_type=Evaluation.FormType.DEPARTMENT)
    if task.named_projects:
        covered |= Q(evaluation__title__in=task.named_projects)
    elif task.project_min_budget is None:
        covered |= Q(evaluation__form_type=Evaluation.FormType.PROJECT)
    else:
        covered |= Q(budget__isnull=True) | Q(budget__gte=task.project_min_budget)
    FormFacts.objects.filter(evaluation__in=forms, task__isnull=True).filter(covered).update(
        task=task
    )
    _redate(task)


def _require_open(task: Task) -> None:
    if task.status != Task.Status.ISSUED:
        raise WorkflowError("该任务已撤回，不能再修改。")


@transaction.atomic
def task_set_department_due(
    *, task: Task, department: Organisation, unit_due: date, user: Account
) -> TaskDepartment:
    """A department sets an earlier date for its units (not after the task's own)."""
    _require_open(task)
    td = TaskDepartment.objects.filter(task=task, department=department).first()
    if td is None:
        raise WorkflowError("该任务未下发给这个部门。")
    # The department passes it on; the issuer may also set the date for it.
    if not (
        permits(user, department, Kind.TASK, Act.SET_UNIT_DUE)
        or permits(user, task.issuer, Kind.TASK, Act.ISSUE)
    ):
        raise PermissionDenied("只有本部门审核人可以设置本部门的单位截止日期")
    if unit_due > task.department_due:
        raise WorkflowError(
            f"本部门单位截止日期不能晚于主管部门截止日期 {task.department_due:%Y-%m-%d}，"
            "否则部门来不及审核和汇总。"
        )
    td.unit_due = unit_due
    td.save(update_fields=["unit_due"])
    TaskEvent.objects.create(
        task=task,
        action=TaskEvent.Action.DEPARTMENT_DUE,
        organisation=department,
        user=user,
        detail=f"本部门所属单位截止日期设为 {unit_due:%Y-%m-%d}",
    )
    _redate(task)
    units = [
        u
        for u in selectors.filing_units(task, [td])
        if selectors.department_of(u, [td]) is not None
    ]
    notify(
        recipients=people.fillers_of(units),
        kind="task_due_set",
        title=f"“{task.title}”截止日期：{unit_due:%Y-%m-%d}",
        body=f"{department.name}要求所属单位于 {unit_due:%Y-%m-%d} 前提交自评表。",
        url=_task_url(task),
    )
    return td


@transaction.atomic
def task_extend(
    *, task: Task, user: Account, due: date, reason: str, unit: Organisation | None = None
) -> Task:
    """延期: for one unit (its department's reviewer or the bureau), or for all (the bureau,
    moving the department date along when it would fall before the units')."""
    _require_open(task)
    reason = reason.replace("\x00", "").strip()
    if not reason:
        raise WorkflowError("请填写延期原因。")
    if unit is None:
        _require_manager(user, task)
        if due <= task.unit_due:
            raise WorkflowError(f"延期后的日期应晚于当前的单位截止日期 {task.unit_due:%Y-%m-%d}。")
        task.unit_due = due
        task.department_due = max(task.department_due, due)
        task.save(update_fields=["unit_due", "department_due"])
        recipients = _concerned(task)
        detail = f"全部单位延期至 {due:%Y-%m-%d}：{reason}"
    else:
        if not selectors.may_remind(user, unit):
            raise PermissionDenied("只有财政局或该单位的主管部门可以为其延期")
        departments = selectors.task_departments(task)
        if selectors.department_of(unit, departments) is None:
            raise WorkflowError(f"{unit.name}不在该任务的范围内。")
        current = selectors.due_for(task, unit, departments, selectors.own_deadlines(task))
        if due <= current:
            raise WorkflowError(f"延期后的日期应晚于{unit.name}当前的截止日期 {current:%Y-%m-%d}。")
        UnitDeadline.objects.update_or_create(task=task, unit=unit, defaults={"due": due})
        recipients = list(people.fillers_of([unit]))
        detail = f"{unit.name}延期至 {due:%Y-%m-%d}：{reason}"
    TaskEvent.objects.create(
        task=task, action=TaskEvent.Action.EXTENDED, organisation=unit, user=user, detail=detail
    )
    _redate(task)
    notify(
        recipients=recipients,
        kind="task_extended",
        title=f"“{task.title}”已延期至 {due:%Y-%m-%d}",
        body=detail,
        url=_task_url(task),
    )
    return task


@transaction.atomic
def task_withdraw(*, task: Task, user: Account, reason: str) -> Task:
    """撤回 a task; its forms stay as they are, no longer counted on it."""
    _require_manager(user, task)
    _require_open(task)
    reason = reason.replace("\x00", "").strip()
    if not reason:
        raise WorkflowError("请填写撤回原因。")
    task.status = Task.Status.WITHDRAWN
    task.withdraw_reason = reason
    task.save(update_fields=["status", "withdraw_reason"])
    TaskEvent.objects.create(task=task, action=TaskEvent.Action.WITHDRAWN, user=user, detail=reason)
    notify(
        recipients=_concerned(task),
        kind="task_withdrawn",
        title=f"自评任务“{task.title}”已撤回",
        body=f"撤回原因：{reason}",
        url=_task_url(task),
    )
    return task


# --- reminders ------------------------------------------------------------------------------


def reminder_record(
    *, task: Task, unit: Organisation, kind: str, message: str, user: Account | None, today: date
) -> Reminder:
    """Record a reminder sent to a unit and notify its fillers (no check: the callers, 催报 and
    the daily reminders, decide who is reminded)."""
    reminder = Reminder.objects.create(
        task=task, unit=unit, kind=kind, message=message, sent_by=user, sent_on=today
    )
    notify(
        recipients=people.fillers_of([unit]),
        kind=f"reminder_{kind}",
        title=("催报：" if kind == Reminder.Kind.MANUAL else "提醒：") + task.title,
        body=message,
        url=_task_url(task),
    )
    return reminder


@transaction.atomic
def task_remind(
    *, task: Task, units: Iterable[Organisation], user: Account, message: str, today: date
) -> list[Reminder]:
    """催报: remind units (one or many) that have not handed in, with a message; each reminder is
    recorded. Units that already handed in are left out."""
    _require_open(task)
    message = message.replace("\x00", "").strip()
    units = list(units)
    if not units:
        raise WorkflowError("请选择要催报的单位。")
    for unit in units:
        if not selectors.may_remind(user, unit):
            raise PermissionDenied(f"您不能向{unit.name}催报")
    table = selectors.progress_of(task, user, today)
    rows = {row.unit.pk: row for row in table.rows}
    sent = []
    for unit in units:
        row = rows.get(unit.pk)
        if row is None or row.handed_in:
            continue
        text = message or (
            f"请于 {row.due:%Y-%m-%d} 前完成“{task.title}”的填报并提交"
            + (f"（已逾期 {row.late} 天）" if row.late else "")
            + "。"
        )
        sent.append(
            reminder_record(
                task=task,
                unit=unit,
                kind=Reminder.Kind.MANUAL,
                message=text,
                user=user,
                today=today,
            )
        )
    if not sent:
        raise WorkflowError("所选单位均已提交，无需催报。")
    TaskEvent.objects.create(
        task=task,
        action=TaskEvent.Action.REMINDED,
        organisation=units[0] if len(units) == 1 else None,
        user=user,
        detail=f"催报 {len(sent)} 个单位：{message or '（默认提醒内容）'}",
    )
    return sent


def reminders_send_due(*, today: date) -> list[Reminder]:
    """The automatic reminders of the day (N days before the due date, each day overdue), sent
    once a day per unit and task whatever how often this runs."""
    sent: list[Reminder] = []
    for task in Task.objects.filter(status=Task.Status.ISSUED):
        policy = Reminders(before_days=task.remind_before_days, overdue_daily=task.remind_overdue)
        with transaction.atomic():
            already = set(
                Reminder.objects.filter(task=task, sent_on=today)
                .exclude(kind=Reminder.Kind.MANUAL)
                .values_list("unit_id", flat=True)
            )
            departments = selectors.task_departments(task)
            own = selectors.own_deadlines(task)
            statuses: dict[int, list[str]] = {}
            for org_id, status in FormFacts.objects.filter(task=task).values_list(
                "evaluation__organisation_id", "evaluation__status"
            ):
                statuses.setdefault(org_id, []).append(status)
            for unit in selectors.filing_units(task, departments):
                if unit.pk in already or unit_progress(statuses.get(unit.pk, [])) in HANDED_IN:
                    continue
                if not people.fillers_of([unit]).exists():
                    continue  # nobody to tell (a department that files nothing itself)
                due = selectors.due_for(task, unit, departments, own)
                kind = reminder_due(due, today, policy)
                if kind is None:
                    continue
                text = reminder_text(task.title, due, today, kind)
                reminder_kind = (
                    Reminder.Kind.BEFORE if kind is ReminderKind.BEFORE else Reminder.Kind.OVERDUE
                )
                sent.append(
                    reminder_record(
                        task=task,
                        unit=unit,
                        kind=reminder_kind,
                        message=text,
                        user=None,
                        today=today,
                    )
                )
    return sent


# --- bureau scoring ---------------------------------------------------------------------------


@dataclass
class ScoreInput:
    path: str
    score: Decimal
    reason: str


@transaction.atomic
def evaluation_bureau_score(
    *, evaluation: Evaluation, user: Account, scores: Sequence[ScoreInput]
) -> FormFacts:
    """复核评分 of a project form after the bureau approved it: the bureau's score per line with
    a reason for each change. The unit's scores stay in the form; the bureau's total and grade
    (after the rule set's caps, computed by the core) become the grade lists show."""
    if not permits(user, evaluation.organisation, Kind.EVALUATION, Act.SCORE):
        raise PermissionDenied("只有财政局可以复核评分")
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.form_type != Evaluation.FormType.PROJECT:
        raise WorkflowError("部门整体支出绩效自评表不按评分表计分，无需复核评分。")
    if evaluation.status not in (
        Evaluation.Status.FINANCE_APPROVED,
        Evaluation.Status.PUBLISHED,
    ):
        raise WorkflowError("财政审核通过后才能复核评分。")
    form = form_from_data(evaluation.data)
    assert isinstance(form, ProjectForm)
    rules = rules_named(evaluation.ruleset_id, evaluation.form_type)
    card = score_project(form, rules)
    reviews = {
        s.path: LineReview(s.path, s.score, s.reason.replace("\x00", "").strip()) for s in scores
    }
    problems = review_problems(card, reviews)
    if problems:
        raise WorkflowError("".join(problems))
    reviewed = rescore(card, reviews, project_execution_rate(form), rules)
    lines = {line.path: line for line in card.lines}
    for path, review in reviews.items():
        line = lines[path]
        LineScore.objects.update_or_create(
            evaluation=evaluation,
            path=path,
            defaults={
                "name": line.name,
                "points": line.points,
                "self_score": line.score,
                "bureau_score": review.score,
                "reason": review.reason,
                "scored_by": user,
            },
        )
    facts = facts_refresh(evaluation)
    facts.bureau_score = reviewed.bureau.total
    facts.bureau_grade = reviewed.bureau.grade
    facts.grade = reviewed.bureau.grade
    facts.save(update_fields=["bureau_score", "bureau_grade", "grade"])
    bureau_total = money_text(reviewed.bureau.total)
    evaluation_services._save(
        evaluation, user, f"财政复核评分：{bureau_total} 分，{reviewed.bureau.grade}"
    )
    notify(
        recipients=people.fillers_of([evaluation.organisation]),
        kind="scored",
        title=f"“{evaluation.title}”财政复核评分：{bureau_total} 分（{reviewed.bureau.grade}）",
        body=f"自评 {money_text(reviewed.unit.total)} 分，复核 {bureau_total} 分。",
        url=reverse("evaluations:detail", args=[evaluation.pk]),
    )
    return facts


# --- batch review -----------------------------------------------------------------------------


@dataclass
class BatchResult:
    done: list[Evaluation] = field(default_factory=list)
    refused: list[tuple[Evaluation, str]] = field(default_factory=list)


def evaluations_review_many(
    *, evaluations: Iterable[Evaluation], user: Account, approve: bool, comment: str = ""
) -> BatchResult:
    """批量审核通过 / 批量退回 (one comment for all): each form goes through the same service as
    one at a time, in its own transaction; a form that cannot take the step is reported with the
    reason and the others proceed."""
    result = BatchResult()
    step = (
        evaluation_services.evaluation_approve if approve else evaluation_services.evaluation_return
    )
    for evaluation in evaluations:
        try:
            result.done.append(step(evaluation=evaluation, user=user, comment=comment))
        except WorkflowError as exc:
            result.refused.append((evaluation, exc.message))
        except PermissionDenied:
            label = evaluation.get_status_display()
            result.refused.append((evaluation, f"状态为“{label}”，您不能执行此操作"))
    return result


# --- notifications of each workflow step --------------------------------------------------------


def announce_step(evaluation: Evaluation, action: Action, user: Account, comment: str) -> None:
    """Tell those concerned about a step (registered with the evaluation services)."""
    org = evaluation.organisation
    url = reverse("evaluations:detail", args=[evaluation.pk])
    name = f"{org.name}《{evaluation.title}》"
    by = user.get_full_name() or user.username
    if action is Action.SUBMIT:
        notify(
            recipients=people.reviewers_over(org, Act.DEPT_APPROVE),
            kind="submitted",
            title=f"待审核：{name}",
            body=f"{by} 已提交，请审核。" + (f"\n情况说明：{comment}" if comment else ""),
            url=url,
        )
    elif action in (Action.DEPT_RETURN, Action.FINANCE_RETURN):
        notify(
            recipients=people.fillers_of([org]),
            kind="returned",
            title=f"已退回：{name}",
            body=f"{by} 退回了表单，请按审核意见修改后重新提交。\n审核意见：{comment}",
            url=reverse("evaluations:edit", args=[evaluation.pk]),
        )
    elif action is Action.DEPT_APPROVE:
        notify(
            recipients=list(people.fillers_of([org]))
            + list(people.reviewers_over(org, Act.FINANCE_APPROVE)),
            kind="dept_approved",
            title=f"主管部门审核通过：{name}",
            body=f"{by} 审核通过，待财政审核。" + (f"\n意见：{comment}" if comment else ""),
            url=url,
        )
    elif action is Action.FINANCE_APPROVE:
        notify(
            recipients=people.fillers_of([org]),
            kind="finance_approved",
            title=f"财政审核通过：{name}",
            body=f"{by} 审核通过。" + (f"\n意见：{comment}" if comment else ""),
            url=url,
        )
    elif action is Action.PUBLISH:
        notify(
            recipients=list(people.fillers_of([org]))
            + list(people.reviewers_over(org, Act.DEPT_APPROVE)),
            kind="published",
            title=f"已公开：{name}",
            body="表单已在信息公开栏目公开。",
            url=url,
        )
