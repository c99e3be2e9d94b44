"""The writes every document shares: a save recorded in the history with who made it and why,
the row lock a write holds, and the refusal of a save made on a stale copy.

Each app's services (``evaluation_save_draft``, ``targets_submit``…) call these inside their
own transaction, after their own permission and workflow checks.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import User as Account

from jixiao.web.documents.models import VersionedDocument

D = TypeVar("D", bound=VersionedDocument)


class VersionConflict(Exception):
    """The document was saved by someone else since this copy was opened."""

    def __init__(self, current_version: int) -> None:
        self.current_version = current_version
        self.message = (
            "保存失败：其他人已在您打开之后修改并保存了此表单"
            f"（当前版本 {current_version}）。您填写的内容仍保留在下方，"
            "请另开窗口查看最新内容后再合并保存。"
        )
        super().__init__(self.message)


def document_save(document: VersionedDocument, *, user: Account | None, reason: str) -> None:
    """Save ``document``; its history row names ``user`` (None: the system) and ``reason``.
    django-simple-history reads the two attributes it documents for this."""
    authenticated = user is not None and user.is_authenticated
    document._history_user = user if authenticated else None  # type: ignore[attr-defined]
    document._change_reason = reason  # type: ignore[attr-defined]
    document.save()


def document_locked(document: D) -> D:
    """The stored row of ``document``, locked until the transaction ends, with its
    organisation."""
    model = type(document)
    return (
        model._default_manager.select_for_update()
        .select_related("organisation")
        .get(  # type: ignore[no-any-return]
            pk=document.pk
        )
    )


def check_version(document: VersionedDocument, expected_version: int) -> None:
    """VersionConflict unless ``document`` is still at ``expected_version``."""
    if document.version != expected_version:
        raise VersionConflict(document.version)
