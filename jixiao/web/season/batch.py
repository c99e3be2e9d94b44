"""批量导出: a ZIP of forms built by the task queue, in parts that queue workers share.

The forms are cut into parts of ``PART_SIZE``; each part is a task that renders its forms (PDF
and XLSX, the slow part) into a ZIP of its own in storage, so that two workers finish about
twice as fast as one. The job's progress is the forms of the parts done, summed across parts.
The part that finds every part stored (under a lock on the job's row, so only one does) queues
the last task, which copies the parts into one ZIP in the order of the forms, whatever order
the parts ran in, adds the sheet of scores and offers the ZIP on the job's page."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks import task
from openpyxl import Workbook

from jixiao.core.money import money_text
from jixiao.web.evaluations.access import Account
from jixiao.web.evaluations.exports import ExportUnavailable, export_bytes
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import job_enqueue, job_part_running, job_running, job_start
from jixiao.web.season.models import FormFacts, LineScore

FORMATS = ("pdf", "xlsx")
# Forms in one part: small enough for two workers to share 40 forms evenly and for the progress
# to move, large enough that the queue's own work per part stays small beside the rendering.
PART_SIZE = 5


def _parts(evaluation_ids: Sequence[int]) -> int:
    return max(1, -(-len(evaluation_ids) // PART_SIZE))


def _chunk(evaluation_ids: Sequence[int], part: int) -> list[int]:
    return list(evaluation_ids[part * PART_SIZE : (part + 1) * PART_SIZE])


def _part_path(job_id: str, part: int) -> str:
    return f"jobs/{job_id}/parts/{part:05d}.zip"


def _ordered(evaluation_ids: Sequence[int]) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(pk__in=evaluation_ids)
        .select_related("organisation")
        .order_by("organisation__path", "title", "pk")
    )


def batch_export_start(*, user: Account, evaluations: Sequence[Evaluation]) -> Job:
    """Queue the export of forms the caller has already checked the user may see, one task
    per part; the job's page shows its progress and offers the ZIP when it is ready."""
    # The forms in their ZIP order, so that each part is a run of the final ZIP.
    ids = [e.pk for e in _ordered([e.pk for e in evaluations])]
    job = job_start(
        batch_export_part,
        title=f"批量导出 {len(ids)} 份自评表",
        user=user,
        evaluation_ids=ids,
        part=0,
    )
    Job.objects.filter(pk=job.pk).update(total=len(ids))
    for part in range(1, _parts(ids)):
        job_enqueue(batch_export_part, job, evaluation_ids=ids, part=part)
    return job


@task()
def batch_export_part(job_id: str, evaluation_ids: list[int], part: int) -> None:
    """One part: its forms as PDF and XLSX in a folder per unit, stored as a ZIP of its own;
    the part that completes the set queues :func:`batch_export_zip`. Safe to run twice: a part
    stored again replaces itself and counts once; once the job is done it is left alone."""
    if Job.objects.filter(pk=job_id, status=Job.Status.DONE).exists():
        return
    with job_part_running(job_id):
        forms = _ordered(_chunk(evaluation_ids, part))
        buffer = BytesIO()
        # Stored, not deflated: the last task deflates once, when it copies the parts.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for evaluation in forms:
                folder = f"{evaluation.organisation.name}/"
                for fmt in FORMATS:
                    try:
                        content, _media, name = export_bytes(evaluation, fmt)
                    except ExportUnavailable as exc:
                        archive.writestr(f"{folder}{evaluation.pk}-{fmt}-未导出.txt", exc.message)
                        continue
                    archive.writestr(f"{folder}{name}", content)
        path = _part_path(job_id, part)
        if default_storage.exists(path):
            default_storage.delete(path)
        default_storage.save(path, ContentFile(buffer.getvalue()))
        parts = _parts(evaluation_ids)
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=job_id)
            stored = [p for p in range(parts) if default_storage.exists(_part_path(job_id, p))]
            done = sum(len(_chunk(evaluation_ids, p)) for p in stored)
            total = len(evaluation_ids)
            last = forms[-1] if forms else None
            Job.objects.filter(pk=job_id).update(
                done=done,
                total=total,
                message=(
                    f"已导出 {done}/{total} 份（第 {part + 1}/{parts} 部分："
                    f"{last.organisation.name}《{last.title}》）"
                    if last
                    else f"已导出 {done}/{total} 份"
                ),
            )
            if len(stored) == parts and job.done < total and job.status != Job.Status.FAILED:
                job_enqueue(batch_export_zip, job, evaluation_ids=evaluation_ids, parts=parts)


@task()
def batch_export_zip(job_id: str, evaluation_ids: list[int], parts: int) -> None:
    """The last task: the parts copied into one ZIP in their order, and a sheet of both
    scores."""
    with job_running(job_id) as job:
        job.progress(len(evaluation_ids), len(evaluation_ids), "正在打包……")
        forms = _ordered(evaluation_ids)
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in range(parts):
                with (
                    default_storage.open(_part_path(job_id, part), "rb") as stored,
                    zipfile.ZipFile(stored) as piece,
                ):
                    for info in piece.infolist():
                        archive.writestr(info.filename, piece.read(info))
            archive.writestr("评分汇总.xlsx", scores_xlsx(forms))
        job.attach(name=f"批量导出-{len(forms)}份自评表.zip", content=buffer.getvalue())
        job.progress(len(forms), len(forms), f"已导出 {len(forms)} 份自评表")
        for part in range(parts):
            default_storage.delete(_part_path(job_id, part))


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
