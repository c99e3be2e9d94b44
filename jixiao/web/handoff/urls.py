from django.urls import path

from jixiao.web.handoff import views

app_name = "handoff"
urlpatterns = [
    path("<int:pk>/handoff/", views.targets_handoff_view, name="start"),
]
