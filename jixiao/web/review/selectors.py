"""Reads for the review screens: a form's field comments, the fields a reviewer may comment on,
and the phrases a reviewer can reuse."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from jixiao.core.access import Act, Kind
from jixiao.core.diff import field_label
from jixiao.web.evaluations.access import User, memberships_of
from jixiao.web.evaluations.editor.fields import flatten
from jixiao.web.evaluations.editor.state import MODELS
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.access import permits
from jixiao.web.organisations.models import Organisation
from jixiao.web.review.models import FieldComment, ReviewPhrase

_REVIEWS = (Act.DEPT_APPROVE, Act.FINANCE_APPROVE)


def dotted(field: str) -> str:
    """The editor's ``tasks-0-indicators-1-name`` as the diff's ``tasks[0].indicators[1].name``."""
    return re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", field.replace("-", "."))


def fields_of(evaluation: Evaluation) -> list[tuple[str, str]]:
    """Every field of the form as (editor name, Chinese label), in the form's order."""
    model = MODELS.get(evaluation.form_type)
    if model is None:
        return []
    names = [n for n in flatten(model, evaluation.data) if n not in {"form_type", "year"}]
    return [(n, field_label(evaluation.form_type, dotted(n))) for n in names]


def comments_of(evaluation: Evaluation) -> QuerySet[FieldComment]:
    return FieldComment.objects.filter(evaluation=evaluation).select_related(
        "reviewer", "answered_by"
    )


def open_comments(evaluation: Evaluation) -> QuerySet[FieldComment]:
    return comments_of(evaluation).filter(answer="")


def reviewing_organisations(user: User) -> list[Organisation]:
    """Where the person reviews (a department or a bureau): whose phrases they keep."""
    return list(
        {
            m.organisation_id: m.organisation
            for m in memberships_of(user)
            if any(permits(user, m.organisation, Kind.EVALUATION, act) for act in _REVIEWS)
        }.values()
    )


def phrases_for(user: User) -> QuerySet[ReviewPhrase]:
    """The phrases of every department or bureau the person reviews for, and those above it."""
    ids: set[int] = set()
    for organisation in reviewing_organisations(user):
        ids.update(int(p) for p in organisation.path.strip("/").split("/") if p.isdigit())
    return ReviewPhrase.objects.filter(organisation_id__in=ids).select_related("organisation")
