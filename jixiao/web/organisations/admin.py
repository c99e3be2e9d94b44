"""Admin for the finance bureau: the organisation tree, fiscal years and role assignments."""

from __future__ import annotations

from django.contrib import admin

from jixiao.web.organisations.models import FiscalYear, Membership, Organisation

admin.site.site_header = "jixiao 预算绩效管理 · 财政局管理"
admin.site.site_title = "jixiao 管理"
admin.site.index_title = "系统管理"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("organisation",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("indented_name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)
    autocomplete_fields = ("parent",)

    @admin.display(description="名称", ordering="path")
    def indented_name(self, obj: Organisation) -> str:
        return "　" * obj.depth + obj.name


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ("year", "is_open")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("user", "organisation")
