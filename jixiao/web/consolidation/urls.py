from django.urls import path

from jixiao.web.consolidation import views

app_name = "consolidation"
urlpatterns = [
    path("", views.consolidation_index, name="index"),
    path("<int:org>/<int:year>/", views.consolidation_overview, name="overview"),
    path("<int:org>/<int:year>/build/", views.consolidation_build, name="build"),
    path("<int:org>/<int:year>/submit/", views.consolidation_submit, name="submit"),
    path("<int:org>/<int:year>/approve/", views.consolidation_approve, name="approve"),
]
