"""The evidence package of a stored form (see :mod:`jixiao.formats.package`)."""

from __future__ import annotations

from jixiao.formats.package import PDF_NAME, write_package
from jixiao.web.evaluations.exports import export_bytes
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.selectors import current_evidence, monitoring_evidence_of, row_label
from jixiao.web.evidence.storage import read_stored
from jixiao.web.sealing.documents import form_pdf, published_pdf
from jixiao.web.sealing.models import ChainEvent


def package_filename(evaluation: Evaluation) -> str:
    return f"{evaluation.year}年度{evaluation.title}-证据包.zip"


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
    evidence = []
    for item in current_evidence(evaluation):
        name = f"evidence/{item.pk}-{item.name}"
        files[name] = read_stored(item.storage_key)
        evidence.append(
            {
                "id": item.pk,
                "file": name,
                "name": item.name,
                "row": row_label(evaluation, item.anchor_path),
                "path": item.anchor_path,
                "sha256": item.sha256,
            }
        )
    monitoring = []
    for month_item in monitoring_evidence_of(evaluation):
        name = f"monitoring/{month_item.month:02d}月-{month_item.pk}-{month_item.name}"
        files[name] = read_stored(month_item.storage_key)
        monitoring.append(
            {
                "id": month_item.pk,
                "file": name,
                "name": month_item.name,
                "record": str(month_item.record),
                "record_id": month_item.record_id,
                "month": month_item.month,
                "sha256": month_item.sha256,
            }
        )
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
