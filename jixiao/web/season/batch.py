"""批量导出: a ZIP of forms built by the task queue as a job whose page shows its progress."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from io import BytesIO

from django_tasks import task
from openpyxl import Workbook

from jixiao.core.money import money_text
from jixiao.web.evaluations.access import Account
from jixiao.web.evaluations.exports import ExportUnavailable, export_bytes
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import job_running, job_start
from jixiao.web.season.models import FormFacts, LineScore

FORMATS = ("pdf", "xlsx")


def batch_export_start(*, user: Account, evaluations: Sequence[Evaluation]) -> Job:
    """Queue the export of forms the caller has already checked the user may see; the job's
    page shows its progress and offers the ZIP when it is ready."""
    return job_start(
        batch_export,
        title=f"批量导出 {len(evaluations)} 份自评表",
        user=user,
        evaluation_ids=[e.pk for e in evaluations],
    )


@task()
def batch_export(job_id: str, evaluation_ids: list[int]) -> None:
    """Each form as PDF and XLSX in a folder per unit, and a sheet of both scores."""
    with job_running(job_id) as job:
        forms = list(
            Evaluation.objects.filter(pk__in=evaluation_ids)
            .select_related("organisation")
            .order_by("organisation__path", "title")
        )
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for index, evaluation in enumerate(forms, start=1):
                folder = f"{evaluation.organisation.name}/"
                for fmt in FORMATS:
                    try:
                        content, _media, name = export_bytes(evaluation, fmt)
                    except ExportUnavailable as exc:
                        archive.writestr(f"{folder}{evaluation.pk}-{fmt}-未导出.txt", exc.message)
                        continue
                    archive.writestr(f"{folder}{name}", content)
                job.progress(
                    index,
                    len(forms),
                    f"已导出 {evaluation.organisation.name}《{evaluation.title}》",
                )
            archive.writestr("评分汇总.xlsx", scores_xlsx(forms))
        job.attach(name=f"批量导出-{len(forms)}份自评表.zip", content=buffer.getvalue())


def scores_xlsx(evaluations: list[Evaluation]) -> bytes:
    """Both scores of each form and each line the bureau re-scored, side by side."""
    facts = {f.evaluation_id: f for f in FormFacts.objects.filter(evaluation__in=evaluations)}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "得分"
    sheet.append(
        ["填报单位", "名称", "年度", "状态", "自评得分", "自评等级", "复核得分", "复核等级", "等级"]
    )
    for e in evaluations:
        f = facts.get(e.pk)
        sheet.append(
            [
                e.organisation.name,
                e.title,
                e.year,
                e.get_status_display(),
                money_text(f.self_score) if f else "",
                f.self_grade if f else "",
                money_text(f.bureau_score) if f else "",
                f.bureau_grade if f else "",
                f.grade if f else "",
            ]
        )
    lines = book.create_sheet("复核评分明细")
    lines.append(["填报单位", "名称", "指标", "分值", "自评得分", "复核得分", "调整理由"])
    for line in LineScore.objects.filter(evaluation__in=evaluations).select_related(
        "evaluation__organisation"
    ):
        lines.append(
            [
                line.evaluation.organisation.name,
                line.evaluation.title,
                line.name,
                money_text(line.points),
                money_text(line.self_score),
                money_text(line.bureau_score),
                line.reason,
            ]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
