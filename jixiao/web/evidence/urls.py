from django.urls import path

from jixiao.web.evidence import views

app_name = "evidence"
urlpatterns = [
    path("<int:pk>/evidence/", views.evidence_upload, name="upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="download"),
    path("<int:pk>/evidence/<int:evidence_pk>/replace/", views.evidence_replace, name="replace"),
    path("<int:pk>/evidence/<int:evidence_pk>/remove/", views.evidence_remove, name="remove"),
    path("<int:pk>/evidence/<int:evidence_pk>/public/", views.evidence_public, name="public"),
]
