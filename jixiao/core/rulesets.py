"""Rule sets: the rules that vary by region and year, kept as versioned data.

A rule set is a JSON file in ``jixiao/core/rulesets_data``. Every computed figure and score can
name the rule set (``id`` and ``version``) that produced it. Defaults follow domain.md: the
national set (MoF 2020 project evaluation) and a Guangzhou set for the department form.
"""

from __future__ import annotations

import json
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.core.model.types import Money, Rate


class AdjustmentMode(StrEnum):
    NET = "net"  # |调整预算 − 年初预算|
    GROSS = "gross"  # Σ|追加| + Σ|追减|


class ReverseFormula(StrEnum):
    RATIO = "ratio"  # target / actual × points
    LINEAR = "linear"  # (1 − (actual − target)/target) × points, 0 at twice the target


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RatePrecision(_Rules):
    """Decimals printed for each rate."""

    completion_rate: int = Field(2, ge=0, le=6)
    adjustment_rate: int = Field(2, ge=0, le=6)
    execution_rate: int = Field(2, ge=0, le=6)


class Band(_Rules):
    """A qualitative band as fractions of the indicator's points."""

    low: Decimal
    high: Decimal


class QualitativeBands(_Rules):
    achieved: Band = Band(low=Decimal("0.8"), high=Decimal("1"))
    partly: Band = Band(low=Decimal("0.6"), high=Decimal("0.8"))
    not_achieved: Band = Band(low=Decimal("0"), high=Decimal("0.6"))


class Weights(_Rules):
    """Points of each level-1 group and of budget execution (they sum to 100)."""

    output: Money = Decimal("50")
    effect: Money = Decimal("30")
    satisfaction: Money = Decimal("10")
    execution: Money = Decimal("10")
    # Where the satisfaction group's points go when a form has no satisfaction indicator.
    satisfaction_fallback: str = "output"


class Grade(_Rules):
    name: str
    min_score: Money


class ExecutionCap(_Rules):
    """Below ``below_rate`` % execution, the total may not exceed ``max_total``."""

    below_rate: Rate
    max_total: Money


class Caps(_Rules):
    """Provincial caps, all off by default."""

    adjustment_rate_without_reason: Rate | None = None  # e.g. 30 → total capped
    adjustment_cap_total: Money = Decimal("90")
    execution_caps: list[ExecutionCap] = Field(default_factory=list)


class MonitoringThresholds(_Rules):
    """In-year monitoring (双监控) warnings."""

    lag_points: Rate = Decimal("10")  # execution behind time elapsed by this many points
    large_project_amount: Money = Decimal("200")
    large_project_month: int = 8
    large_project_min_rate: Rate = Decimal("60")
    last_quarter_share: Rate = Decimal("50")
    adjustment_rate_warning: Rate = Decimal("20")
    # Where the adjustment-rate warning turns red (the rate that caps scores in some provinces).
    adjustment_rate_limit: Rate = Decimal("30")
    # A lag this many times ``lag_points`` is red rather than yellow.
    lag_red_factor: Decimal = Decimal("2")
    # A projected indicator value below this % of its target is red rather than yellow.
    indicator_red_ratio: Rate = Decimal("80")
    # A target this many % below last year's actual is too easy (indicator quality check).
    target_below_last_year: Rate = Decimal("20")


class IndicatorCategory(_Rules):
    """A 一级指标 and the 二级指标 under it, as the MoF layout fixes them."""

    level1: str
    level2: list[str]


# The MoF 2020 indicator tree (财预〔2020〕10号 附件): what a rule set uses unless its data says
# otherwise.
MOF_CATEGORIES = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)


class Reminders(_Rules):
    """When the 自评 season reminds units of a task's due date: this many days before it, and
    (when ``overdue_daily``) every day after it until the unit has submitted."""

    before_days: list[int] = Field(default_factory=lambda: [7, 3, 1])
    overdue_daily: bool = True


class EvidenceRules(_Rules):
    """佐证材料 required before submit. Each rule is off, a warning or an error."""

    # A quantitative indicator whose actual meets its target needs at least one evidence file.
    met_quantitative: Literal["off", "warning", "error"] = "off"


class RuleSet(_Rules):
    id: str
    version: str
    name: str
    region: str = ""
    adjustment_mode: AdjustmentMode = AdjustmentMode.NET
    adjustment_signed: bool = False
    rate_precision: RatePrecision = RatePrecision()
    weights: Weights = Weights()
    reverse_formula: ReverseFormula = ReverseFormula.RATIO
    qualitative_bands: QualitativeBands = QualitativeBands()
    grades: list[Grade] = Field(
        default_factory=lambda: [
            Grade(name="优", min_score=Decimal("90")),
            Grade(name="良", min_score=Decimal("80")),
            Grade(name="中", min_score=Decimal("60")),
            Grade(name="差", min_score=Decimal("0")),
        ]
    )
    # Actual at or above this % of target needs a written deviation reason (0 = off).
    overshoot_reason_threshold: Rate | None = None
    # Total below this needs problems and measures written (None = off).
    problems_required_below: Money | None = None
    caps: Caps = Caps()
    monitoring: MonitoringThresholds = MonitoringThresholds()
    indicator_categories: list[IndicatorCategory] = Field(
        default_factory=lambda: [
            IndicatorCategory(level1=one, level2=list(two)) for one, two in MOF_CATEGORIES
        ]
    )

    def level2_of(self, level1: str) -> list[str]:
        """The 二级指标 allowed under ``level1`` (empty for a 一级指标 the layout lacks)."""
        for category in self.indicator_categories:
            if category.level1 == level1:
                return list(category.level2)
        return []

    def is_category(self, level1: str, level2: str) -> bool:
        return level2 in self.level2_of(level1)

    reminders: Reminders = Reminders()
    evidence: EvidenceRules = EvidenceRules()

    @property
    def label(self) -> str:
        return f"{self.id}@{self.version}"


DEFAULT_RULESET_ID = "national"


class RuleSetError(ValueError):
    """A rule-set file that cannot be used. ``message`` is for users (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


RuleSetDirs = tuple[str, ...]

#: The setting that names a bureau's own rule-set directories, ``:``-separated. The web reads
#: it from its settings (themselves from the environment), the console from the environment;
#: both turn it into directories with :func:`ruleset_dirs_of`.
RULESETS_DIR_SETTING = "JIXIAO_RULESETS_DIR"


def ruleset_dirs_of(value: str | None) -> RuleSetDirs:
    """The extra rule-set directories a ``JIXIAO_RULESETS_DIR`` value names (``:``-separated,
    empty parts ignored). The core reads no configuration itself: callers pass the value."""
    return tuple(part for part in (value or "").split(":") if part.strip())


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """``2020.1`` < ``2020.10`` < ``2026.1``: numeric parts compare as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


def _read(text: str, where: str) -> RuleSet:
    try:
        return RuleSet.model_validate(json.loads(text))
    except (json.JSONDecodeError, ValueError) as exc:
        raise RuleSetError(f"规则集文件 {where} 无法读取：{exc}") from exc


@cache
def _catalogue(dirs: RuleSetDirs) -> dict[tuple[str, str], RuleSet]:
    """Every rule set, bundled and from ``dirs`` (a bureau's own files, added without a
    release), keyed by ``(id, version)``. A later directory may not redefine a version: a
    version, once it has judged a form, must keep meaning the same rules."""
    found: dict[tuple[str, str], RuleSet] = {}
    sources: list[tuple[str, str]] = []
    package = resources.files("jixiao.core") / "rulesets_data"
    for item in sorted(package.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".json"):
            sources.append(
                (item.read_text(encoding="utf-8"), f"jixiao/core/rulesets_data/{item.name}")
            )
    for directory in dirs:
        root = Path(directory)
        if not root.is_dir():
            raise RuleSetError(f"规则集目录 {directory} 不存在")
        for path in sorted(root.glob("*.json")):
            sources.append((path.read_text(encoding="utf-8"), str(path)))
    for text, where in sources:
        rules = _read(text, where)
        key = (rules.id, rules.version)
        if key in found and found[key] != rules:
            raise RuleSetError(f"规则集 {rules.label} 在 {where} 中被重复定义且内容不同")
        found[key] = rules
    return found


def load_ruleset(
    ruleset_id: str = DEFAULT_RULESET_ID, version: str | None = None, dirs: RuleSetDirs = ()
) -> RuleSet:
    """A rule set by id (``national``, ``guangzhou``…) and version; without a version, the
    latest one. ``dirs`` are extra directories of rule-set files (the caller's setting: the core
    reads no configuration of its own)."""
    catalogue = _catalogue(tuple(dirs))
    if version is not None:
        try:
            return catalogue[(ruleset_id, version)]
        except KeyError:
            raise KeyError(f"unknown rule set: {ruleset_id}@{version}") from None
    versions = [key[1] for key in catalogue if key[0] == ruleset_id]
    if not versions:
        raise KeyError(f"unknown rule set: {ruleset_id}")
    return catalogue[(ruleset_id, max(versions, key=_version_key))]


def available_rulesets(dirs: RuleSetDirs = ()) -> list[str]:
    return sorted({key[0] for key in _catalogue(tuple(dirs))})


def ruleset_versions(ruleset_id: str, dirs: RuleSetDirs = ()) -> list[str]:
    """The versions of ``ruleset_id``, oldest first."""
    found = [key[1] for key in _catalogue(tuple(dirs)) if key[0] == ruleset_id]
    return sorted(found, key=_version_key)


def default_ruleset_id(form_type: str) -> str:
    """The rule set a form uses when none is chosen (its type's registry entry says which)."""
    from jixiao.core.formtypes import FORM_TYPES  # the registry's entries import rule sets

    entry = FORM_TYPES.get(form_type)
    return entry.default_ruleset if entry is not None else DEFAULT_RULESET_ID
