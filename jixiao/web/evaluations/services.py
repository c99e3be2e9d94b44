"""Every write to an evaluation: create, save a draft, import, and the workflow steps.

Each service takes keyword arguments, checks permission itself (so no caller can forget),
runs in a transaction holding a row lock, and records history with the acting user through
django-simple-history. Workflow rules come from :mod:`jixiao.core.workflow`; a refused step
raises :class:`~jixiao.core.workflow.WorkflowError` whose ``message`` is for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.dispatch import Signal

from jixiao.core import formtypes
from jixiao.core.access import Act, Kind
from jixiao.core.aggregation import blocking_message
from jixiao.core.carry_over import carry_over
from jixiao.core.serialization import Form, form_from_data, form_to_data
from jixiao.core.validation import Finding, validate
from jixiao.core.validation.fields import oversize_texts
from jixiao.core.workflow import Action, Status, WorkflowError, check_submission, next_status
from jixiao.web.documents.services import VersionConflict, document_locked, document_save
from jixiao.web.evaluations.access import Account, require_action, roles_at
from jixiao.web.evaluations.analysis import complete, rules_named
from jixiao.web.evaluations.models import Evaluation, ReviewDecision, ReviewRound
from jixiao.web.organisations.models import FiscalYear, Organisation
from jixiao.web.organisations.years import refuse_closed_year

#: Sent inside the publishing transaction with ``evaluation_id`` and ``year``: the apps above
#: this one (the portal) react to a publication without this app importing them.
evaluation_published = Signal()


#: Findings beyond the form's own rules that a submission must also pass (evidence rules).
SubmissionCheck = Callable[[Evaluation, Form], list[Finding]]
_submission_checks: list[SubmissionCheck] = []
#: Called inside the step's transaction once the form is saved in its new status, with the
#: acting user and the step's comment (the sealing app seals a snapshot this way).
TransitionHook = Callable[[Evaluation, Action, Account, str], None]
_transition_hooks: list[TransitionHook] = []
#: Asked, when a form is started without a rule set named, which rule set (id, version) it is
#: to be judged by; None leaves the type's default (the season app answers with the rule set
#: of the task the form is started for).
RulesetChooser = Callable[[Organisation, int, str], tuple[str, str] | None]
_ruleset_choosers: list[RulesetChooser] = []


def register_submission_check(check: SubmissionCheck) -> None:
    if check not in _submission_checks:
        _submission_checks.append(check)


def register_ruleset_chooser(chooser: RulesetChooser) -> None:
    if chooser not in _ruleset_choosers:
        _ruleset_choosers.append(chooser)


def _chosen_ruleset(
    organisation: Organisation, year: int, form_type: str
) -> tuple[str, str] | None:
    for chooser in _ruleset_choosers:
        if (chosen := chooser(organisation, year, form_type)) is not None:
            return chosen
    return None


def register_transition_hook(hook: TransitionHook) -> None:
    if hook not in _transition_hooks:
        _transition_hooks.append(hook)


def submission_findings(evaluation: Evaluation, form: Form) -> list[Finding]:
    return [finding for check in _submission_checks for finding in check(evaluation, form)]


def _after_transition(evaluation: Evaluation, action: Action, user: Account, comment: str) -> None:
    for hook in _transition_hooks:
        hook(evaluation, action, user, comment)


def _children_first(evaluation: Evaluation) -> None:
    """DHIS2's rule: a consolidated (汇总) department form is neither submitted nor approved
    until every direct child's department form of the year is approved. WorkflowError names
    the units holding it up."""
    if evaluation.form_type != Evaluation.FormType.DEPARTMENT:
        return
    if not (evaluation.data or {}).get("consolidated"):
        return
    children = Organisation.objects.filter(parent=evaluation.organisation_id).order_by("path")
    statuses = dict(
        Evaluation.objects.filter(
            organisation__parent=evaluation.organisation_id,
            year=evaluation.year,
            form_type=Evaluation.FormType.DEPARTMENT,
        ).values_list("organisation_id", "status")
    )
    message = blocking_message({c.name: statuses.get(c.pk) for c in children})
    if message:
        raise WorkflowError(message)


def _title_of(form: Form) -> str:
    return formtypes.form_type(form.form_type).title(form)


def _consolidated_kept(form: Form, stored: dict[str, Any]) -> Form:
    """A department form's 汇总 flag as stored. Whether a form stands for its units is a fact
    of how it was made (built by the 汇总 app, or read so from an imported form), not a box to
    tick while editing: the dashboards and the 汇总 app both read this one flag, so it must not
    drift from the figures the form holds."""
    if form.form_type != Evaluation.FormType.DEPARTMENT:
        return form
    return form.model_copy(update={"consolidated": bool(stored.get("consolidated"))})


def _save(evaluation: Evaluation, user: Account | None, reason: str) -> None:
    document_save(evaluation, user=user, reason=reason)


def _locked(evaluation: Evaluation) -> Evaluation:
    return document_locked(evaluation)


def year_of(form: Form) -> int:
    """The evaluated year of a form about to be stored; a form read from a document that
    prints none is refused until a person gives it."""
    if form.year is None:
        raise WorkflowError("表单没有被评价年度（文件中未印出），请填写年度后再保存")
    return form.year


@transaction.atomic
def evaluation_create(
    *,
    organisation: Organisation,
    form: Form,
    user: Account | None,
    ruleset_id: str | None = None,
    ruleset_version: str | None = None,
    reason: str = "新建表单",
) -> Evaluation:
    """A new draft for ``organisation``. ``user`` None is the system (demo loading)."""
    year = year_of(form)
    if user is not None:
        roles = roles_at(user, organisation, Kind.EVALUATION, Act.CREATE)
        if not roles:
            raise PermissionDenied("您不能为该单位新建表单")
        refuse_closed_year(year, roles)
    if ruleset_id is None and (chosen := _chosen_ruleset(organisation, year, form.form_type)):
        ruleset_id, ruleset_version = chosen
    rules = rules_named(ruleset_id, form.form_type, ruleset_version)
    FiscalYear.objects.get_or_create(year=year)
    title = _title_of(form)
    _refuse_duplicate(organisation, year, form.form_type, title)
    evaluation = Evaluation(
        organisation=organisation,
        year=year,
        form_type=form.form_type,
        title=title,
        data=form_to_data(form),
        ruleset_id=rules.id,
        ruleset_version=rules.version,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _save_unique(evaluation, user, reason)
    return evaluation


def duplicate_message(organisation: Organisation, year: int, type_key: str, title: str) -> str:
    entry = formtypes.form_type(type_key)
    if entry.one_per_year:
        return f"{organisation.name}{year}年度的{entry.label}已存在，不能重复新建。"
    return f"{organisation.name}{year}年度已有项目“{title}”的{entry.label}，不能重复新建。"


def _duplicates(
    organisation: Organisation, year: int, form_type: str, title: str
) -> QuerySet[Evaluation]:
    """Forms that would clash with this one: a unit has one department form a year and one
    project form per project name a year (the database constraints say the same)."""
    found = Evaluation.objects.filter(organisation=organisation, year=year, form_type=form_type)
    return found if _one_per_year(form_type) else found.filter(title=title)


def _one_per_year(type_key: str) -> bool:
    return formtypes.form_type(type_key).one_per_year


def _refuse_duplicate(
    organisation: Organisation, year: int, form_type: str, title: str, pk: int | None = None
) -> None:
    clashes = _duplicates(organisation, year, form_type, title)
    if pk is not None:
        clashes = clashes.exclude(pk=pk)
    if clashes.exists():
        raise WorkflowError(duplicate_message(organisation, year, form_type, title))


def _save_unique(evaluation: Evaluation, user: Account | None, reason: str) -> None:
    """Save; a clash that another request created between the check and now comes back as the
    same message, not as a database error."""
    try:
        with transaction.atomic():
            _save(evaluation, user, reason)
    except IntegrityError:
        raise WorkflowError(
            duplicate_message(
                evaluation.organisation, evaluation.year, evaluation.form_type, evaluation.title
            )
        ) from None


def previous_year_form(
    organisation: Organisation, year: int, form_type: str, project_name: str = ""
) -> Evaluation | None:
    """The unit's form of ``year - 1`` that a new form of ``year`` would carry over."""
    return _duplicates(organisation, year - 1, form_type, project_name.strip()).first()


@transaction.atomic
def evaluation_start(
    *,
    organisation: Organisation,
    year: int,
    form_type: str,
    user: Account,
    project_name: str = "",
    carry_from_previous: bool = False,
) -> Evaluation:
    """A new draft started in the UI: blank, or carried over from the unit's form of the year
    before (structure kept, results cleared: :mod:`jixiao.core.carry_over`). Only people who
    fill in the organisation's forms may start one; a closed year and a duplicate are refused
    with a message."""
    roles = roles_at(user, organisation, Kind.EVALUATION, Act.EDIT)
    if not roles:
        raise PermissionDenied("只有该单位的填报人或负责人可以新建表单")
    refuse_closed_year(year, roles)
    project_name = project_name.strip()
    entry = formtypes.form_type(form_type)
    if not entry.one_per_year and not project_name:
        raise WorkflowError("请填写项目名称。")
    title = organisation.name if entry.one_per_year else project_name
    _refuse_duplicate(organisation, year, form_type, title)
    form: Form
    if carry_from_previous:
        previous = previous_year_form(organisation, year, form_type, project_name)
        if previous is None:
            raise WorkflowError(_no_previous_message(organisation, year, form_type, project_name))
        form = carry_over(form_from_data(previous.data), year)
        reason = f"新建表单（沿用{year - 1}年度表单的结构）"
    else:
        form = entry.blank(
            year=year,
            title=title,
            department=_supervising_department(organisation).name,
            implementing_unit=organisation.name,
        )
        reason = "新建表单（空白）"
    ruleset_id, version = _chosen_ruleset(organisation, year, form_type) or (None, None)
    form = complete(form, rules_named(ruleset_id, form.form_type, version))
    return evaluation_create(organisation=organisation, form=form, user=user, reason=reason)


def _supervising_department(organisation: Organisation) -> Organisation:
    """The 主管部门 a project form names: the organisation itself or its nearest department."""
    node: Organisation | None = organisation
    while node is not None:
        if node.kind == Organisation.Kind.DEPARTMENT:
            return node
        node = node.parent
    return organisation


def _no_previous_message(
    organisation: Organisation, year: int, form_type: str, project_name: str
) -> str:
    label = formtypes.form_type_label(form_type)
    if formtypes.form_type(form_type).one_per_year:
        return f"没有找到{organisation.name}{year - 1}年度的{label}，请选择空白表单。"
    names = list(
        Evaluation.objects.filter(
            organisation=organisation, year=year - 1, form_type=form_type
        ).values_list("title", flat=True)
    )
    known = f"（上年度的项目有：{'、'.join(names)}）" if names else ""
    return f"{year - 1}年度没有名为“{project_name}”的{label}{known}，请核对项目名称或选择空白表单。"


@transaction.atomic
def evaluation_save_draft(
    *, evaluation: Evaluation, data: dict[str, Any], expected_version: int, user: Account
) -> Evaluation:
    """Save new content. Refused when the form is locked for review or when it was saved by
    someone else since ``expected_version`` (optimistic locking)."""
    roles = require_action(user, evaluation, Action.EDIT)
    current = _locked(evaluation)
    if current.version != expected_version:
        raise VersionConflict(current.version)
    refuse_closed_year(current.year, roles)
    next_status(current.core_status, Action.EDIT, roles)
    # The year is the row's identity (one department form a year); the editor cannot move it.
    # The type too: a row keeps the form type it was created with (the core refuses another).
    form = form_from_data({**data, "year": current.year}, expected_type=current.form_type)
    form = _consolidated_kept(form, current.data)
    refuse_oversize(form)
    form = complete(form, current.rules)
    current.data = form_to_data(form)
    current.title = _title_of(form)
    _refuse_duplicate(
        current.organisation, current.year, current.form_type, current.title, current.pk
    )
    current.version += 1
    _save_unique(current, user, "保存草稿")
    return current


def refuse_oversize(form: Form) -> None:
    """A text longer than the printed form can hold is not saved (the editor keeps it)."""
    over = oversize_texts(form)
    if over:
        shown = "；".join(f.message.rstrip("。") for f in over[:3])
        more = f"等 {len(over)} 处" if len(over) > 3 else ""
        raise WorkflowError(f"文字超过表样可打印的长度{more}，尚未保存：{shown}。")


def import_target(*, organisation: Organisation, form: Form) -> Evaluation | None:
    """The form an import of ``form`` into ``organisation`` would replace, if any: this year's
    department form, or the project form of the same name."""
    return _duplicates(organisation, year_of(form), form.form_type, _title_of(form)).first()


@transaction.atomic
def evaluation_import(
    *, organisation: Organisation, form: Form, user: Account, source: str, replace: bool = False
) -> Evaluation:
    """Store an imported form: a new draft, or, when ``replace`` says the person saw what would
    change and agreed, the new content of the editable form it would duplicate."""
    reason = f"导入：{source}"
    refuse_closed_year(year_of(form), roles_at(user, organisation))
    existing = import_target(organisation=organisation, form=form)
    if existing is None:
        return evaluation_create(organisation=organisation, form=form, user=user, reason=reason)
    roles = require_action(user, existing, Action.EDIT)
    if not replace:
        raise WorkflowError(
            f"{organisation.name}已有该表单（版本 {existing.version}），"
            "需先查看将被替换的内容并确认后才能导入。"
        )
    current = _locked(existing)
    next_status(current.core_status, Action.EDIT, roles)
    current.data = form_to_data(form)
    current.title = _title_of(form)
    current.version += 1
    _save(current, user, reason)
    return current


def _plain(text: str) -> str:
    """Typed text as stored: trimmed, without U+0000 (PostgreSQL cannot store it)."""
    return text.replace("\x00", "").strip()


@transaction.atomic
def evaluation_submit(
    *, evaluation: Evaluation, user: Account, explanation: str = ""
) -> Evaluation:
    """Submit for review: errors block it, warnings need ``explanation``. Starts a review
    round that keeps the submitted content."""
    explanation = _plain(explanation)
    roles = require_action(user, evaluation, Action.SUBMIT)
    current = _locked(evaluation)
    refuse_closed_year(current.year, roles)
    status = next_status(current.core_status, Action.SUBMIT, roles)
    _children_first(current)
    form = form_from_data(current.data, expected_type=current.form_type)
    check_submission(
        validate(form, current.rules) + submission_findings(current, form), explanation
    )
    ReviewRound.objects.create(
        evaluation=current,
        number=current.rounds.count() + 1,
        submitted_data=current.data,
        submitted_version=current.version,
        explanation=explanation,
        submitted_by=user,
    )
    current.status = status.value
    current.submit_explanation = explanation
    _save(current, user, "提交审核")
    _after_transition(current, Action.SUBMIT, user, explanation)
    return current


def _review(*, evaluation: Evaluation, user: Account, comment: str, approve: bool) -> Evaluation:
    comment = _plain(comment)
    stage_of = {
        Status.SUBMITTED: (
            ReviewDecision.Stage.DEPARTMENT,
            Action.DEPT_APPROVE,
            Action.DEPT_RETURN,
        ),
        Status.DEPT_APPROVED: (
            ReviewDecision.Stage.FINANCE,
            Action.FINANCE_APPROVE,
            Action.FINANCE_RETURN,
        ),
    }
    current = _locked(evaluation)
    stage, approve_action, return_action = stage_of.get(
        current.core_status,
        (ReviewDecision.Stage.DEPARTMENT, Action.DEPT_APPROVE, Action.DEPT_RETURN),
    )
    action = approve_action if approve else return_action
    roles = require_action(user, current, action)
    status = next_status(current.core_status, action, roles, comment)
    if approve:
        _children_first(current)
    review_round = current.rounds.order_by("-number").first()
    if review_round is None:  # a status set by hand in the admin: start the record here
        review_round = ReviewRound.objects.create(
            evaluation=current,
            number=1,
            submitted_data=current.data,
            submitted_version=current.version,
        )
    ReviewDecision.objects.create(
        round=review_round,
        stage=stage,
        outcome=ReviewDecision.Outcome.APPROVED if approve else ReviewDecision.Outcome.RETURNED,
        comment=comment,
        reviewer=user,
    )
    current.status = status.value
    verb = "通过" if approve else "退回"
    _save(current, user, f"{stage.label}{verb}")
    _after_transition(current, action, user, comment)
    return current


@transaction.atomic
def evaluation_approve(*, evaluation: Evaluation, user: Account, comment: str = "") -> Evaluation:
    """Approve at the stage the form is in (主管部门, then 财政)."""
    return _review(evaluation=evaluation, user=user, comment=comment, approve=True)


@transaction.atomic
def evaluation_return(*, evaluation: Evaluation, user: Account, comment: str) -> Evaluation:
    """Return to the unit with a comment; the form becomes editable again."""
    return _review(evaluation=evaluation, user=user, comment=comment, approve=False)


@transaction.atomic
def evaluation_publish(*, evaluation: Evaluation, user: Account) -> Evaluation:
    roles = require_action(user, evaluation, Action.PUBLISH)
    current = _locked(evaluation)
    current.status = next_status(current.core_status, Action.PUBLISH, roles).value
    _save(current, user, "公开")
    _after_transition(current, Action.PUBLISH, user, "")
    # Whoever publishes the form's files (the portal: its PDF, the year's open data) listens.
    evaluation_published.send(sender=Evaluation, evaluation_id=current.pk, year=current.year)
    return current
