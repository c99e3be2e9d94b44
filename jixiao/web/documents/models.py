"""What every stored document has in common: self-evaluation forms, target sets and monitoring
records are each the core's JSON in ``data``, saved in numbered versions by known people.

The base holds no table of its own (it is abstract): each document keeps its rows in its app,
and the shared writes are :mod:`jixiao.web.documents.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
