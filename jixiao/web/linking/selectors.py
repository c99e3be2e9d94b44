"""Cross-year reading of one organisation's department forms: what each year names, which
renamings look likely (difflib similarity), and an indicator's values followed through its
confirmed renamings."""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.indicators import parse_value
from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import FormReadError, form_from_data
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.linking.models import ItemLink
from jixiao.web.organisations.models import Organisation

Kind = ItemLink.Kind
SIMILARITY = 0.5  # below this a pair of names is not worth a person's look


@dataclass(frozen=True)
class Suggestion:
    kind: str
    kind_label: str
    earlier_year: int
    earlier_name: str
    later_year: int
    later_name: str
    similarity: int  # percent


@dataclass(frozen=True)
class TrendPoint:
    year: int
    name: str
    actual: str
    number: Decimal | None


def forms_by_year(organisation: Organisation) -> dict[int, DepartmentForm]:
    forms: dict[int, DepartmentForm] = {}
    for year, data in Evaluation.objects.filter(
        organisation=organisation, form_type=Evaluation.FormType.DEPARTMENT
    ).values_list("year", "data"):
        try:
            form = form_from_data(data)
        except FormReadError:
            continue
        if isinstance(form, DepartmentForm):
            forms[year] = form
    return dict(sorted(forms.items()))


def names_of(form: DepartmentForm, kind: str) -> list[str]:
    if kind == Kind.TASK:
        names = [t.expected_goal for t in form.tasks]
    elif kind == Kind.KEY_PROJECT:
        names = [p.name for p in form.key_projects]
    else:
        names = [i.name for t in form.tasks for i in t.indicators]
    return list(dict.fromkeys(n for n in names if n.strip()))


def links_of(organisation: Organisation) -> list[ItemLink]:
    return list(ItemLink.objects.filter(organisation=organisation).select_related("confirmed_by"))


def suggestions_for(
    organisation: Organisation,
    forms: dict[int, DepartmentForm] | None = None,
    links: list[ItemLink] | None = None,
) -> list[Suggestion]:
    """For each pair of consecutive years: names that appear only in the later year, paired with
    the most similar name that disappeared, unless a link already says where they came from."""
    forms = forms_by_year(organisation) if forms is None else forms
    links = links_of(organisation) if links is None else links
    linked = {(link.kind, link.later_year, link.later_name) for link in links}
    used = {(link.kind, link.earlier_year, link.earlier_name) for link in links}
    years = list(forms)
    found: list[Suggestion] = []
    for earlier, later in itertools.pairwise(years):
        for kind, label in Kind.choices:
            before = names_of(forms[earlier], kind)
            after = names_of(forms[later], kind)
            gone = [n for n in before if n not in after and (kind, earlier, n) not in used]
            for name in after:
                if name in before or (kind, later, name) in linked or not gone:
                    continue
                best = max(gone, key=lambda g: difflib.SequenceMatcher(None, g, name).ratio())
                ratio = difflib.SequenceMatcher(None, best, name).ratio()
                if ratio >= SIMILARITY:
                    found.append(
                        Suggestion(kind, label, earlier, best, later, name, round(ratio * 100))
                    )
    return found


def _indicator_actuals(form: DepartmentForm) -> dict[str, str]:
    return {i.name: i.actual or "" for t in form.tasks for i in t.indicators}


def indicator_trend(
    organisation: Organisation, name: str, year: int, forms: dict[int, DepartmentForm] | None = None
) -> list[TrendPoint]:
    """The indicator ``name`` of ``year`` and its values in earlier years, following the
    unchanged name or a confirmed link back one year at a time; oldest first."""
    forms = forms_by_year(organisation) if forms is None else forms
    back = {
        (link.later_year, link.later_name): (link.earlier_year, link.earlier_name)
        for link in ItemLink.objects.filter(organisation=organisation, kind=Kind.INDICATOR)
    }
    points: list[TrendPoint] = []
    current: tuple[int, str] | None = (year, name)
    while current is not None and current[0] in forms:
        at_year, at_name = current
        actuals = _indicator_actuals(forms[at_year])
        if at_name not in actuals:
            break
        value = parse_value(actuals[at_name])
        number = value.number if value.measurable and isinstance(value.number, Decimal) else None
        points.append(TrendPoint(at_year, at_name, actuals[at_name], number))
        previous = at_year - 1
        if (at_year, at_name) in back:
            current = back[(at_year, at_name)]
        elif previous in forms and at_name in _indicator_actuals(forms[previous]):
            current = (previous, at_name)
        else:
            current = None
    return list(reversed(points))
