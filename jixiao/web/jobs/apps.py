from django.apps import AppConfig, apps


class JobsConfig(AppConfig):
    name = "jixiao.web.jobs"
    verbose_name = "后台任务"

    def ready(self) -> None:
        # The database queue's own admin pages are named in English by the package; the admin
        # is in Chinese like every other page.

        if apps.is_installed("django_tasks_db"):
            queue = apps.get_app_config("django_tasks_database")
            queue.verbose_name = "任务队列（数据库）"
            for model in queue.get_models():
                model._meta.verbose_name = "任务执行结果"
                model._meta.verbose_name_plural = "任务执行结果"
