"""``manage.py monitoring_lights``: judge every monitoring record's light again and store it.

Saves keep each light current; this is for what no save sees: a rule set's data file added or
changed (``JIXIAO_RULESETS_DIR``) or records loaded in bulk."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from jixiao.web.monitoring.lights import lights_refresh_all


class Command(BaseCommand):
    help = "重新判定每张运行监控表的预警灯（规则集文件变更或批量导入之后）。"

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            changed = lights_refresh_all()
        self.stdout.write(f"预警灯已重新判定，{changed} 张监控表的灯色有变化。")
