"""Writes for the review screens: returning a form with comments on single fields, answering
them, and keeping the phrases reviewers reuse. Refusals raise WorkflowError in Chinese."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jixiao.core.workflow import Action, WorkflowError
from jixiao.web.evaluations.access import Account, require_action
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import evaluation_return, evaluation_submit
from jixiao.web.organisations.models import Organisation
from jixiao.web.review.models import FieldComment, ReviewPhrase
from jixiao.web.review.selectors import fields_of, reviewing_organisations

MAX_COMMENT = 2000


def _plain(text: str) -> str:
    return text.replace("\x00", "").strip()


@transaction.atomic
def evaluation_return_with_comments(
    *,
    evaluation: Evaluation,
    user: Account,
    comment: str,
    field_comments: list[tuple[str, str]],
) -> Evaluation:
    """Return the form (the decision's comment as usual) and leave a comment on each named
    field; the unit must answer each before it can submit again."""
    labels = dict(fields_of(evaluation))
    wanted = [(f, _plain(t)) for f, t in field_comments if _plain(t) or f]
    for field, text in wanted:
        if field not in labels:
            raise WorkflowError("请从列表中选择要提出意见的字段。")
        if not text:
            raise WorkflowError(f"请填写对“{labels[field]}”的意见，或清除该字段。")
        if len(text) > MAX_COMMENT:
            raise WorkflowError(f"对“{labels[field]}”的意见超过{MAX_COMMENT}字。")
    returned = evaluation_return(evaluation=evaluation, user=user, comment=comment)
    FieldComment.objects.bulk_create(
        FieldComment(evaluation=returned, field=f, label=labels[f], text=t, reviewer=user)
        for f, t in wanted
    )
    return returned


@transaction.atomic
def field_comment_answer(*, comment: FieldComment, user: Account, answer: str) -> FieldComment:
    require_action(user, comment.evaluation, Action.EDIT)
    answer = _plain(answer)
    if not answer:
        raise WorkflowError(f"请填写对“{comment.label}”意见的答复。")
    if len(answer) > MAX_COMMENT:
        raise WorkflowError(f"答复超过{MAX_COMMENT}字。")
    comment.answer, comment.answered_by, comment.answered_at = answer, user, timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    return comment


def field_comments_answered(evaluation: Evaluation, action: Action) -> None:
    """The guard on submitting: every field comment has an answer."""
    if action is not Action.SUBMIT:
        return
    open_ones = list(
        FieldComment.objects.filter(evaluation=evaluation, answer="").values_list(
            "label", flat=True
        )
    )
    if open_ones:
        names = "、".join(f"“{label}”" for label in open_ones[:5])
        more = f"等{len(open_ones)}条" if len(open_ones) > 5 else ""
        raise WorkflowError(f"还有审核人对{names}{more}的意见没有答复，请逐条答复后再提交。")


def evaluation_submit_answered(
    *, evaluation: Evaluation, user: Account, explanation: str = ""
) -> Evaluation:
    """Submit, once every field comment has its answer."""
    field_comments_answered(evaluation, Action.SUBMIT)
    return evaluation_submit(evaluation=evaluation, user=user, explanation=explanation)


def _keeper(user: Account, organisation: Organisation) -> None:
    if organisation not in reviewing_organisations(user):
        raise WorkflowError("只有该单位的审核人可以维护其常用审核意见。")


def phrase_add(*, organisation: Organisation, user: Account, text: str) -> ReviewPhrase:
    _keeper(user, organisation)
    text = " ".join(_plain(text).split())
    if not text:
        raise WorkflowError("请填写常用审核意见的内容。")
    if len(text) > 300:
        raise WorkflowError("常用审核意见不超过300字。")
    phrase, _ = ReviewPhrase.objects.get_or_create(
        organisation=organisation, text=text, defaults={"created_by": user}
    )
    return phrase


def phrase_remove(*, phrase: ReviewPhrase, user: Account) -> None:
    _keeper(user, phrase.organisation)
    phrase.delete()
