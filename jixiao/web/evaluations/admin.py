"""Admin views of forms and reviews. Content and status are read-only here: every change to a
form goes through the services, so that it is checked and recorded."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.evaluations.models import Evaluation, ReviewDecision, ReviewRound


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organisation", "year", "form_type", "status", "version", "updated_at")
    list_filter = ("status", "form_type", "year")
    search_fields = ("title", "organisation__name")
    readonly_fields = ("data", "status", "version", "created_by", "submit_explanation")
    history_list_display = ("status", "version")


class DecisionInline(admin.TabularInline):
    model = ReviewDecision
    extra = 0
    readonly_fields = ("stage", "outcome", "comment", "reviewer", "decided_at")
    can_delete = False


@admin.register(ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):
    list_display = ("evaluation", "number", "submitted_by", "submitted_at")
    readonly_fields = ("submitted_data", "submitted_version", "submitted_by", "explanation")
    inlines = (DecisionInline,)
