"""Importing a file in the browser: upload, read the importer's report, then confirm.

Nothing is stored until the person confirms: the read forms wait in their session.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.core.diff import field_label
from jixiao.core.formtypes import form_type_of
from jixiao.core.serialization import FormReadError, form_from_data, form_to_data
from jixiao.core.validation import SEVERITY_LABELS
from jixiao.core.workflow import WorkflowError
from jixiao.formats.exporters.html import print_css, render_html_table
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.limits import DEFAULT_LIMITS, ImportLimits, size_text
from jixiao.formats.registry import importers
from jixiao.web.evaluations import selectors, services
from jixiao.web.evaluations.access import AuthenticatedHttpRequest

_SESSION_KEY = "jixiao_imports"


def _allowed(request: HttpRequest) -> Any:
    organisations = selectors.organisations_for_new_forms(request.user)
    if not organisations.exists():
        raise PermissionDenied("只有单位填报人或单位负责人可以导入表单")
    return organisations


def _limits() -> ImportLimits:
    return replace(
        DEFAULT_LIMITS,
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_pdf_pages=settings.IMPORT_MAX_PAGES,
    )


def _upload_page(request: HttpRequest, problem: str = "") -> HttpResponse:
    limits = _limits()
    context = {
        "problem": problem,
        "max_size": size_text(limits.max_bytes),
        "max_pages": limits.max_pdf_pages,
        # Every registered importer's file types: a new format shows up here by registering.
        "accept": ",".join(sorted({suffix for imp in importers() for suffix in imp.suffixes})),
        "formats": [imp.label for imp in importers()],
    }
    return render(request, "evaluations/import.html", context, status=400 if problem else 200)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = _allowed(request)
    if request.method == "GET":
        return _upload_page(request)
    upload = request.FILES.get("file")
    if upload is None:
        return _upload_page(request, "请选择要导入的文件")
    limits = _limits()
    if upload.size and upload.size > limits.max_bytes:
        problem = f"文件过大（{size_text(upload.size)}），最多可导入 {size_text(limits.max_bytes)}"
        return _upload_page(request, problem)
    try:
        results = import_bytes(upload.read(), upload.name or "upload", limits)
    except ImportFailure as exc:
        return _upload_page(request, exc.message)
    token = secrets.token_urlsafe(16)
    pending = request.session.get(_SESSION_KEY, {})
    pending = dict(list(pending.items())[-4:])  # keep a few recent uploads, not all
    pending[token] = {
        "filename": upload.name,
        "forms": [form_to_data(result.form) for result in results],
    }
    request.session[_SESSION_KEY] = pending
    previews = []
    for index, result in enumerate(results):
        form = result.form
        name = form_type_of(form).title(form)
        default = organisations.filter(name=form.department).first() or organisations.first()
        findings = result.report.findings
        summary = result.report.summary_lines()
        previews.append(
            {
                "index": index,
                "form": form,
                "name": name,
                "report": result.report,
                # The report's own lines, less its findings (the last ones), shown by field.
                "summary": summary[: len(summary) - len(findings)],
                "findings": [
                    {
                        "severity": f.severity,
                        "label": SEVERITY_LABELS.get(f.severity, f.severity),
                        "field": field_label(form.form_type, f.path),
                        "message": f.message,
                    }
                    for f in findings
                ],
                "print_table": render_html_table(form),
                "default_organisation": default.pk if default else None,
            }
        )
    return render(
        request,
        "evaluations/import_preview.html",
        {
            "token": token,
            "filename": upload.name,
            "previews": previews,
            "organisations": organisations,
            "print_css": print_css(),
        },
    )


@login_required
@require_POST
def import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = _allowed(request)
    pending = request.session.get(_SESSION_KEY, {})
    entry = pending.get(request.POST.get("token", ""))
    try:
        index = int(request.POST.get("index", "0"))
        organisation = organisations.get(pk=int(request.POST.get("organisation", "")))
        data = entry["forms"][index] if entry else None
    except (ValueError, IndexError, organisations.model.DoesNotExist):
        data = None
    if data is None:
        messages.error(request, "导入内容已失效或选择的单位无效，请重新上传文件。")
        return redirect("evaluations:import")
    try:
        evaluation = services.evaluation_import(
            organisation=organisation,
            form=form_from_data(data),
            user=request.user,
            source=entry["filename"],
        )
    except (WorkflowError, FormReadError) as exc:
        messages.error(request, f"导入失败：{exc.message}")
        return redirect("evaluations:import")
    pending.pop(request.POST.get("token", ""), None)
    request.session[_SESSION_KEY] = pending
    messages.success(request, f"已导入“{entry['filename']}”。")
    return redirect("evaluations:detail", pk=evaluation.pk)
