"""Reads of the indicator library: whose library a person sees, its entries with their quality
findings, and what the editors' picker offers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from jixiao.core.access import Act, Kind
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.quality import check_library_entry
from jixiao.core.rulesets import load_ruleset
from jixiao.core.serialization import FormReadError, form_from_data
from jixiao.core.targets import TargetIndicator
from jixiao.core.validation import Finding
from jixiao.web.evaluations.access import User, memberships_of
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.indicators.models import LibraryIndicator
from jixiao.web.organisations.access import permits
from jixiao.web.organisations.models import Organisation


def bureau_of(organisation: Organisation) -> Organisation | None:
    """The finance bureau at the top of ``organisation``'s tree (the library's keeper)."""
    root_id = organisation.path.strip("/").split("/")[0]
    root = Organisation.objects.filter(pk=int(root_id)).first() if root_id.isdigit() else None
    if root is None or root.kind != Organisation.Kind.FINANCE_BUREAU:
        return None
    return root


def libraries_of(user: User) -> list[Organisation]:
    """The bureaus whose library the person reads: those above any organisation they belong to."""
    seen: dict[int, Organisation] = {}
    for membership in memberships_of(user):
        bureau = bureau_of(membership.organisation)
        if bureau is not None:
            seen.setdefault(bureau.pk, bureau)
    return list(seen.values())


def may_keep(user: User, keeper: Organisation) -> bool:
    """Only the bureau's finance administrators add to, import into and retire from its library."""
    if getattr(user, "is_superuser", False):
        return True
    # The access policy's finance administrators: those who may publish the bureau's forms.
    return permits(user, keeper, Kind.EVALUATION, Act.PUBLISH)


def entries_of(
    keeper: Organisation, query: str = "", *, retired: bool = False
) -> QuerySet[LibraryIndicator]:
    entries = LibraryIndicator.objects.filter(keeper=keeper, retired_at__isnull=not retired)
    for word in query.split():
        entries = entries.filter(
            Q(name__icontains=word)
            | Q(level1__icontains=word)
            | Q(level2__icontains=word)
            | Q(sector__icontains=word)
            | Q(unit__icontains=word)
        )
    return entries


def as_indicator(entry: LibraryIndicator) -> TargetIndicator:
    return TargetIndicator(
        level1=entry.level1,
        level2=entry.level2,
        name=entry.name,
        nature=entry.nature or None,
        value=entry.reference_value or None,
        unit=entry.unit,
    )


@dataclass(frozen=True)
class Entry:
    indicator: LibraryIndicator
    findings: list[Finding]


def with_findings(entries: QuerySet[LibraryIndicator]) -> list[Entry]:
    """Each entry with the quality check's findings on it (the same rules as a target's)."""
    rules = load_ruleset()
    return [Entry(e, check_library_entry(as_indicator(e), rules=rules)) for e in entries]


def previous_years(organisation: Organisation, year: int) -> list[dict[str, str]]:
    """The organisation's own indicators of earlier years, latest year first, each name once,
    with its last target and last actual (as written on that year's form)."""
    seen: dict[str, dict[str, str]] = {}
    evaluations = Evaluation.objects.filter(organisation=organisation, year__lt=year).order_by(
        "-year", "pk"
    )
    for evaluation in evaluations:
        try:
            form = form_from_data(evaluation.data)
        except FormReadError:
            continue
        rows: list[tuple[str, str, str, str, str, str | None, str | None]] = []
        if isinstance(form, ProjectForm):
            rows = [
                (i.name, i.level1, i.level2, i.unit, i.nature or "", i.target, i.actual)
                for i in form.indicators
            ]
        elif isinstance(form, DepartmentForm):
            rows = [
                (i.name, "", "", "", "", i.target, i.actual)
                for task in form.tasks
                for i in task.indicators
            ]
        for name, level1, level2, unit, nature, target, actual in rows:
            if not name.strip() or name in seen:
                continue
            seen[name] = {
                "name": name,
                "level1": level1,
                "level2": level2,
                "unit": unit,
                "nature": str(nature),
                "kind": f"{evaluation.year}年",
                "sector": "",
                "last_target": target or "",
                "last_actual": actual or "",
            }
    return list(seen.values())


def picker_for(organisation: Organisation, year: int | None = None) -> list[dict[str, str]]:
    """What the editors' picker offers a form of ``organisation``: its bureau's active entries,
    then (with ``year``) the organisation's own indicators of earlier years."""
    bureau = bureau_of(organisation)
    library = [] if bureau is None else _library_entries(bureau)
    if year is None:
        return library
    names = {e["name"] for e in library}
    return library + [e for e in previous_years(organisation, year) if e["name"] not in names]


def _library_entries(bureau: Organisation) -> list[dict[str, str]]:
    return [
        {
            "name": e.name,
            "level1": e.level1,
            "level2": e.level2,
            "unit": e.unit,
            "nature": e.nature,
            "kind": e.get_kind_display(),
            "sector": e.sector,
        }
        for e in entries_of(bureau)
    ]
