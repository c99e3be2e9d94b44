from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.monitoring.lights import light_set
from jixiao.web.monitoring.models import DigestLog, MonitoringRecord, MonitoringUpload


@admin.register(MonitoringRecord)
class MonitoringRecordAdmin(SimpleHistoryAdmin):
    list_display = ("year", "organisation", "kind", "name", "month", "version", "updated_at")
    list_filter = ("year", "kind", "month")
    search_fields = ("name", "organisation__name")
    readonly_fields = ("data", "version", "light")

    def save_model(self, request: Any, obj: MonitoringRecord, form: Any, change: bool) -> None:
        # The month or the organisation may change here: the light is judged again, as at a save.
        light_set(obj)
        super().save_model(request, obj, form, change)


@admin.register(MonitoringUpload)
class MonitoringUploadAdmin(admin.ModelAdmin):
    list_display = ("filename", "organisation", "year", "applied", "uploaded_by", "uploaded_at")
    readonly_fields = ("content", "errors", "applied", "uploaded_by")


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ("user", "sent_on")
    readonly_fields = ("user", "sent_on", "warnings", "text")
