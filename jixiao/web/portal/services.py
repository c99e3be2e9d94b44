"""Writing the portal's files to storage (Django's storage API: a folder, or S3-compatible
object storage when configured, shared by every node).

- Each published version of a form is rendered to PDF once (``portal/pdf/<id>-v<version>.pdf``).
- Each year's open data (indicators as CSV, forms as JSON Lines) is written in full to a new
  file, then the :class:`OpenDataFile` row is switched to it and the old file removed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import tempfile
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from jixiao.core.serialization import FormReadError, form_from_data
from jixiao.web.portal import selectors
from jixiao.web.portal.models import OpenDataFile

log = logging.getLogger("jixiao.portal")


def publication_prepared(*, evaluation_id: int, year: int) -> None:
    """Queue the files of a new publication, once the publishing transaction has committed."""
    from jixiao.web.portal.tasks import publication_files_build

    transaction.on_commit(
        lambda: publication_files_build.enqueue(evaluation_id=evaluation_id, year=year)
    )


def pdf_path(evaluation_id: int, version: int) -> str:
    return f"portal/pdf/{evaluation_id}-v{version}.pdf"


def portal_pdf(*, evaluation_id: int) -> str:
    """The storage path of the published form's PDF, rendered now if this version has none."""
    from jixiao.formats.registry import get_exporter

    evaluation = selectors.published_form(evaluation_id)
    path = pdf_path(evaluation.pk, evaluation.version)
    if not default_storage.exists(path):
        content = get_exporter("pdf").write(form_from_data(evaluation.data), evaluation.rules)
        stored = default_storage.save(path, io.BytesIO(content))
        if stored != path:  # another worker rendered it meanwhile: keep one copy
            default_storage.delete(stored)
    return path


def _fingerprint(year: int) -> tuple[str, int]:
    pairs = list(
        selectors.published_forms().filter(year=year).order_by("pk").values_list("pk", "version")
    )
    return hashlib.sha256(json.dumps(pairs).encode()).hexdigest(), len(pairs)


def _write_jsonl(year: int, out: IO[bytes]) -> None:
    for data in selectors.published_data_of_year(year):
        out.write((json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode())


def _write_csv(year: int, out: IO[bytes]) -> None:
    from jixiao.formats.exporters.cells import safe_rows
    from jixiao.formats.exporters.csv_file import COLUMNS, indicator_rows

    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    # 分值 and 得分 under the rule set, at the version, that judged each form.
    for data, rules in selectors.published_rules_of_year(year):
        try:
            writer.writerows(safe_rows(indicator_rows(form_from_data(data), rules)))
        except FormReadError:
            log.warning("open data %s: a published form could not be read; left out", year)
    text.flush()
    text.detach()


WRITERS = {OpenDataFile.Kind.CSV: _write_csv, OpenDataFile.Kind.JSONL: _write_jsonl}


def open_data_write(*, year: int) -> dict[str, OpenDataFile]:
    """Rewrite the year's open-data files unless they already hold its current publications."""
    fingerprint, count = _fingerprint(year)
    written: dict[str, OpenDataFile] = {}
    for kind, write in WRITERS.items():
        current = OpenDataFile.objects.filter(year=year, kind=kind).first()
        if current and current.fingerprint == fingerprint and default_storage.exists(current.path):
            written[kind] = current
            continue
        # Written to a local temporary file first: the year can be tens of megabytes, and
        # storage receives it whole or not at all.
        with tempfile.TemporaryFile() as scratch:
            write(year, scratch)
            size = scratch.tell()
            scratch.seek(0)
            path = default_storage.save(
                f"open-data/{year}/{kind}-{fingerprint[:16]}.{kind}", File(scratch)
            )
        old = current.path if current else None
        row, _ = OpenDataFile.objects.update_or_create(
            year=year,
            kind=kind,
            defaults={"path": path, "size": size, "forms": count, "fingerprint": fingerprint},
        )
        if old and old != path:
            default_storage.delete(old)
        written[kind] = row
    return written
