"""Monitoring pages: the records, the monthly form, import with a per-row report, export of
the 绩效运行监控表, and the early-warnings board. Thin views over services and selectors."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.access import Act, Kind
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.formats.exporters.html import print_css
from jixiao.formats.monitoring_io import (
    monitoring_html_table,
    template_csv,
    write_monitoring_pdf,
    write_monitoring_xlsx,
)
from jixiao.web.documents.services import VersionConflict
from jixiao.web.evaluations.access import AuthenticatedHttpRequest
from jixiao.web.monitoring.editing import (
    LIKELIHOODS,
    MONTHS,
    REASONS,
    ROW_FIELDS,
    add_row,
    label_of,
    raw_of,
    read_post,
    remove_row,
    row_count,
)
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringUpload
from jixiao.web.monitoring.selectors import (
    form_of,
    live_of,
    records_in,
    records_visible_to,
    rules_of_record,
    warnings_board,
)
from jixiao.web.monitoring.services import (
    MonitoringError,
    monitoring_create,
    monitoring_import_confirm,
    monitoring_save,
    monitoring_upload,
)
from jixiao.web.organisations.access import (
    object_for,
    organisation_for,
    organisations_visible_to,
    permits,
)

KIND = Kind.MONITORING


def _year(request: AuthenticatedHttpRequest) -> int:
    try:
        return int(request.GET.get("year") or request.POST.get("year") or date.today().year)
    except ValueError:
        return date.today().year


def _shown_year(request: AuthenticatedHttpRequest) -> int:
    """The year asked for, else the latest year the person has monitoring data of (a page
    opened from the menu shows something), else this year."""
    if request.GET.get("year"):
        return _year(request)
    latest = records_visible_to(request.user).order_by("-year").values_list("year", flat=True)
    return latest.first() or date.today().year


def _writable(request: AuthenticatedHttpRequest) -> list:
    return [
        o
        for o in organisations_visible_to(request.user, KIND)
        if permits(request.user, o, KIND, Act.EDIT)
    ]


@login_required
@require_GET
def monitoring_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _shown_year(request)
    records = list(records_visible_to(request.user).filter(year=year))
    board = warnings_board(records, scope=None, year=year)
    lights = {row.record.pk: row for row in board.rows}
    return render(
        request,
        "monitoring/list.html",
        {
            "year": year,
            "rows": [(r, lights[r.pk]) for r in records],
            "writable": _writable(request),
        },
    )


@login_required
@require_POST
def monitoring_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = organisation_for(
        request.user, request.POST.get("organisation"), KIND, Act.CREATE
    )
    try:
        kind = ExecutionKind(request.POST.get("kind", ""))
    except ValueError:
        raise Http404("未知类别") from None
    try:
        record = monitoring_create(
            organisation=organisation,
            year=_year(request),
            kind=kind,
            name=request.POST.get("name", ""),
            user=request.user,
        )
    except MonitoringError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:list")
    return redirect("monitoring:edit", record.pk)


def _page_context(request, record, raw, errors, version, problem="") -> dict:
    rules = rules_of_record(record)
    typed = read_post(raw, form_of(record))
    form = typed.form or form_of(record)
    rows = [
        {
            "i": i,
            "v": {name: raw.get(f"ind-{i}-{name}", "") for name in ROW_FIELDS},
            "e": {name: errors.get(f"ind-{i}-{name}", "") for name in ROW_FIELDS},
        }
        for i in range(row_count(raw))
    ]
    return {
        "record": record,
        "raw": raw,
        "errors": errors,
        "error_list": [(label_of(name), message) for name, message in errors.items()],
        "version": version,
        "problem": problem,
        "months": MONTHS,
        "spend_cells": [(m, raw.get(f"spend-{m}", ""), errors.get(f"spend-{m}")) for m in MONTHS],
        "plan_cells": [(m, raw.get(f"plan-{m}", ""), errors.get(f"plan-{m}")) for m in MONTHS],
        "rows": rows,
        "print_css": print_css(),
        "reasons": REASONS,
        "likelihoods": LIKELIHOODS,
        "editable": permits(request.user, record.organisation, KIND, Act.EDIT),
        "sheet": monitoring_html_table(form_of(record)),
        "live": live_of(form, rules),
        "live_errors": typed.errors,
    }


def _render_edit(request, record, raw, errors, version, problem="", status=200):
    context = _page_context(request, record, raw, errors, version, problem)
    return render(request, "monitoring/edit.html", context, status=status)


@login_required
def monitoring_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = object_for(MonitoringRecord, request.user, pk, KIND)
    if request.method != "POST":
        return _render_edit(request, record, raw_of(form_of(record)), {}, record.version)
    record = object_for(MonitoringRecord, request.user, pk, KIND, Act.EDIT)
    typed = read_post(request.POST, form_of(record))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1  # never a stored version: the save is refused as a conflict
    op = request.POST.get("op", "")
    if op:
        # Adding or removing a row saves nothing: the page comes back as typed.
        raw = typed.raw
        if op == "add":
            raw = add_row(raw)
        elif op.startswith("remove:") and op.removeprefix("remove:").isdigit():
            raw = remove_row(raw, int(op.removeprefix("remove:")))
        return _render_edit(request, record, raw, {}, version)
    if typed.form is None:
        return _render_edit(
            request, record, typed.raw, typed.errors, version, "有填写错误，请按提示修改。", 400
        )
    try:
        monitoring_save(record=record, form=typed.form, expected_version=version, user=request.user)
    except (VersionConflict, MonitoringError) as exc:
        return _render_edit(request, record, typed.raw, {}, version, exc.message, 409)
    messages.success(request, "监控数据已保存。")
    return redirect("monitoring:edit", pk)


@login_required
@require_POST
def monitoring_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The live 双监控 panel (htmx): the figures as typed in, the core's execution rate, time
    elapsed, year-end projection, traffic light and warnings out. Nothing is saved."""
    record = object_for(MonitoringRecord, request.user, pk, KIND)
    typed = read_post(request.POST, form_of(record))
    form = typed.form or form_of(record)
    context = {
        "live": live_of(form, rules_of_record(record)),
        "live_errors": typed.errors,
        "error_list": [(label_of(name), message) for name, message in typed.errors.items()],
    }
    return render(request, "monitoring/_live.html", context)


_EXPORTS = {
    "xlsx": (
        write_monitoring_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pdf": (write_monitoring_pdf, "application/pdf"),
}


@login_required
@require_GET
def monitoring_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    record = object_for(MonitoringRecord, request.user, pk, KIND)
    if fmt not in _EXPORTS:
        raise Http404("不支持的格式")
    write, media_type = _EXPORTS[fmt]
    response = HttpResponse(write(form_of(record)), content_type=media_type)
    filename = f"{record.year}年度绩效运行监控表-{record.name}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


@login_required
@require_GET
def monitoring_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + _quote(
        "监控数据导入模板.csv"
    )
    return response


@login_required
def monitoring_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"writable": _writable(request), "year": _year(request)}
    if request.method != "POST":
        return render(request, "monitoring/import.html", context)
    organisation = organisation_for(request.user, request.POST.get("organisation"), KIND, Act.EDIT)
    upload = request.FILES.get("file")
    if upload is None:
        context["problem"] = "请选择要导入的 CSV 或 Excel 文件。"
        return render(request, "monitoring/import.html", context, status=400)
    try:
        kept, result, outcome = monitoring_upload(
            organisation=organisation,
            year=_year(request),
            filename=upload.name or "upload",
            content=upload.read(),
            user=request.user,
        )
    except MonitoringError as exc:
        context["problem"] = exc.message
        return render(request, "monitoring/import.html", context, status=400)
    context.update(upload=kept, result=result, outcome=outcome, organisation=organisation)
    return render(request, "monitoring/import.html", context)


@login_required
@require_POST
def monitoring_import_apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    upload = object_for(MonitoringUpload, request.user, pk, KIND, Act.EDIT)
    try:
        changed = monitoring_import_confirm(upload=upload, user=request.user)
    except MonitoringError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:import")
    names = "、".join(r.name for r in changed) or "无"
    messages.success(request, f"已导入{upload.filename}，更新了：{names}。")
    return redirect(f"/monitoring/?year={upload.year}")


@login_required
@require_GET
def warnings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Traffic lights per unit and project: one department's subtree (``org``) or all the
    person sees (the bureau's view)."""
    year = _shown_year(request)
    scope = None
    if request.GET.get("org"):
        scope = organisation_for(request.user, request.GET["org"], KIND)
    board = warnings_board(records_in(request.user, scope, year), scope=scope, year=year)
    return render(
        request,
        "monitoring/warnings.html",
        {"board": board, "year": year, "scopes": organisations_visible_to(request.user, KIND)},
    )
