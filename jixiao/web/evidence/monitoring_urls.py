"""Evidence of a 运行监控 month, under the monitoring record's own address."""

from django.urls import path

from jixiao.web.evidence import views

app_name = "monitoring_evidence"
urlpatterns = [
    path("<int:pk>/evidence/", views.monitoring_evidence_upload, name="upload"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/",
        views.monitoring_evidence_download,
        name="download",
    ),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/replace/",
        views.monitoring_evidence_replace,
        name="replace",
    ),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/remove/",
        views.monitoring_evidence_remove,
        name="remove",
    ),
]
