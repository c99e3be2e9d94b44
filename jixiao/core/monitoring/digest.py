"""The daily summary (每日预警摘要) a person receives: their warnings grouped by light.

The caller picks the warnings a person may see (their unit, or their department's subtree);
this module only groups, counts and words them, and tells which are new since the last digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.core.monitoring.alerts import LIGHT_SEVERITY, EarlyWarning, Light, light_of

LEVEL_ORDER = (Light.RED, Light.YELLOW, Light.GREEN)


@dataclass(frozen=True)
class DailySummary:
    by_level: dict[Light, list[EarlyWarning]]  # every light, red first
    lights: dict[str, Light]  # subject → its light (green when it has no warning)
    new: list[EarlyWarning]  # not in the previous digest
    text: str  # the digest as a person reads it

    @property
    def counts(self) -> dict[Light, int]:
        return {level: len(items) for level, items in self.by_level.items()}


def daily_summary(
    warnings: Iterable[EarlyWarning],
    *,
    subjects: Iterable[str] = (),
    previous: Iterable[EarlyWarning] = (),
) -> DailySummary:
    """Group ``warnings`` by light. ``subjects`` are the units and projects the person follows
    (those without a warning show green); ``previous`` is the last digest's warnings."""
    items = list(warnings)
    by_level: dict[Light, list[EarlyWarning]] = {level: [] for level in LEVEL_ORDER}
    for warning in items:
        by_level[warning.level].append(warning)
    per_subject: dict[str, list[EarlyWarning]] = {name: [] for name in subjects}
    for warning in items:
        per_subject.setdefault(warning.subject, []).append(warning)
    lights = {name: light_of(found) for name, found in per_subject.items()}
    seen = {w.key for w in previous}
    new = [w for w in items if w.key not in seen]
    return DailySummary(by_level, lights, new, _text(by_level, lights, new))


def _text(
    by_level: dict[Light, list[EarlyWarning]], lights: dict[str, Light], new: list[EarlyWarning]
) -> str:
    green = sum(1 for light in lights.values() if light is Light.GREEN)
    lines = [
        f"预警摘要：红灯{len(by_level[Light.RED])}条，黄灯{len(by_level[Light.YELLOW])}条，"
        f"新增{len(new)}条；{green}个单位或项目为绿灯。"
    ]
    fresh = {w.key for w in new}
    for level in (Light.RED, Light.YELLOW):
        if by_level[level]:
            lines.append(f"{level.value}灯：")
            for w in sorted(by_level[level], key=lambda w: (w.subject, w.code)):
                mark = "（新）" if w.key in fresh else ""
                lines.append(f"- {mark}【{w.subject}】{w.message}")
    if not by_level[Light.RED] and not by_level[Light.YELLOW]:
        lines.append("今日没有预警。")
    return "\n".join(lines)


def worst_first(subject_lights: dict[str, Light]) -> list[tuple[str, Light]]:
    """Subjects ordered for a warnings page: red, then yellow, then green, by name."""
    return sorted(subject_lights.items(), key=lambda kv: (-LIGHT_SEVERITY[kv[1]], kv[0]))
