from django.urls import path

from jixiao.web.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("<int:org>/", views.dashboard_show, name="show"),
    path("<int:org>/<slug:chart>.csv", views.dashboard_csv, name="csv"),
]
