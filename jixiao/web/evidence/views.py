"""Thin views for evidence: fetch the form through the one access check, call one service.

Uploads come from the page's script (drag and drop, with progress) and answer JSON with a
Chinese ``message``; they also work as a plain form post (redirect back with a message).
Downloads and previews are served only to people who may see the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.access import Act, Kind
from jixiao.core.workflow import Action
from jixiao.formats.evidence_files import EvidenceRefused, check_size
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, evaluation_for
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence import services
from jixiao.web.evidence.models import Evidence, MonitoringEvidence, StoredFile
from jixiao.web.evidence.storage import evidence_storage
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.organisations.access import object_for

S = TypeVar("S", bound=StoredFile)


def _item_of(model: type[S], evidence_pk: int, **anchor: object) -> S:
    """The file ``evidence_pk`` attached to ``anchor`` (``evaluation=`` or ``record=``, fetched
    through the access check): 404 for a file of another form or record."""
    try:
        return model._default_manager.select_related(*anchor).get(pk=evidence_pk, **anchor)
    except model.DoesNotExist:
        raise Http404("没有找到该佐证材料") from None


def _evidence_of(evaluation: Evaluation, evidence_pk: int) -> Evidence:
    return _item_of(Evidence, evidence_pk, evaluation=evaluation)


def _answer_to(
    request: AuthenticatedHttpRequest, back: str, message: str, ok: bool
) -> HttpResponse:
    """JSON with a Chinese ``message`` for the page's script; otherwise the message and a
    redirect to ``back`` (or the form's ``next``)."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"ok": ok, "message": message}, status=200 if ok else 400)
    (messages.success if ok else messages.error)(request, message)
    return redirect(request.POST.get("next") or back)


def _answer(
    request: AuthenticatedHttpRequest, evaluation: Evaluation, message: str, ok: bool
) -> HttpResponse:
    return _answer_to(request, f"/evaluations/{evaluation.pk}/", message, ok)


def _removal(
    request: AuthenticatedHttpRequest, item: S, remove: Callable[..., None], back: str
) -> HttpResponse:
    """Remove ``item`` through its service: the same answers for a form's file and a month's."""
    try:
        remove(evidence=item, user=request.user)
    except EvidenceRefused as exc:
        return _answer_to(request, back, f"未删除：{exc.message}", ok=False)
    return _answer_to(request, back, f"已删除佐证材料“{item.name}”。", ok=True)


def _upload_of(request: AuthenticatedHttpRequest) -> tuple[str, bytes]:
    upload = request.FILES.get("file")
    if upload is None:
        raise EvidenceRefused("请选择要上传的文件。")
    # The name as the browser had it (Django's own sanitising would hide a path in it).
    name = request.POST.get("name") or upload.name or ""
    # A file over the limit is refused from its size, before it is read into memory.
    check_size(upload.size or 0, settings.EVIDENCE_MAX_BYTES)
    return name, upload.read()


@login_required
@require_POST
def evidence_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk, Action.EDIT)
    try:
        name, content = _upload_of(request)
        item = services.evidence_upload(
            evaluation=evaluation,
            user=request.user,
            name=name,
            content=content,
            anchor_path=request.POST.get("path", ""),
            public=request.POST.get("public") == "1",
        )
    except EvidenceRefused as exc:
        return _answer(request, evaluation, f"未上传：{exc.message}", ok=False)
    return _answer(request, evaluation, f"已上传佐证材料“{item.name}”。", ok=True)


@login_required
@require_POST
def evidence_replace(request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk, Action.EDIT)
    old = _evidence_of(evaluation, evidence_pk)
    try:
        name, content = _upload_of(request)
        item = services.evidence_replace(
            evidence=old, user=request.user, name=name, content=content
        )
    except EvidenceRefused as exc:
        return _answer(request, evaluation, f"未替换：{exc.message}", ok=False)
    return _answer(
        request, evaluation, f"已用“{item.name}”替换“{old.name}”（旧版本已保留）。", ok=True
    )


@login_required
@require_POST
def evidence_remove(request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk, Action.EDIT)
    item = _evidence_of(evaluation, evidence_pk)
    return _removal(request, item, services.evidence_remove, f"/evaluations/{evaluation.pk}/")


@login_required
@require_POST
def evidence_public(request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk, Action.EDIT)
    item = _evidence_of(evaluation, evidence_pk)
    public = request.POST.get("public") == "1"
    try:
        services.evidence_set_public(evidence=item, user=request.user, public=public)
    except EvidenceRefused as exc:
        return _answer(request, evaluation, exc.message, ok=False)
    said = "公开表单时一并公开" if public else "不公开"
    return _answer(request, evaluation, f"“{item.name}”：{said}。", ok=True)


def file_response(item: Evidence | MonitoringEvidence, inline: bool) -> FileResponse:
    response = FileResponse(
        evidence_storage().open(item.storage_key, "rb"), content_type=item.media_type
    )
    if inline and item.previewable:
        # Shown in the page's viewer: a PDF in the browser's own viewer, an image as itself.
        response["Content-Disposition"] = "inline"
    else:
        response["Content-Disposition"] = attachment_header(item.name)
        # Opened directly anyway, an uploaded file can run nothing under this origin.
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@login_required
@require_GET
@xframe_options_sameorigin
def evidence_download(
    request: AuthenticatedHttpRequest, pk: int, evidence_pk: int
) -> HttpResponseBase:
    evaluation = evaluation_for(request.user, pk)
    item = _evidence_of(evaluation, evidence_pk)
    if not evidence_storage().exists(item.storage_key):
        raise PermissionDenied("文件已不在存储中，请联系管理员")
    return file_response(item, inline=request.GET.get("inline") == "1")


# Evidence of a 运行监控 month: the record through the one access check (VIEW to download, EDIT
# to upload or replace), the same answers as a form's (JSON for the page's script).


def _monitoring_back(record: MonitoringRecord) -> str:
    return f"/monitoring/{record.pk}/#evidence"


def _monitoring_answer(
    request: AuthenticatedHttpRequest, record: MonitoringRecord, message: str, ok: bool
) -> HttpResponse:
    return _answer_to(request, _monitoring_back(record), message, ok)


def _monitoring_item(
    request: AuthenticatedHttpRequest, pk: int, evidence_pk: int, act: Act = Act.VIEW
) -> MonitoringEvidence:
    """The file of record ``pk``, the record through the one access check for ``act``."""
    record = object_for(MonitoringRecord, request.user, pk, Kind.MONITORING, act)
    return _item_of(MonitoringEvidence, evidence_pk, record=record)


@login_required
@require_POST
def monitoring_evidence_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = object_for(MonitoringRecord, request.user, pk, Kind.MONITORING, Act.EDIT)
    # The page's script posts the row as "path": here the row is a month.
    month = request.POST.get("month") or request.POST.get("path") or ""
    try:
        if not month.isdigit():
            raise EvidenceRefused("请选择佐证材料所属的月份。")
        name, content = _upload_of(request)
        item = services.monitoring_evidence_upload(
            record=record, user=request.user, month=int(month), name=name, content=content
        )
    except EvidenceRefused as exc:
        return _monitoring_answer(request, record, f"未上传：{exc.message}", ok=False)
    return _monitoring_answer(
        request, record, f"已上传{item.month}月的佐证材料“{item.name}”。", ok=True
    )


@login_required
@require_POST
def monitoring_evidence_replace(
    request: AuthenticatedHttpRequest, pk: int, evidence_pk: int
) -> HttpResponse:
    old = _monitoring_item(request, pk, evidence_pk, Act.EDIT)
    record = old.record
    try:
        name, content = _upload_of(request)
        item = services.monitoring_evidence_replace(
            evidence=old, user=request.user, name=name, content=content
        )
    except EvidenceRefused as exc:
        return _monitoring_answer(request, record, f"未替换：{exc.message}", ok=False)
    return _monitoring_answer(
        request, record, f"已用“{item.name}”替换“{old.name}”（旧版本已保留）。", ok=True
    )


@login_required
@require_POST
def monitoring_evidence_remove(
    request: AuthenticatedHttpRequest, pk: int, evidence_pk: int
) -> HttpResponse:
    item = _monitoring_item(request, pk, evidence_pk, Act.EDIT)
    back = _monitoring_back(item.record)
    return _removal(request, item, services.monitoring_evidence_remove, back)


@login_required
@require_GET
@xframe_options_sameorigin
def monitoring_evidence_download(
    request: AuthenticatedHttpRequest, pk: int, evidence_pk: int
) -> HttpResponseBase:
    item = _monitoring_item(request, pk, evidence_pk)
    if not evidence_storage().exists(item.storage_key):
        raise PermissionDenied("文件已不在存储中，请联系管理员")
    return file_response(item, inline=request.GET.get("inline") == "1")
