from django.urls import path

from jixiao.web.linking import views

app_name = "linking"
urlpatterns = [
    path("<int:org>/", views.linking_overview, name="overview"),
    path("<int:org>/confirm/", views.linking_confirm, name="confirm"),
    path("<int:org>/links/<int:pk>/remove/", views.linking_remove, name="remove"),
    path("<int:org>/indicator/", views.indicator_trend, name="indicator"),
]
