"""Stored files are written whole or not at all, and a full disk is a Chinese page, not a 500.

Django's :class:`~django.core.files.storage.FileSystemStorage` writes a file in place: when the
disk fills up half-way, the half-written file stays under its name. Here each file is first
written beside its destination under a hidden ``.partial-`` name, flushed to disk, and only then
renamed into place (atomic on one filesystem); when writing fails the partial file is removed.
A partial file is left only by a process killed while writing (``kill -9``); its name says so.

:class:`StorageFullPage` turns a full disk (``ENOSPC``, or a quota: ``EDQUOT``) met by any
request into a Chinese page (507) saying that nothing of the upload was kept, logged with the
request id; the database writes of that request were rolled back with it. As soon as space
returns, uploads work again: nothing is cached, nothing needs a restart.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Callable
from typing import Any

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from jixiao.web.ops.requests import request_id_of

log = logging.getLogger("jixiao.web.ops")

FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
PARTIAL_PREFIX = ".partial-"


class _Written(File):  # type: ignore[type-arg]
    """A file already written to disk, which FileSystemStorage moves into place."""

    def __init__(self, path: str) -> None:
        super().__init__(None, name=os.path.basename(path))
        self.path = path

    def temporary_file_path(self) -> str:
        return self.path


class WholeFileSystemStorage(FileSystemStorage):
    """A folder storage that never leaves a half-written file under a file's name."""

    def _save(self, name: str, content: Any) -> str:
        validate_file_name(name, allow_relative_path=True)
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=PARTIAL_PREFIX, dir=directory)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            # Same folder, so the move is a rename: the file appears whole under its name.
            return str(super()._save(name, _Written(partial)))  # type: ignore[misc]
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)


def is_storage_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in FULL


class StorageFullPage:
    """A full disk met while answering a request: a Chinese 507 page, logged with its id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_storage_full(exception):
            return None
        log.error("storage full on %s %s: %s", request.method, request.path, exception)
        page = render_to_string("507.html", {"request_id": request_id_of(request)}, request=request)
        return HttpResponse(page, status=507)
