"""The notification centre and each person's choice of channels."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.web.evaluations.access import AuthenticatedHttpRequest
from jixiao.web.notifications import services
from jixiao.web.notifications.models import ChannelChoice, Notification

PAGE_SIZE = 30


@login_required
@require_GET
def centre(request: AuthenticatedHttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(recipient=request.user)
    if request.GET.get("unread") == "1":
        notes = notes.filter(read_at__isnull=True)
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/centre.html",
        {"page": page, "unread_only": request.GET.get("unread") == "1"},
    )


@login_required
@require_POST
def mark_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("id") if v.isdigit()]
    count = services.notifications_mark_read(user=request.user, ids=ids or None)
    messages.success(request, f"已将 {count} 条通知标为已读。")
    return redirect("notifications:centre")


@login_required
@require_GET
def open_notification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link, marking it read on the way."""
    note = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if note is None:
        return redirect("notifications:centre")
    services.notifications_mark_read(user=request.user, ids=[note.pk])
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    return redirect("notifications:centre")


class ChannelForm(forms.ModelForm):  # type: ignore[type-arg]
    webhook_url = forms.URLField(
        label="机器人 Webhook 地址", required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = ChannelChoice
        fields = ("email", "webhook", "webhook_kind", "webhook_url", "webhook_secret")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("webhook") and not data.get("webhook_url"):
            self.add_error("webhook_url", "选择群机器人通知时，请填写机器人的 Webhook 地址。")
        return data


@login_required
@require_http_methods(["GET", "POST"])
def channel_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    choice = ChannelChoice.objects.filter(user=request.user).first() or ChannelChoice(
        user=request.user
    )
    form = ChannelForm(request.POST or None, instance=choice)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "通知方式已保存。")
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=400 if form.errors else 200,
    )
