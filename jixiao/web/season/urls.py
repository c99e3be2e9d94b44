from django.urls import path

from jixiao.web.season import batch_views, views

app_name = "season"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("new/", views.task_new, name="new"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/progress.xlsx", views.task_export, name="export"),
    path("<int:pk>/attachment/", views.task_attachment, name="attachment"),
    path("<int:pk>/extend/", views.task_extend, name="extend"),
    path("<int:pk>/withdraw/", views.task_withdraw, name="withdraw"),
    path("<int:pk>/department-due/", views.task_department_due, name="department_due"),
    path("<int:pk>/remind/", views.task_remind, name="remind"),
    path("batch/", batch_views.batch_action, name="batch"),
    path("score/<int:pk>/", batch_views.bureau_score, name="score"),
]
