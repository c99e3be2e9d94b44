"""The public portal: no login. Every read goes through :mod:`jixiao.web.portal.selectors`,
which only ever returns published forms."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.core.serialization import form_from_data
from jixiao.formats.exporters.csv_file import COLUMNS
from jixiao.formats.registry import get_exporter
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.portal import selectors, services, tasks
from jixiao.web.portal.models import OpenDataFile

#: Seconds during which a missing open-data file is not asked for again.
BUILD_ASKED_FOR = 300
DOWNLOADS = {"pdf": "PDF", "xlsx": "Excel（XLSX）", "json": "JSON"}
SCHEMA_FILE = Path(settings.REPO_DIR) / "schemas" / "form.schema.json"


def _year(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


@require_GET
def portal_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    year = _year(request.GET.get("year", ""))
    page = Paginator(selectors.published_search(query, year), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/index.html",
        {
            "page": page,
            "query": query,
            "year": year,
            "years": selectors.published_years(),
            "downloads": DOWNLOADS,
        },
    )


@require_GET
def portal_form(request: HttpRequest, pk: int) -> HttpResponse:
    from jixiao.formats.exporters.html import print_css, render_html_table

    evaluation = selectors.published_form(pk)
    form = form_from_data(evaluation.data)
    return render(
        request,
        "portal/form.html",
        {
            "evaluation": evaluation,
            "print_table": render_html_table(form, evaluation.rules),
            "print_css": print_css(),
            "downloads": DOWNLOADS,
        },
    )


@require_GET
def portal_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    if fmt not in DOWNLOADS:
        raise Http404("不支持该格式")
    evaluation = selectors.published_form(pk)
    exporter = get_exporter(fmt)
    name = f"{evaluation.year}年度{evaluation.title}{exporter.suffix}"
    if fmt == "pdf":
        # The PDF signed at publication when a certificate is configured (jixiao.web.sealing).
        from jixiao.web.sealing.documents import published_pdf

        sealed = published_pdf(evaluation)
        if sealed is not None:
            response = HttpResponse(sealed, content_type=exporter.media_type)
            response["Content-Disposition"] = attachment_header(name)
            return response
        # Rendered once per published version (usually by the worker right after publication).
        path = services.portal_pdf(evaluation_id=evaluation.pk)
        return FileResponse(
            default_storage.open(path, "rb"),
            as_attachment=True,
            filename=name,
            content_type=exporter.media_type,
        )
    content = exporter.write(form_from_data(evaluation.data), evaluation.rules)
    response = HttpResponse(content, content_type=exporter.media_type)
    response["Content-Disposition"] = attachment_header(name)
    return response


def _open_data(
    request: HttpRequest, year: int, kind: str, filename: str, content_type: str
) -> HttpResponseBase:
    """The year's file as last written by the worker, whole, with its length."""
    found = OpenDataFile.objects.filter(year=year, kind=kind).first()
    if found is not None and default_storage.exists(found.path):
        return FileResponse(
            default_storage.open(found.path, "rb"),
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    if not selectors.published_forms().filter(year=year).exists():
        empty = "\ufeff" + ",".join(COLUMNS) + "\r\n" if kind == OpenDataFile.Kind.CSV else ""
        return FileResponse(
            io.BytesIO(empty.encode()),
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    # Published, but not written yet (the worker is behind, or the file was lost): ask for it
    # and tell the visitor to come back, rather than build tens of megabytes in a request.
    # Asked once per year while it is being built, however many visitors come meanwhile (the
    # shared cache is seen by every process).
    if caches["shared"].add(f"open-data-asked:{year}", True, BUILD_ASKED_FOR):
        tasks.open_data_build.enqueue(year=year)
    response = render(request, "portal/preparing.html", {"year": year}, status=503)
    response["Retry-After"] = "60"
    return response


@require_GET
def portal_bulk_json(request: HttpRequest, year: int) -> HttpResponseBase:
    return _open_data(
        request,
        year,
        OpenDataFile.Kind.JSONL,
        f"{year}年度公开绩效自评表.jsonl",
        "application/x-ndjson",
    )


@require_GET
def portal_bulk_csv(request: HttpRequest, year: int) -> HttpResponseBase:
    return _open_data(
        request,
        year,
        OpenDataFile.Kind.CSV,
        f"{year}年度公开绩效指标.csv",
        "text/csv; charset=utf-8",
    )


def _schema() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@require_GET
def portal_schema_page(request: HttpRequest) -> HttpResponse:
    schema = _schema()
    definitions = schema.get("$defs", {})
    assert isinstance(definitions, dict)
    parts = [("表单（顶层）", schema), *sorted(definitions.items())]
    sections = []
    for name, part in parts:
        assert isinstance(part, dict)
        fields = []
        for key, spec in part.get("properties", {}).items():
            fields.append(
                {
                    "key": key,
                    "title": spec.get("title", ""),
                    "type": _type_text(spec),
                    "required": key in part.get("required", []),
                    "description": _chinese(spec.get("description", "")),
                }
            )
        if fields:
            sections.append(
                {
                    "name": name,
                    "description": _chinese(part.get("description", "")),
                    "fields": fields,
                }
            )
    return render(request, "portal/schema.html", {"sections": sections})


_ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _chinese(text: object) -> str:
    """A description for the public page: the models' docstrings, written in English for
    developers, are left out; descriptions in Chinese are kept."""
    return text if isinstance(text, str) and not _ENGLISH.search(text) else ""


def _type_text(spec: dict[str, object]) -> str:
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in spec and isinstance(spec["anyOf"], list):
        return " | ".join(_type_text(s) for s in spec["anyOf"] if isinstance(s, dict))
    if spec.get("type") == "array" and isinstance(spec.get("items"), dict):
        return f"{_type_text(spec['items'])}[]"  # type: ignore[arg-type]
    if "const" in spec:
        return json.dumps(spec["const"], ensure_ascii=False)
    if "enum" in spec:
        return " | ".join(json.dumps(v, ensure_ascii=False) for v in spec["enum"])  # type: ignore[attr-defined]
    return str(spec.get("type", "任意"))


@require_GET
def portal_schema_json(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SCHEMA_FILE.read_bytes(), content_type="application/schema+json")
