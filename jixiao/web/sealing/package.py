"""The evidence package of a stored form (see :mod:`jixiao.formats.package`)."""

from __future__ import annotations

from typing import Any

from jixiao.formats.package import PDF_NAME, write_package
from jixiao.web.evaluations.exports import export_bytes
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.models import StoredFile
from jixiao.web.evidence.selectors import current_evidence, monitoring_evidence_of, row_label
from jixiao.web.evidence.storage import read_stored
from jixiao.web.sealing.documents import form_pdf, published_pdf
from jixiao.web.sealing.models import ChainEvent


def package_filename(evaluation: Evaluation) -> str:
    return f"{evaluation.year}年度{evaluation.title}-证据包.zip"


def _packed(
    files: dict[str, bytes], name: str, item: StoredFile, **place: object
) -> dict[str, Any]:
    """Put ``item``'s stored file into ``files`` as ``name``; its manifest entry: the file, the
    hash recorded at upload and where it belongs (``place``: a form's row or a month)."""
    files[name] = read_stored(item.storage_key)
    return {"id": item.pk, "file": name, "name": item.name, "sha256": item.sha256, **place}


def package_bytes(evaluation: Evaluation, *, sign: bool = True) -> bytes:
    """The ZIP: the PDF (the sealed one of a published form; otherwise made now and signed when
    a certificate is configured and ``sign``), XLSX, JSON, the current evidence files, those of
    the 运行监控 months behind the form (``monitoring/``), the last sealed snapshot and the
    manifest."""
    last = ChainEvent.objects.filter(evaluation=evaluation).order_by("-seq").first()
    snapshot_hash = None if last is None else last.hash
    pdf = published_pdf(evaluation)
    if pdf is None:
        pdf = form_pdf(evaluation, snapshot_hash=snapshot_hash, sign=sign)
    files = {
        PDF_NAME: pdf,
        "form.xlsx": export_bytes(evaluation, "xlsx")[0],
        "form.json": export_bytes(evaluation, "json")[0],
    }
    evidence = [
        _packed(
            files,
            f"evidence/{item.pk}-{item.name}",
            item,
            row=row_label(evaluation, item.anchor_path),
            path=item.anchor_path,
        )
        for item in current_evidence(evaluation)
    ]
    monitoring = [
        _packed(
            files,
            f"monitoring/{item.month:02d}月-{item.pk}-{item.name}",
            item,
            record=str(item.record),
            record_id=item.record_id,
            month=item.month,
        )
        for item in monitoring_evidence_of(evaluation)
    ]
    return write_package(
        files,
        snapshot_text=None if last is None else last.snapshot,
        snapshot_hash=snapshot_hash,
        form={
            "id": evaluation.pk,
            "title": evaluation.title,
            "year": evaluation.year,
            "organisation": evaluation.organisation.name,
            "status": evaluation.status,
            "version": evaluation.version,
        },
        evidence=evidence,
        monitoring_evidence=monitoring,
    )
