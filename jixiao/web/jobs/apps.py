from django.apps import AppConfig, apps


class JobsConfig(AppConfig):
    name = "jixiao.web.jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        # The database queue's own admin entry is named in English by its package; every admin
        # page lists it in the sidebar, so it is named in Chinese here.
        if apps.is_installed("django_tasks_db"):
            queue = apps.get_app_config("django_tasks_database")
            queue.verbose_name = "任务队列（数据库）"
            for model in queue.get_models():
                model._meta.verbose_name = "队列记录"
                model._meta.verbose_name_plural = "队列记录"
