"""The single sign-on entry points: each answers 404 unless its protocol is turned on, and a
refused sign-in ends on a Chinese page, never an English error."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_cas_ng import views as cas_views
from mozilla_django_oidc import views as oidc_views


def _require(enabled: bool) -> None:
    if not enabled:
        raise Http404("未启用该统一身份认证方式")


def oidc_start(request: HttpRequest) -> HttpResponse:
    _require(settings.OIDC_ENABLED)
    return oidc_views.OIDCAuthenticationRequestView.as_view()(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    _require(settings.OIDC_ENABLED)
    return oidc_views.OIDCAuthenticationCallbackView.as_view()(request)


def cas_login(request: HttpRequest) -> Any:
    _require(settings.CAS_ENABLED)
    try:
        return cas_views.LoginView.as_view()(request)
    except PermissionDenied:
        return redirect("accounts:unmapped")


def cas_logout(request: HttpRequest) -> Any:
    _require(settings.CAS_ENABLED)
    return cas_views.LogoutView.as_view()(request)
