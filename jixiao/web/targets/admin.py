from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.targets.models import TargetSet


@admin.register(TargetSet)
class TargetSetAdmin(SimpleHistoryAdmin):
    list_display = ("year", "organisation", "status", "version", "updated_at")
    list_filter = ("year", "status")
    search_fields = ("organisation__name",)
    readonly_fields = ("data", "status", "version", "created_by", "created_at", "updated_at")
