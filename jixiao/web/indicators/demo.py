"""The demo bureau's indicator library: common indicators most departments use, a few industry
ones for 政法, and one entry the quality check flags (a reference value that cannot be measured)."""

from __future__ import annotations

from jixiao.web.indicators.models import LibraryIndicator
from jixiao.web.organisations.models import Organisation

COMMON, INDUSTRY = LibraryIndicator.Kind.COMMON, LibraryIndicator.Kind.INDUSTRY
ENTRIES = (
    (COMMON, "", "产出指标", "数量指标", "培训人次", "人次", "≥", "500"),
    (COMMON, "", "产出指标", "数量指标", "宣传活动场次", "场", "≥", "12"),
    (COMMON, "", "产出指标", "质量指标", "验收合格率", "%", "≥", "95"),
    (COMMON, "", "产出指标", "时效指标", "按时完成率", "%", "=", "100"),
    (COMMON, "", "产出指标", "成本指标", "预算执行率", "%", "≥", "90"),
    (COMMON, "", "效益指标", "社会效益指标", "政策知晓率", "%", "≥", "85"),
    (COMMON, "", "效益指标", "可持续影响指标", "长效机制建立情况", "", "定性", "建立"),
    (COMMON, "", "满意度指标", "服务对象满意度指标", "服务对象满意度", "%", "≥", "90"),
    (INDUSTRY, "政法", "产出指标", "数量指标", "矛盾纠纷排查化解数", "宗", "≥", "300"),
    (INDUSTRY, "政法", "产出指标", "质量指标", "矛盾纠纷调处成功率", "%", "≥", "95"),
    (INDUSTRY, "政法", "效益指标", "社会效益指标", "群众安全感", "", "", "明显提升"),
)


def load_library_demo(bureau: Organisation) -> None:
    if LibraryIndicator.objects.filter(keeper=bureau).exists():
        return
    LibraryIndicator.objects.bulk_create(
        LibraryIndicator(
            keeper=bureau,
            kind=kind,
            sector=sector,
            level1=level1,
            level2=level2,
            name=name,
            unit=unit,
            nature=nature,
            reference_value=value,
        )
        for kind, sector, level1, level2, name, unit, nature, value in ENTRIES
    )
