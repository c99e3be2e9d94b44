from django.urls import path

from jixiao.web.evaluations import create_views, import_views, views

app_name = "evaluations"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("queue/", views.evaluation_queue, name="queue"),
    path("import/", import_views.import_upload, name="import"),
    path("import/bulk/", import_views.import_bulk, name="import_bulk"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    path("evaluations/new/", create_views.evaluation_new, name="new"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="detail"),
    path("evaluations/<int:pk>/edit/", views.evaluation_edit, name="edit"),
    path("evaluations/<int:pk>/compute/", views.evaluation_compute, name="compute"),
    path("evaluations/<int:pk>/history/", views.evaluation_history, name="history"),
    path("evaluations/<int:pk>/export/<str:fmt>/", views.evaluation_export, name="export"),
    path("evaluations/<int:pk>/<str:step>/", views.evaluation_transition, name="transition"),
]
