"""The import limits of web requests: the settings' (``JIXIAO_IMPORT_*``) over the format
layer's defaults. Every upload path (forms, monitoring figures) reads files within these."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings

from jixiao.formats.limits import DEFAULT_LIMITS, ImportLimits


def web_import_limits() -> ImportLimits:
    return replace(
        DEFAULT_LIMITS,
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_pdf_pages=settings.IMPORT_MAX_PAGES,
    )
