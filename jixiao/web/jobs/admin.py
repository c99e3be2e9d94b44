from django.contrib import admin

from jixiao.web.jobs.models import Job, WorkerBeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "done", "total", "owner", "created_at", "finished_at")
    list_filter = ("status", "kind")
    readonly_fields = tuple(f.name for f in Job._meta.fields)


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "host", "pid", "backend", "started_at", "seen_at")
