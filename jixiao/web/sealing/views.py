"""Downloads of sealed material: the evidence package and the signed PDF."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.formats.signing import SigningUnavailable
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, evaluation_for
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.views import file_response
from jixiao.web.sealing.documents import form_pdf, published_pdf
from jixiao.web.sealing.models import ChainEvent, DailyAnchor
from jixiao.web.sealing.package import package_bytes, package_filename
from jixiao.web.sealing.selectors import public_evidence
from jixiao.web.sealing.services import anchor_create


@login_required
@require_GET
def evaluation_package(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    try:
        content = package_bytes(evaluation)
    except SigningUnavailable as exc:
        messages.error(request, f"证据包未生成：{exc.message}")
        return redirect("evaluations:detail", pk=evaluation.pk)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = attachment_header(package_filename(evaluation))
    return response


@login_required
@require_GET
def evaluation_signed_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The sealed PDF of a published form; otherwise the PDF signed now (when configured)."""
    evaluation = evaluation_for(request.user, pk)
    content = published_pdf(evaluation)
    if content is None:
        last = ChainEvent.objects.filter(evaluation=evaluation).order_by("-seq").first()
        try:
            content = form_pdf(evaluation, snapshot_hash=last.hash if last else None, sign=True)
        except SigningUnavailable as exc:
            messages.error(request, f"签名 PDF 未生成：{exc.message}")
            return redirect("evaluations:detail", pk=evaluation.pk)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{evaluation.year}年度{evaluation.title}（签名）.pdf"
    response["Content-Disposition"] = attachment_header(filename)
    return response


def _finance_admin(user: object) -> bool:
    from jixiao.web.evaluations.access import memberships_of
    from jixiao.web.organisations.models import Membership

    if getattr(user, "is_superuser", False):
        return True
    return any(
        m.role == Membership.Role.FINANCE_ADMIN
        for m in memberships_of(user)  # type: ignore[arg-type]
    )


@login_required
@require_http_methods(["GET", "POST"])
def anchor_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The daily anchors, to print or publish; the bureau makes today's one here (or with
    ``jixiao audit anchor`` from a daily job)."""
    if not _finance_admin(request.user):
        raise PermissionDenied("只有财政局管理员可以查看封存锚点")
    if request.method == "POST":
        anchor = anchor_create()
        messages.success(request, f"已生成 {anchor.day} 的封存锚点。")
        return redirect("sealing:anchors")
    anchors = DailyAnchor.objects.order_by("-day")
    rows = [(a, len(json.loads(a.payload).get("heads", []))) for a in anchors]
    return render(request, "sealing/anchors.html", {"rows": rows})


@require_GET
@xframe_options_sameorigin
def public_evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponseBase:
    """A file of a published form, for anyone, when it was marked public at publication."""
    evaluation = Evaluation.objects.filter(pk=pk, status=Evaluation.Status.PUBLISHED).first()
    if evaluation is None:
        raise Http404("没有找到该公开表单")
    found = [item for item in public_evidence(evaluation) if item.pk == evidence_pk]
    if not found:
        raise Http404("没有找到该公开的佐证材料")
    return file_response(found[0], inline=request.GET.get("inline") == "1")
