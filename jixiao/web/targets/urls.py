from django.urls import path

from jixiao.web.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.targets_list, name="list"),
    path("new/", views.targets_new, name="new"),
    path("<int:pk>/", views.targets_edit, name="edit"),
    path("<int:pk>/check/", views.targets_check, name="check"),
    path("<int:pk>/<str:step>/", views.targets_transition, name="transition"),
]
