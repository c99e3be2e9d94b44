from django.urls import path

from jixiao.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_index, name="index"),
    path("forms/<int:pk>/", views.portal_form, name="form"),
    path("forms/<int:pk>/download/<str:fmt>/", views.portal_download, name="download"),
    path("<int:year>/forms.jsonl", views.portal_bulk_json, name="bulk_json"),
    path("<int:year>/indicators.csv", views.portal_bulk_csv, name="bulk_csv"),
    path("schema/", views.portal_schema_page, name="schema"),
    path("schema/form.schema.json", views.portal_schema_json, name="schema_json"),
]
