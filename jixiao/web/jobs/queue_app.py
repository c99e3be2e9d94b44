"""django-tasks-db's app under a Chinese name (its own is English and not translatable); in a
module of its own so that Django does not take it for the jobs app's configuration."""

from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    verbose_name = "任务队列"
