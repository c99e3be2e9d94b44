"""What the public may read: published (已公开) forms, and nothing else, ever."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from jixiao.core.access import Act, Kind, is_public
from jixiao.core.rulesets import RuleSet
from jixiao.web.evaluations.analysis import rules_named
from jixiao.web.evaluations.models import Evaluation

PUBLISHED = Evaluation.Status.PUBLISHED


def published_forms() -> QuerySet[Evaluation]:
    """The one entry point of every portal read: published forms, when the access policy opens
    them to the public (:mod:`jixiao.core.access`), else none."""
    if not is_public(Kind.EVALUATION, Act.VIEW):
        return Evaluation.objects.none()
    return Evaluation.objects.filter(status=PUBLISHED).select_related("organisation")


def published_search(query: str = "", year: int | None = None) -> QuerySet[Evaluation]:
    forms = published_forms()
    if query.strip():
        q = query.strip()
        forms = forms.filter(Q(organisation__name__icontains=q) | Q(title__icontains=q))
    if year is not None:
        forms = forms.filter(year=year)
    # With each form's list figures (年初预算, 实际支出, 执行率, 得分, 等级), one join.
    return forms.select_related("facts").order_by("-year", "organisation__path", "title")


def published_form(pk: object) -> Evaluation:
    try:
        return published_forms().get(pk=int(str(pk)))
    except (Evaluation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该公开表单") from None


def published_years() -> list[int]:
    return list(published_forms().order_by("-year").values_list("year", flat=True).distinct())


def published_rules_of_year(
    year: int, chunk_size: int = 200
) -> Iterator[tuple[dict[str, Any], RuleSet]]:
    """Each published form of ``year`` with the rule set (at the version) that judged it."""
    rows = (
        published_forms()
        .filter(year=year)
        .order_by("organisation__path", "pk")
        .values_list("data", "form_type", "ruleset_id", "ruleset_version")
        .iterator(chunk_size=chunk_size)
    )
    for data, form_type, ruleset_id, version in rows:
        yield data, rules_named(ruleset_id, form_type, version or None)


def published_data_of_year(year: int, chunk_size: int = 200) -> Iterator[dict[str, Any]]:
    """Each published form of ``year`` as the core's JSON data, streamed in chunks."""
    yield from (
        published_forms()
        .filter(year=year)
        .order_by("organisation__path", "pk")
        .values_list("data", flat=True)
        .iterator(chunk_size=chunk_size)
    )
