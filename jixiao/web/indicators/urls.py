from django.urls import path

from jixiao.web.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.library_list, name="list"),
    path("add/", views.library_add, name="add"),
    path("import/", views.library_import, name="import"),
    path("template.xlsx", views.library_template, name="template"),
    path("<int:pk>/retire/", views.library_retire, name="retire"),
]
