"""The sealed PDF of a published form: made at publication, signed when a certificate is
configured (``JIXIAO_SIGNING_PKCS12``), kept in storage with its hash beside the publish event.

It is made inside the publishing transaction, not by the worker afterwards: a publication and
its signed record then exist together or not at all (a failed signature refuses the publication
with the reason, rather than leaving a published form without its seal)."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile

from jixiao.core.serialization import form_from_data
from jixiao.formats.registry import get_exporter
from jixiao.formats.signing import SigningKey, sign_pdf, signing_key
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.storage import evidence_storage, read_stored
from jixiao.web.sealing.models import ChainEvent, SealedDocument


def configured_key() -> SigningKey | None:
    return signing_key(
        settings.SIGNING_PKCS12, settings.SIGNING_PASSWORD, settings.SIGNING_PASSWORD_FILE
    )


def form_pdf(evaluation: Evaluation, *, snapshot_hash: str | None, sign: bool) -> bytes:
    """The form's PDF; signed with the configured certificate when ``sign`` and one is set."""
    pdf = get_exporter("pdf").write(form_from_data(evaluation.data))
    key = configured_key() if sign else None
    if key is None:
        return pdf
    return sign_pdf(
        pdf, key=key, snapshot_hash=snapshot_hash, location=evaluation.organisation.name
    )


def seal_published_pdf(*, event: ChainEvent) -> SealedDocument | None:
    """Keep the signed PDF of the form as published. Without a configured certificate there is
    nothing to seal: exports then make the PDF on request as before."""
    if configured_key() is None:
        return None
    content = form_pdf(event.evaluation, snapshot_hash=event.hash, sign=True)
    key = evidence_storage().save(
        f"sealed/{event.evaluation_id}/{uuid.uuid4().hex}.pdf", ContentFile(content)
    )
    return SealedDocument.objects.create(
        event=event,
        storage_key=key,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        signed=True,
    )


def published_pdf(evaluation: Evaluation) -> bytes | None:
    """The sealed PDF of the form's latest publication, if one was kept."""
    document = (
        SealedDocument.objects.filter(event__evaluation=evaluation).order_by("-event__seq").first()
    )
    return None if document is None else read_stored(document.storage_key)
