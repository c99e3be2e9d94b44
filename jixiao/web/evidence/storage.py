"""The storage evidence files and sealed PDFs are kept in (``settings.EVIDENCE_STORAGE``)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.storage import Storage, storages


def evidence_storage() -> Storage:
    return storages[settings.EVIDENCE_STORAGE]


def stored_sha256(key: str) -> str | None:
    """The SHA-256 of a stored file, read in chunks; None when it is not there."""
    storage = evidence_storage()
    if not storage.exists(key):
        return None
    digest = hashlib.sha256()
    with storage.open(key, "rb") as stored:
        for chunk in stored.chunks():
            digest.update(chunk)
    return digest.hexdigest()


def read_stored(key: str) -> bytes:
    with evidence_storage().open(key, "rb") as stored:
        return bytes(stored.read())
