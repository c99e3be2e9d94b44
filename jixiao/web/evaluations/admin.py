"""Admin views of forms and reviews. Content and status are read-only here: every change to a
form goes through the services, so that it is checked and recorded."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from jixiao.web.evaluations.models import Evaluation, ReviewDecision, ReviewRound


class _ChoiceLabels(HistoricalRecordContextHelper):
    """History deltas with a choice field's label (已提交), not its stored value."""

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        field = self.model._meta.get_field(change.field)
        choices = dict(getattr(field, "choices", None) or ())
        return choices.get(value, value)


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organisation", "year", "form_type", "status", "version", "updated_at")
    list_filter = ("status", "form_type", "year")
    search_fields = ("title", "organisation__name")
    # The content is shown as the form, not as its JSON.
    exclude = ("data",)
    readonly_fields = ("content", "status", "version", "created_by", "submit_explanation")
    history_list_display = ("status_label", "version")

    def set_history_delta_changes(
        self, request: Any, historical_records: Any, foreign_keys_are_objs: bool = True
    ) -> None:
        # The content's changes, field by field and in Chinese, are on the form's own history
        # page; here its JSON would only be noise.
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=["data"], foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def get_historical_record_context_helper(
        self, request: Any, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return _ChoiceLabels(self.model, historical_record)

    def status_label(self, record: object) -> str:
        return str(Evaluation.Status(getattr(record, "status", "draft")).label)

    @admin.display(description="表单内容")
    def content(self, obj: Evaluation) -> str:
        if obj.pk is None:
            return "—"
        url = reverse("evaluations:detail", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">在表单页面查看（按正式样式显示）</a>', url)


class DecisionInline(admin.TabularInline):
    model = ReviewDecision
    extra = 0
    readonly_fields = ("stage", "outcome", "comment", "reviewer", "decided_at")
    can_delete = False


@admin.register(ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):
    list_display = ("evaluation", "number", "submitted_by", "submitted_at")
    exclude = ("submitted_data",)
    readonly_fields = ("submitted_version", "submitted_by", "explanation")
    inlines = (DecisionInline,)
