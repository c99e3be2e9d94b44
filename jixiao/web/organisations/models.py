"""Organisations (财政局 → 主管部门 → 所属单位, any depth), fiscal years and who holds which role
where.

A role held at an organisation reaches further for some roles: a department reviewer reviews the
whole subtree, a finance admin everything: the access policy (:mod:`jixiao.core.access`), applied
by :mod:`jixiao.web.organisations.access`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from jixiao.core.access import ROLE_LABELS
from jixiao.core.access import Role as CoreRole


class Organisation(models.Model):
    class Kind(models.TextChoices):
        FINANCE_BUREAU = "finance_bureau", "财政局"
        DEPARTMENT = "department", "主管部门"
        UNIT = "unit", "所属单位"

    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ids ("/1/4/9/") so that a subtree is one indexed prefix query on
    # every database.
    path = models.CharField("层级路径", max_length=1000, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = "组织"
        verbose_name_plural = "组织"
        ordering = ("path",)

    #: Set by :meth:`save` for its post_save receivers: whether this save moved the organisation
    #: (and its subtree) under another parent.
    moved = False

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.pk and self.parent and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": "上级不能是本组织或其下级组织"})

    def _path_under_parent(self) -> str:
        return f"{self.parent.path if self.parent else '/'}{self.pk}/"

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)
                self.path = self._path_under_parent()
                Organisation.objects.filter(pk=self.pk).update(path=self.path)
                return
            old_path, self.path = self.path, self._path_under_parent()
            # Read by post_save receivers: a save that moves the organisation, not a rename.
            self.moved = bool(old_path) and old_path != self.path
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # A moved organisation takes its whole subtree with it.
                for child in Organisation.objects.filter(path__startswith=old_path).exclude(
                    pk=self.pk
                ):
                    Organisation.objects.filter(pk=child.pk).update(
                        path=self.path + child.path[len(old_path) :]
                    )

    def subtree(self) -> models.QuerySet[Organisation]:
        return Organisation.objects.filter(path__startswith=self.path)

    def contains(self, other: Organisation) -> bool:
        return other.path.startswith(self.path)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class FiscalYear(models.Model):
    year = models.PositiveIntegerField("年度", unique=True)
    is_open = models.BooleanField("开放填报", default=True)

    class Meta:
        verbose_name = "预算年度"
        verbose_name_plural = "预算年度"
        ordering = ("-year",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(year__gte=1949) & models.Q(year__lte=2200),
                name="fiscal_year_in_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.year}年度"


class Membership(models.Model):
    # The roles are the access policy's (jixiao.core.access): a new one appears here by itself.
    Role = models.TextChoices(  # type: ignore[misc,call-overload]
        "Role", [(role.name, (role.value, ROLE_LABELS[role])) for role in CoreRole]
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="组织", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        constraints = (
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
