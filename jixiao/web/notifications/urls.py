from django.urls import path

from jixiao.web.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.centre, name="centre"),
    path("read/", views.mark_read, name="mark_read"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("settings/", views.channel_settings, name="settings"),
]
