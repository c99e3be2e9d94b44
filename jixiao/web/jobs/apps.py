from django.apps import AppConfig, apps


class JobsConfig(AppConfig):
    name = "jixiao.web.jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        # The database task backend names its app and its queue rows in English only; the admin
        # (its pages and the permission lists on a user's page) speaks Chinese.
        if apps.is_installed("django_tasks_db"):
            from django_tasks_db.models import DBTaskResult

            apps.get_app_config("django_tasks_database").verbose_name = "后台任务队列"
            DBTaskResult._meta.verbose_name = "任务执行记录"
            DBTaskResult._meta.verbose_name_plural = "任务执行记录"
