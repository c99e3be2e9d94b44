from django.urls import path

from jixiao.web.accounts import sso_views, views

app_name = "accounts"

urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("session/", views.session_status, name="session"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("audit/", views.audit_log, name="audit"),
    path("audit.csv", views.audit_log_csv, name="audit_csv"),
    path("unmapped/", views.unmapped, name="unmapped"),
    path("oidc/", sso_views.oidc_start, name="oidc_start"),
    path("oidc/callback/", sso_views.oidc_callback, name="oidc_callback"),
    path("cas/login/", sso_views.cas_login, name="cas_login"),
    path("cas/logout/", sso_views.cas_logout, name="cas_logout"),
]
