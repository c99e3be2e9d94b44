"""The demo's 常用审核意见: the bureau's, offered to every department, and the department's own."""

from __future__ import annotations

from jixiao.web.organisations.models import Organisation
from jixiao.web.review.models import ReviewPhrase

BUREAU_PHRASES = ("实际支出数须与部门决算一致，请核对。", "请补充佐证材料。")
DEPARTMENT_PHRASES = (
    "请补充存在问题的原因分析。",
    "指标完成值与指标值口径不一致，请核对。",
    "改进措施请写明责任人和完成时限。",
)


def load_phrases_demo(bureau: Organisation, department: Organisation) -> None:
    for organisation, phrases in ((bureau, BUREAU_PHRASES), (department, DEPARTMENT_PHRASES)):
        for text in phrases:
            ReviewPhrase.objects.get_or_create(organisation=organisation, text=text)
