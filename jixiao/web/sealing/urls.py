from django.urls import path

from jixiao.web.sealing import views

app_name = "sealing"
urlpatterns = [
    path("<int:pk>/package/", views.evaluation_package, name="package"),
    path("<int:pk>/signed-pdf/", views.evaluation_signed_pdf, name="signed_pdf"),
    path("anchors/", views.anchor_list, name="anchors"),
    path(
        "public/<int:pk>/evidence/<int:evidence_pk>/",
        views.public_evidence_download,
        name="public_evidence",
    ),
]
