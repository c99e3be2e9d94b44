"""Downloads of sealed material: the evidence package and the signed PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from jixiao.formats.signing import SigningUnavailable
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, evaluation_for
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.sealing.documents import form_pdf, published_pdf
from jixiao.web.sealing.models import ChainEvent
from jixiao.web.sealing.package import package_bytes, package_filename


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
