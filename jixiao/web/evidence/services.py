"""Every write to evidence: upload, replace, remove, mark public; of a form's rows and of a
运行监控 record's months.

Each service checks that the user may edit the form (or the monitoring record) and that it is
editable (草稿 or 退回; an open year for a record), holds its row lock, and refuses a bad file
with :class:`EvidenceRefused` (a Chinese message) before anything is stored. The file is
written under a generated key; if the database write fails afterwards the file is removed
again. Checking a file, storing it, and taking the current row to replace or remove it are one
code path for both kinds (``_checked_against``, ``_stored``, ``_locked_current``,
``_replacement``); what differs is who may write and what removal keeps: a form's unsealed
draft file is deleted, a month's file is kept and marked removed.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from jixiao.core.access import Act, Kind
from jixiao.core.workflow import Action, Status, is_editable
from jixiao.formats.evidence_files import (
    EvidenceRefused,
    EvidenceType,
    check_size,
    clean_name,
    identify,
)
from jixiao.formats.limits import current_limits, size_text
from jixiao.web.evaluations.access import Account, require_action
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.models import Evidence, MonitoringEvidence, StoredFile
from jixiao.web.evidence.selectors import forms_backed_by
from jixiao.web.evidence.storage import evidence_storage
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.organisations.access import require
from jixiao.web.organisations.years import closed_for, closed_year_message

_PATHS = (
    (re.compile(r"tasks\[(\d+)\]\.indicators\[(\d+)\]"), Evidence.Anchor.INDICATOR),
    (re.compile(r"tasks\[(\d+)\]"), Evidence.Anchor.TASK),
    (re.compile(r"key_projects\[(\d+)\]"), Evidence.Anchor.KEY_PROJECT),
    (re.compile(r"indicators\[(\d+)\]"), Evidence.Anchor.INDICATOR),
)


def anchor_of(data: dict[str, Any], path: str) -> Evidence.Anchor:
    """Which kind of row ``path`` names in the form ``data``; refused when there is no such row
    (evidence is attached to rows that exist)."""
    if path == "":
        return Evidence.Anchor.FORM
    for pattern, anchor in _PATHS:
        match = pattern.fullmatch(path)
        if match is None:
            continue
        node: Any = data
        keys = re.findall(r"([a-z_]+)\[(\d+)\]", path)
        try:
            for key, index in keys:
                node = node[key][int(index)]
        except (KeyError, IndexError, TypeError):
            break
        return anchor
    raise EvidenceRefused("要附加佐证材料的行在表单中不存在，请刷新页面后重试。")


def _editable(user: Account, evaluation: Evaluation) -> Evaluation:
    require_action(user, evaluation, Action.EDIT)
    current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not is_editable(current.core_status):
        raise EvidenceRefused("表单正在审核或已公开，不能修改佐证材料。")
    return current


def _form_files(evaluation: Evaluation) -> QuerySet[Evidence]:
    return Evidence.objects.filter(evaluation=evaluation, superseded_at__isnull=True)


def _checked_against(
    current: QuerySet[Any], whose: str, name: str, content: bytes
) -> tuple[str, EvidenceType, str]:
    """The cleaned name, type and hash of a new file beside the ``current`` files of one
    document (its total limit, no duplicate), or EvidenceRefused."""
    name = clean_name(name)
    check_size(len(content), settings.EVIDENCE_MAX_BYTES)
    used = current.aggregate(total=Sum("size"))["total"] or 0
    if used + len(content) > settings.EVIDENCE_FORM_MAX_BYTES:
        raise EvidenceRefused(
            f"{whose}的佐证材料合计不能超过 {size_text(settings.EVIDENCE_FORM_MAX_BYTES)}"
            f"（已上传 {size_text(used)}，本文件 {size_text(len(content))}）。"
        )
    found = identify(content, current_limits())
    digest = hashlib.sha256(content).hexdigest()
    same = current.filter(sha256=digest).first()
    if same is not None:
        raise EvidenceRefused(f"该文件与已上传的“{same.name}”内容完全相同，无需重复上传。")
    return name, found, digest


F = TypeVar("F", bound=StoredFile)


def _stored(
    model: type[F],
    folder: str,
    checked: tuple[str, EvidenceType, str],
    content: bytes,
    user: Account,
    replaces: F | None,
    **owner: object,
) -> F:
    """The file saved under a generated key in ``folder`` and its row created; when the row
    cannot be written the file is removed again, so storage never holds a file nobody names."""
    name, found, digest = checked
    key = f"{folder}/{uuid.uuid4().hex}{found.extension}"
    key = evidence_storage().save(key, ContentFile(content))
    try:
        with transaction.atomic():
            return model._default_manager.create(
                name=name,
                storage_key=key,
                sha256=digest,
                size=len(content),
                media_type=found.media_type,
                type_label=found.label,
                uploaded_by=user,
                replaces=replaces,
                **owner,
            )
    except Exception:
        evidence_storage().delete(key)
        raise


@transaction.atomic
def evidence_upload(
    *,
    evaluation: Evaluation,
    user: Account,
    name: str,
    content: bytes,
    anchor_path: str = "",
    public: bool = False,
) -> Evidence:
    current = _editable(user, evaluation)
    anchor = anchor_of(current.data, anchor_path)
    name, found, digest = _checked_against(_form_files(current), "本表单", name, content)
    return _create(current, user, name, found, digest, content, anchor, anchor_path, public)


def _create(
    evaluation: Evaluation,
    user: Account,
    name: str,
    found: EvidenceType,
    digest: str,
    content: bytes,
    anchor: str,
    anchor_path: str,
    public: bool,
    replaces: Evidence | None = None,
) -> Evidence:
    return _stored(
        Evidence,
        f"evidence/{evaluation.pk}",
        (name, found, digest),
        content,
        user,
        replaces,
        evaluation=evaluation,
        anchor=anchor,
        anchor_path=anchor_path,
        public=public,
    )


def _locked_current(model: type[F], evidence: F) -> F:
    """The row of ``evidence``, locked; refused when another tab replaced or removed it
    meanwhile. Evidence of forms and of monitoring months both go through here."""
    row = model._default_manager.select_for_update().get(pk=evidence.pk)
    if not row.current:
        raise EvidenceRefused("该佐证材料已被替换或删除，请刷新页面后重试。")
    return row


def _replacement(
    model: type[F], evidence: F, current: QuerySet[Any], whose: str, name: str, content: bytes
) -> tuple[F, tuple[str, EvidenceType, str]]:
    """The old row, now superseded, and the new file checked beside the document's other
    ``current`` files (so that it may repeat none of them but the one it replaces)."""
    old = _locked_current(model, evidence)
    checked = _checked_against(current.exclude(pk=old.pk), whose, name, content)
    old.superseded_at = timezone.now()
    old.save(update_fields=["superseded_at"])
    return old, checked


@transaction.atomic
def evidence_replace(*, evidence: Evidence, user: Account, name: str, content: bytes) -> Evidence:
    """A new version of ``evidence``; the old file and row are kept (superseded)."""
    current = _editable(user, evidence.evaluation)
    files = _form_files(current)
    old, (name, found, digest) = _replacement(Evidence, evidence, files, "本表单", name, content)
    return _create(
        current, user, name, found, digest, content, old.anchor, old.anchor_path, old.public, old
    )


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user: Account) -> None:
    """Delete a file uploaded by mistake: only while the form is a draft and only if the file
    was never sealed into a workflow snapshot (then it is evidence of what was submitted)."""
    current = _editable(user, evidence.evaluation)
    if current.core_status is not Status.DRAFT:
        raise EvidenceRefused("只有草稿状态的表单可以删除佐证材料；退回修改时请上传新版本替换。")
    row = _locked_current(Evidence, evidence)
    if row.sealed:
        raise EvidenceRefused("该佐证材料已随表单提交过，不能删除。")
    key = row.storage_key
    row.delete()
    transaction.on_commit(lambda: evidence_storage().delete(key))


@transaction.atomic
def evidence_set_public(*, evidence: Evidence, user: Account, public: bool) -> Evidence:
    """Whether the public portal shows the file once the form is published; fixed with the
    form from its submission on."""
    _editable(user, evidence.evaluation)
    row = Evidence.objects.select_for_update().get(pk=evidence.pk)
    row.public = public
    row.save(update_fields=["public"])
    return row


# Evidence of a 运行监控 month. Who may attach or remove it is the access policy's EDIT on
# monitoring at the record's unit (as for the figures themselves); a closed year is closed to it
# too, and a month's files stay once the year's self-evaluation has been submitted.


def _monitoring_writable(user: Account, record: MonitoringRecord) -> MonitoringRecord:
    roles = require(user, record.organisation, Kind.MONITORING, Act.EDIT)
    current = MonitoringRecord.objects.select_for_update().select_related("organisation")
    locked = current.get(pk=record.pk)
    if closed_for(locked.year, roles):
        raise EvidenceRefused(closed_year_message(locked.year))
    return locked


def _monitoring_files(record: MonitoringRecord) -> QuerySet[MonitoringEvidence]:
    return MonitoringEvidence.objects.filter(
        record=record, superseded_at__isnull=True, removed_at__isnull=True
    )


def _monitoring_create(
    record: MonitoringRecord,
    user: Account,
    month: int,
    content: bytes,
    checked: tuple[str, EvidenceType, str],
    replaces: MonitoringEvidence | None = None,
) -> MonitoringEvidence:
    return _stored(
        MonitoringEvidence,
        f"evidence/monitoring/{record.pk}",
        checked,
        content,
        user,
        replaces,
        record=record,
        month=month,
    )


@transaction.atomic
def monitoring_evidence_upload(
    *, record: MonitoringRecord, user: Account, month: int, name: str, content: bytes
) -> MonitoringEvidence:
    """A file backing ``month`` (1–12) of the record, up to the month it reports."""
    current = _monitoring_writable(user, record)
    if not 1 <= month <= current.month:
        raise EvidenceRefused(f"请选择1月至{current.month}月（监控截至月份）之间的月份。")
    checked = _checked_against(_monitoring_files(current), "本监控表", name, content)
    return _monitoring_create(current, user, month, content, checked)


@transaction.atomic
def monitoring_evidence_replace(
    *, evidence: MonitoringEvidence, user: Account, name: str, content: bytes
) -> MonitoringEvidence:
    """A new version of ``evidence`` for the same month; the old file and row are kept."""
    current = _monitoring_writable(user, evidence.record)
    files = _monitoring_files(current)
    old, checked = _replacement(MonitoringEvidence, evidence, files, "本监控表", name, content)
    return _monitoring_create(current, user, old.month, content, checked, old)


@transaction.atomic
def monitoring_evidence_remove(*, evidence: MonitoringEvidence, user: Account) -> None:
    """Take a file uploaded by mistake off its month. The row and the file are kept, marked
    with who removed it and when (nothing seals a monitoring month, so nothing else would show
    it was there); it leaves the month's list and the evidence packages. Refused once a
    self-evaluation form the record backs has been submitted (its reviewers and package rely on
    the month's files): the unit then uploads a new version instead."""
    current = _monitoring_writable(user, evidence.record)
    submitted = [
        form.title for form in forms_backed_by(current) if form.core_status is not Status.DRAFT
    ]
    if submitted:
        raise EvidenceRefused(
            f"{current.year}年度的自评表“{submitted[0]}”已提交，该月的佐证材料已随表送审，"
            "不能删除；如有错误请上传新版本替换。"
        )
    row = _locked_current(MonitoringEvidence, evidence)
    row.removed_at = timezone.now()
    row.removed_by = user
    row.save(update_fields=["removed_at", "removed_by"])
