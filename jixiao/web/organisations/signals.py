"""Django names its default permissions in English ("Can add log entry") whatever the language;
the finance bureau assigns them in the admin, so they are renamed in Chinese after each migrate."""

from __future__ import annotations

from typing import Any

from django.utils import translation

_ACTIONS = {"add": "新增", "change": "修改", "delete": "删除", "view": "查看"}


def name_permissions_in_chinese(**kwargs: Any) -> None:
    from django.contrib.auth.models import Permission

    renamed = []
    with translation.override("zh-hans"):
        for permission in Permission.objects.select_related("content_type").filter(
            name__startswith="Can "
        ):
            action = _ACTIONS.get(permission.codename.split("_", 1)[0])
            model = permission.content_type.model_class()
            if action is None or model is None:
                continue
            permission.name = f"可{action}{model._meta.verbose_name}"[:255]
            renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"])
