"""What every stored document has in common: self-evaluation forms, target sets and monitoring
records are each the core's JSON in ``data``, saved in numbered versions by known people; forms
and target sets also share one review lifecycle, the core's workflow table.

The base holds no table of its own (it is abstract): each document keeps its rows in its app,
and the shared writes are :mod:`jixiao.web.documents.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.core.workflow import STATUS_LABELS
from jixiao.core.workflow import Status as CoreStatus


class VersionedDocument(models.Model):
    """A form-like document kept as the core's JSON in ``data``: ``version`` counts saves (for
    optimistic locking) and the row remembers who created it and when."""

    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


#: The statuses of the core's workflow table, with their Chinese labels, as model choices.
DocumentStatus = models.TextChoices(  # type: ignore[misc,call-overload]
    "DocumentStatus", [(s.name, (s.value, STATUS_LABELS[s])) for s in CoreStatus]
)


class ReviewedDocument(VersionedDocument):
    """A versioned document that goes through review: its status moves only by the steps of
    the core's workflow table (:mod:`jixiao.core.workflow`), taken by the roles the access
    policy grants for its kind."""

    Status = DocumentStatus

    status = models.CharField(
        "状态",
        max_length=30,
        choices=DocumentStatus.choices,
        default=CoreStatus.DRAFT.value,
        db_index=True,
    )

    class Meta:
        abstract = True

    @property
    def core_status(self) -> CoreStatus:
        return CoreStatus(self.status)
