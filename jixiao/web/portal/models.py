"""Files the portal serves, written once per publication rather than on each request."""

from __future__ import annotations

from django.db import models


class OpenDataFile(models.Model):
    """A year's bulk download (every published form), in storage at ``path``.

    Rewritten by a background task after each publication of that year; the row is switched to
    the new file only once it is complete, so a download is never cut off or half-new.
    """

    class Kind(models.TextChoices):
        CSV = "csv", "指标 CSV"
        JSONL = "jsonl", "表单 JSON Lines"

    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    path = models.CharField("存储路径", max_length=500)
    size = models.PositiveBigIntegerField("字节数")
    forms = models.PositiveIntegerField("表单数")
    # Which publications the file holds (published form ids and versions, hashed): an unchanged
    # fingerprint means there is nothing to rewrite.
    fingerprint = models.CharField("内容指纹", max_length=64)
    built_at = models.DateTimeField("生成时间", auto_now=True)

    class Meta:
        verbose_name = "公开数据文件"
        verbose_name_plural = "公开数据文件"
        constraints = (
            models.UniqueConstraint(fields=("year", "kind"), name="one_open_data_file_per_year"),
        )

    def __str__(self) -> str:
        return f"{self.year}年度{self.get_kind_display()}"
