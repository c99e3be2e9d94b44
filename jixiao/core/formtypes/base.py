"""What a form type is: the entry the registry holds for each kind of form.

Everything that differs between the 部门整体支出绩效自评表, the 项目支出绩效自评表 and any form
added later is named here once, so callers ask the registry instead of branching on the type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.printed import FigureCheck
from jixiao.core.rulesets import RuleSet
from jixiao.core.scoring import ScoreCard
from jixiao.core.text_limits import TextLimit
from jixiao.core.validation.findings import Finding


@dataclass(frozen=True)
class Figure:
    """A derived figure as the form prints it, next to the field ``path`` it belongs to."""

    path: str
    label: str
    text: str


@dataclass(frozen=True)
class Judgement:
    """What a form type's analysis returns: printed figures, the score card if the type is
    scored, and printed-versus-computed checks."""

    figures: list[Figure]
    scorecard: ScoreCard | None
    checks: list[FigureCheck]


@dataclass(frozen=True)
class FormType:
    """One form type. ``complete`` fills the derived figures at printed precision (inputs
    untouched); ``judge`` computes figures, score card and checks; ``rules`` are the
    validation rules run in order. ``title`` is the name a stored form is listed under, and
    ``blank`` a new empty form (keyword arguments: ``year``, ``title`` and the unit names)."""

    key: str
    label: str
    model: type[BaseModel]
    default_ruleset: str
    default_layout: str
    complete: Callable[[Any, RuleSet], Any]
    judge: Callable[[Any, RuleSet], Judgement]
    rules: tuple[Callable[[Any, RuleSet], Iterable[Finding]], ...]
    title: Callable[[Any], str]
    blank: Callable[..., Any]
    # Next year's form from this one (structure kept, results cleared).
    carry: Callable[[Any, int], Any]
    # Whether a unit files one form of this type a year (else one per title a year).
    one_per_year: bool = False
    # Which 运行监控 record backs a stored form of this type: the unit's own record (UNIT) or
    # the record of the project the form is titled after (PROJECT); None when no monitoring
    # precedes the form. Its months' evidence goes into the form's evidence package.
    monitored_as: ExecutionKind | None = None
    # Labels of the fields the model leaves without a title (containers), keyed
    # ``ModelName.field``, as the printed form names them (the editor and the audit trail).
    field_labels: dict[str, str] = field(default_factory=dict)
    # The most characters each text field may hold, keyed like ``field_labels``: what the
    # official layouts can print (``text_limits.py``). Validation, the services and the
    # editor's counter read it.
    text_limits: dict[str, TextLimit] = field(default_factory=dict)
