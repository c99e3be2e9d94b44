from django.urls import path

from jixiao.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("session/", views.session_status, name="session"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("audit/", views.audit_log, name="audit"),
    path("audit.csv", views.audit_log_csv, name="audit_csv"),
    path("unmapped/", views.unmapped, name="unmapped"),
]
