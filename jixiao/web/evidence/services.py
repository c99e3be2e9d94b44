"""Every write to evidence: upload, replace, remove, mark public.

Each service checks that the user may edit the form and that the form is editable (草稿 or 退回),
holds the form's row lock, and refuses a bad file with :class:`EvidenceRefused` (a Chinese
message) before anything is stored. The file is written under a generated key; if the database
write fails afterwards the file is removed again.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

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
from jixiao.web.evidence.models import Evidence
from jixiao.web.evidence.storage import evidence_storage

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


def _checked(
    evaluation: Evaluation, name: str, content: bytes, replacing: Evidence | None = None
) -> tuple[str, EvidenceType, str]:
    name = clean_name(name)
    check_size(len(content), settings.EVIDENCE_MAX_BYTES)
    current = Evidence.objects.filter(evaluation=evaluation, superseded_at__isnull=True)
    if replacing is not None:
        current = current.exclude(pk=replacing.pk)
    used = current.aggregate(total=Sum("size"))["total"] or 0
    if used + len(content) > settings.EVIDENCE_FORM_MAX_BYTES:
        raise EvidenceRefused(
            f"本表单的佐证材料合计不能超过 {size_text(settings.EVIDENCE_FORM_MAX_BYTES)}"
            f"（已上传 {size_text(used)}，本文件 {size_text(len(content))}）。"
        )
    found = identify(content, current_limits())
    digest = hashlib.sha256(content).hexdigest()
    same = current.filter(sha256=digest).first()
    if same is not None:
        raise EvidenceRefused(f"该文件与已上传的“{same.name}”内容完全相同，无需重复上传。")
    return name, found, digest


def _store(evaluation: Evaluation, found: EvidenceType, content: bytes) -> str:
    key = f"evidence/{evaluation.pk}/{uuid.uuid4().hex}{found.extension}"
    return evidence_storage().save(key, ContentFile(content))


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
    name, found, digest = _checked(current, name, content)
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
    key = _store(evaluation, found, content)
    try:
        with transaction.atomic():
            return Evidence.objects.create(
                evaluation=evaluation,
                anchor=anchor,
                anchor_path=anchor_path,
                name=name,
                storage_key=key,
                sha256=digest,
                size=len(content),
                media_type=found.media_type,
                type_label=found.label,
                public=public,
                uploaded_by=user,
                replaces=replaces,
            )
    except Exception:
        evidence_storage().delete(key)
        raise


@transaction.atomic
def evidence_replace(*, evidence: Evidence, user: Account, name: str, content: bytes) -> Evidence:
    """A new version of ``evidence``; the old file and row are kept (superseded)."""
    current = _editable(user, evidence.evaluation)
    old = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if old.superseded_at is not None:
        raise EvidenceRefused("该佐证材料已被替换，请刷新页面后重试。")
    name, found, digest = _checked(current, name, content, replacing=old)
    old.superseded_at = timezone.now()
    old.save(update_fields=["superseded_at"])
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
    row = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if row.sealed or row.superseded_at is not None:
        raise EvidenceRefused("该佐证材料已随表单提交过（或已有新版本），不能删除。")
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
