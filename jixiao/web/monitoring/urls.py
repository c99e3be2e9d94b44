from django.urls import path

from jixiao.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.monitoring_list, name="list"),
    path("new/", views.monitoring_new, name="new"),
    path("warnings/", views.warnings_page, name="warnings"),
    path("import/", views.monitoring_import, name="import"),
    path("import/template.csv", views.monitoring_template, name="template"),
    path("import/<int:pk>/apply/", views.monitoring_import_apply, name="import_apply"),
    path("<int:pk>/", views.monitoring_edit, name="edit"),
    path("<int:pk>/check/", views.monitoring_check, name="check"),
    path("<int:pk>/export/<str:fmt>/", views.monitoring_export, name="export"),
]
