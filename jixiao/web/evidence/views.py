"""Thin views for evidence: fetch the form through the one access check, call one service.

Uploads come from the page's script (drag and drop, with progress) and answer JSON with a
Chinese ``message``; they also work as a plain form post (redirect back with a message).
Downloads and previews are served only to people who may see the form.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.workflow import Action
from jixiao.formats.evidence_files import EvidenceRefused, check_size
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, evaluation_for
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence import services
from jixiao.web.evidence.models import Evidence
from jixiao.web.evidence.storage import evidence_storage


def _evidence_of(evaluation: Evaluation, evidence_pk: int) -> Evidence:
    try:
        return Evidence.objects.select_related("evaluation").get(
            pk=evidence_pk, evaluation=evaluation
        )
    except Evidence.DoesNotExist:
        raise Http404("没有找到该佐证材料") from None


def _answer(
    request: AuthenticatedHttpRequest, evaluation: Evaluation, message: str, ok: bool
) -> HttpResponse:
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if wants_json:
        return JsonResponse({"ok": ok, "message": message}, status=200 if ok else 400)
    (messages.success if ok else messages.error)(request, message)
    return redirect(request.POST.get("next") or f"/evaluations/{evaluation.pk}/")


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
    try:
        services.evidence_remove(evidence=item, user=request.user)
    except EvidenceRefused as exc:
        return _answer(request, evaluation, f"未删除：{exc.message}", ok=False)
    return _answer(request, evaluation, f"已删除佐证材料“{item.name}”。", ok=True)


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


def file_response(item: Evidence, inline: bool) -> FileResponse:
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
