"""批量导入: several files, or a ZIP of them, read by the real importer on the task queue.

The request only stores the uploaded files (in the shared storage, so that a worker on another
machine reads them) and starts a job; the task reads each file with the same importer as the
single import, and saves each form it reads as a draft when nothing needs the person's eye: the
unit is one they fill in for (chosen, or named in the file), nothing in the file disagrees with
it, and no form would be replaced. Anything else is left unsaved with the reason, to be imported
alone through the preview and confirmation. The job's page shows the progress; its result is a
report (CSV) of every file and form.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.urls import reverse
from django_tasks import task

from jixiao.core.formtypes import form_type_of
from jixiao.core.serialization import FormReadError
from jixiao.core.workflow import WorkflowError
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.limits import size_text
from jixiao.web.evaluations import selectors, services
from jixiao.web.evaluations.import_checks import mismatches
from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import job_running, job_start
from jixiao.web.limits import web_import_limits
from jixiao.web.organisations.models import Organisation

log = logging.getLogger("jixiao.web.evaluations")

#: Most files one batch reads (uploaded, or inside its ZIPs).
MAX_FILES = 100

SAVED = "已保存为草稿"
NOT_SAVED = "未保存"
UNREADABLE = "无法读取"


@dataclass(frozen=True)
class Outcome:
    """One line of the report: a file (and a form in it) and what became of it."""

    filename: str
    form: str
    result: str
    reason: str = ""
    url: str = ""


def bulk_import_start(
    *, user: User, uploads: Sequence[Any], organisation: Organisation | None
) -> Job:
    """Store ``uploads`` (Django uploaded files) and queue their import by ``user``.

    ``organisation`` is where every form goes; ``None`` means the unit named in each file.
    Raises ``ValueError`` with a Chinese message when the batch is refused as a whole.
    """
    if not uploads:
        raise ValueError("请选择要导入的文件")
    if len(uploads) > MAX_FILES:
        raise ValueError(f"一次最多导入 {MAX_FILES} 个文件")
    limit = _zip_limit()
    for upload in uploads:
        cap = limit if _is_zip(upload.name or "") else web_import_limits().max_bytes
        if upload.size and upload.size > cap:
            raise ValueError(
                f"“{upload.name}”过大（{size_text(upload.size)}），最多 {size_text(cap)}"
            )
    stored: list[str] = []
    try:
        for number, upload in enumerate(uploads, start=1):
            name = PurePosixPath(upload.name or f"file{number}").name
            stored.append(default_storage.save(f"imports/{user.pk}/{number:03d}-{name}", upload))
    except OSError:
        _remove(stored)  # nothing half-kept: the batch is stored whole or not at all
        raise
    files = [
        [path, PurePosixPath(upload.name or path).name]
        for path, upload in zip(stored, uploads, strict=True)
    ]
    return job_start(
        bulk_import,
        title=f"批量导入 {len(files)} 个文件",
        user=user,
        user_id=user.pk,
        files=files,
        organisation_id=organisation.pk if organisation else None,
    )


def _zip_limit() -> int:
    return web_import_limits().max_bytes * 10


def _is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


def _remove(paths: Sequence[str]) -> None:
    for path in paths:
        try:
            default_storage.delete(path)
        except OSError:
            log.warning("bulk import: %s not removed", path, exc_info=True)


@task()
def bulk_import(
    job_id: str, user_id: int, files: list[list[str]], organisation_id: int | None
) -> None:
    """Read every stored file (ZIPs opened), save what can be saved, report every form."""
    with job_running(job_id) as job:
        try:
            user = User.objects.get(pk=user_id, is_active=True)
            allowed = selectors.organisations_for_new_forms(user)
            chosen = allowed.filter(pk=organisation_id).first() if organisation_id else None
            entries = list(_entries(files))
            outcomes: list[Outcome] = []
            for number, (name, content) in enumerate(entries, start=1):
                if isinstance(content, str):  # the reason the entry was not read
                    outcomes.append(Outcome(name, "", UNREADABLE, content))
                else:
                    outcomes += _import_one(user, allowed, chosen, name, content)
                job.progress(number, len(entries), f"已读取 {name}")
            saved = sum(1 for o in outcomes if o.result == SAVED)
            left = sum(1 for o in outcomes if o.result == NOT_SAVED)
            failed = sum(1 for o in outcomes if o.result == UNREADABLE)
            job.attach(name="批量导入报告.csv", content=report_csv(outcomes))
            job.progress(
                len(entries),
                len(entries),
                f"共 {len(entries)} 个文件：{saved} 份表单已保存为草稿，"
                f"{left} 份需逐个导入确认，{failed} 个文件无法读取。详见导入报告。",
            )
        finally:
            _remove([path for path, _name in files])


def _entries(files: list[list[str]]) -> Iterator[tuple[str, bytes | str]]:
    """Each file to read, as (name, bytes), or (name, why it was not read); ZIPs opened."""
    max_bytes = web_import_limits().max_bytes
    count = 0
    for path, name in files:
        try:
            with default_storage.open(path, "rb") as stored:
                data = File(stored).read()
        except OSError:
            log.warning("bulk import: %s unreadable", path, exc_info=True)
            yield name, "上传的文件已丢失，请重新上传"
            continue
        if not _is_zip(name):
            count += 1
            yield name, data
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [
                m
                for m in archive.infolist()
                if not m.is_dir()
                and not PurePosixPath(m.filename).name.startswith((".", "__"))
                and "__MACOSX" not in m.filename
            ]
        except zipfile.BadZipFile:
            yield name, "不是有效的 ZIP 压缩包"
            continue
        for member in members:
            label = f"{name}/{member.filename}"
            count += 1
            if count > MAX_FILES:
                yield label, f"超过一次最多导入的 {MAX_FILES} 个文件，未读取"
                continue
            if member.file_size > max_bytes:  # checked before anything is unpacked
                yield (
                    label,
                    f"文件过大（{size_text(member.file_size)}），最多 {size_text(max_bytes)}",
                )
                continue
            try:
                yield label, archive.read(member)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
                yield label, "压缩包中的文件已损坏或已加密"


def _import_one(
    user: User,
    allowed: QuerySet[Organisation],
    chosen: Organisation | None,
    name: str,
    data: bytes,
) -> list[Outcome]:
    try:
        results = import_bytes(data, PurePosixPath(name).name, web_import_limits())
    except ImportFailure as exc:
        return [Outcome(name, "", UNREADABLE, exc.message)]
    out = []
    for result in results:
        form = result.form
        title = form_type_of(form).title(form)
        named = (
            form.department
            if form.form_type == "department_overall"
            else (form.implementing_unit or form.department)
        )
        organisation = chosen or allowed.filter(name=named.strip()).first()
        if organisation is None and not named.strip() and allowed.count() == 1:
            organisation = allowed.first()
        if organisation is None:
            reason = f"文件中的单位“{named}”不是您填报的单位，请逐个导入并选择单位"
            out.append(Outcome(name, title, NOT_SAVED, reason))
            continue
        problems = mismatches(form, organisation)
        existing = services.import_target(organisation=organisation, form=form)
        if existing is not None:
            problems.append(f"{organisation.name}已有该表单，替换前需逐个导入并查看差异")
        if problems:
            out.append(Outcome(name, title, NOT_SAVED, " ".join(problems)))
            continue
        try:
            evaluation = services.evaluation_import(
                organisation=organisation, form=form, user=user, source=name
            )
        except (WorkflowError, FormReadError) as exc:
            out.append(Outcome(name, title, NOT_SAVED, exc.message))
            continue
        url = reverse("evaluations:detail", args=[evaluation.pk])
        out.append(Outcome(name, title, SAVED, organisation.name, url))
    return out


def report_csv(outcomes: Sequence[Outcome]) -> bytes:
    """The report as CSV with a byte-order mark, so that Excel reads the Chinese."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["文件", "表单", "结果", "说明", "链接"])
    for o in outcomes:
        writer.writerow([o.filename, o.form, o.result, o.reason, o.url])
    return ("\ufeff" + text.getvalue()).encode("utf-8")
