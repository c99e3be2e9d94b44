"""批量导出: a ZIP of forms built off the request (on the task queue), with progress."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Sequence
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from openpyxl import Workbook

from jixiao.core.money import money_text
from jixiao.web.evaluations.access import Account
from jixiao.web.evaluations.exports import ExportUnavailable, export_bytes
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.notifications.queue import after_commit
from jixiao.web.season.models import BatchExport, FormFacts, LineScore

log = logging.getLogger("jixiao.web.season")
FORMATS = ("pdf", "xlsx")


@transaction.atomic
def batch_export_start(*, user: Account, evaluations: Sequence[Evaluation]) -> BatchExport:
    """Queue the export of forms the caller has already checked the user may see."""
    job = BatchExport.objects.create(
        user=user, evaluation_ids=[e.pk for e in evaluations], total=len(evaluations)
    )
    after_commit(batch_export_build, job.pk)
    return job


def batch_export_build(job_id: int) -> None:
    job = BatchExport.objects.filter(pk=job_id).first()
    if job is None or job.state == BatchExport.State.READY:
        return
    job.state = BatchExport.State.RUNNING
    job.done = 0
    job.save(update_fields=["state", "done"])
    forms = Evaluation.objects.filter(pk__in=job.evaluation_ids).select_related("organisation")
    buffer = BytesIO()
    try:
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
                if index % 10 == 0 or index == job.total:
                    BatchExport.objects.filter(pk=job.pk).update(done=index)
            archive.writestr("评分汇总.xlsx", scores_xlsx(list(forms)))
    except Exception as exc:  # the job says it failed rather than staying "running" forever
        log.exception("batch export %s failed", job.pk)
        BatchExport.objects.filter(pk=job.pk).update(
            state=BatchExport.State.FAILED, error=str(exc)[:2000]
        )
        return
    job.refresh_from_db()
    job.file.save(f"批量导出-{job.pk}.zip", ContentFile(buffer.getvalue()), save=False)
    job.state = BatchExport.State.READY
    job.done = job.total
    job.save(update_fields=["file", "state", "done"])


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
