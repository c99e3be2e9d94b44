"""Importing a file in the browser: upload, read the importer's report, then confirm.

Nothing is stored until the person confirms: the read forms wait server-side (an
:class:`ImportPreview`, for a limited time and size, for their owner only). The file is not
trusted: when the department, unit or year it names differs from where it would be saved, or
when it would replace an existing draft, the person sees the differences and confirms again.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.core.diff import diff_forms, field_label
from jixiao.core.formtypes import form_type_of
from jixiao.core.serialization import Form, FormReadError, form_from_data, form_to_data
from jixiao.core.validation import SEVERITY_LABELS
from jixiao.core.workflow import WorkflowError
from jixiao.formats.exporters.html import print_css, render_html_table
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.limits import ImportLimits, size_text
from jixiao.formats.registry import importers
from jixiao.web.evaluations import bulk_import, selectors, services
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, roles_at
from jixiao.web.evaluations.import_checks import mismatches
from jixiao.web.evaluations.models import ImportPreview
from jixiao.web.limits import web_import_limits
from jixiao.web.organisations.years import refuse_closed_year

#: A person keeps at most this many previews; older ones are dropped.
_KEEP = 5


def _allowed(request: HttpRequest) -> Any:
    organisations = selectors.organisations_for_new_forms(request.user)
    if not organisations.exists():
        raise PermissionDenied("只有单位填报人或单位负责人可以导入表单")
    return organisations


def _limits() -> ImportLimits:
    return web_import_limits()


def _upload_page(request: HttpRequest, problem: str = "", bulk_problem: str = "") -> HttpResponse:
    limits = _limits()
    context = {
        "problem": problem,
        "bulk_problem": bulk_problem,
        "organisations": _allowed(request),
        "max_files": bulk_import.MAX_FILES,
        "max_zip": size_text(limits.max_bytes * 10),
        "max_size": size_text(limits.max_bytes),
        "max_pages": limits.max_pdf_pages,
        # Every registered importer's file types: a new format shows up here by registering.
        "accept": ",".join(sorted({suffix for imp in importers() for suffix in imp.suffixes})),
        "formats": [imp.label for imp in importers()],
    }
    status = 400 if problem or bulk_problem else 200
    return render(request, "evaluations/import.html", context, status=status)


@login_required
@require_POST
def import_bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """批量导入: store the files and start the job that reads them; its page shows progress."""
    organisations = _allowed(request)
    chosen = request.POST.get("organisation", "")
    organisation = None
    if chosen:
        organisation = organisations.filter(pk=int(chosen) if chosen.isdigit() else -1).first()
        if organisation is None:
            return _upload_page(request, bulk_problem="选择的单位无效，请重新选择")
    try:
        job = bulk_import.bulk_import_start(
            user=request.user, uploads=request.FILES.getlist("files"), organisation=organisation
        )
    except ValueError as exc:
        return _upload_page(request, bulk_problem=str(exc))
    return redirect(job.get_absolute_url())


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
    forms = [form_to_data(result.form) for result in results]
    try:
        token = _keep_preview(request, upload.name or "upload", forms)
    except ValueError as exc:
        return _upload_page(request, str(exc))
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


def _keep_preview(request: AuthenticatedHttpRequest, filename: str, forms: list[Any]) -> str:
    """Store the read forms for ``request.user``; returns the token naming them. Expired
    previews go, and the person's oldest beyond the few kept."""
    size = len(json.dumps(forms, ensure_ascii=False).encode("utf-8"))
    if size > settings.IMPORT_PREVIEW_MAX_BYTES:
        raise ValueError(
            f"读取到的内容过大（{size_text(size)}），超过预览上限 "
            f"{size_text(settings.IMPORT_PREVIEW_MAX_BYTES)}；请分成几个文件导入"
        )
    ImportPreview.objects.filter(created_at__lt=_oldest_kept()).delete()
    stale = ImportPreview.objects.filter(user=request.user).values_list("pk", flat=True)[
        _KEEP - 1 :
    ]
    ImportPreview.objects.filter(pk__in=list(stale)).delete()
    token = secrets.token_urlsafe(24)
    ImportPreview.objects.create(
        token=token, user=request.user, filename=filename[:255], forms=forms, size=size
    )
    return token


def _oldest_kept() -> Any:
    return timezone.now() - timedelta(seconds=settings.IMPORT_PREVIEW_SECONDS)


def _preview_of(request: AuthenticatedHttpRequest) -> ImportPreview | None:
    return ImportPreview.objects.filter(
        token=request.POST.get("token", ""),
        user=request.user,
        created_at__gte=_oldest_kept(),
    ).first()


def _index(text: str, count: int) -> int | None:
    """The form's position in the file, or None for anything but 0 … count-1."""
    if not text.isdigit():
        return None
    index = int(text)
    return index if index < count else None


def _with_year(form: Form, text: str) -> Form | None:
    """``form`` with the year a person typed, or None when it is not a year."""
    try:
        data = form_to_data(form)
        data["year"] = int(text.strip())
        return form_from_data(data)
    except (ValueError, FormReadError):
        return None


@login_required
@require_POST
def import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = _allowed(request)
    preview = _preview_of(request)
    index = _index(request.POST.get("index", ""), len(preview.forms) if preview else 0)
    try:
        organisation = organisations.get(pk=int(request.POST.get("organisation", "")))
    except (ValueError, organisations.model.DoesNotExist):
        organisation = None
    if preview is None or index is None or organisation is None:
        messages.error(request, "导入内容已失效或选择的单位无效，请重新上传文件。")
        return redirect("evaluations:import")
    try:
        form = form_from_data(preview.forms[index])
    except FormReadError as exc:
        messages.error(request, f"导入失败：{exc.message}")
        return redirect("evaluations:import")
    if form.year is None:
        # The document prints no year: the preview page asked for it.
        dated = _with_year(form, request.POST.get("year", ""))
        if dated is None:
            messages.error(
                request, "导入失败：文件中没有印出被评价年度，请填写年度（如 2023）后再导入。"
            )
            return redirect("evaluations:import")
        form = dated
    try:
        # Said before the check page: no point confirming what would be refused.
        refuse_closed_year(services.year_of(form), roles_at(request.user, organisation))
    except WorkflowError as exc:
        messages.error(request, f"导入失败：{exc.message}")
        return redirect("evaluations:import")
    existing = services.import_target(organisation=organisation, form=form)
    warnings = mismatches(form, organisation)
    confirmed = request.POST.get("confirmed") == "1"
    if (warnings or existing is not None) and not confirmed:
        changes = diff_forms(existing.data, form_to_data(form)) if existing else []
        return render(
            request,
            "evaluations/import_check.html",
            {
                "preview": preview,
                "index": index,
                "organisation": organisation,
                "form": form,
                "warnings": warnings,
                "existing": existing,
                "changes": changes,
            },
        )
    try:
        evaluation = services.evaluation_import(
            organisation=organisation,
            form=form,
            user=request.user,
            source=preview.filename,
            replace=existing is not None and confirmed,
        )
    except (WorkflowError, FormReadError) as exc:
        messages.error(request, f"导入失败：{exc.message}")
        return redirect("evaluations:import")
    if len(preview.forms) == 1:
        preview.delete()
    messages.success(request, f"已导入“{preview.filename}”。")
    return redirect("evaluations:detail", pk=evaluation.pk)
