from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "jixiao.web.dashboards"
    verbose_name = "统计分析"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from jixiao.web.dashboards import figures
        from jixiao.web.evaluations.models import Evaluation

        post_save.connect(
            figures.on_evaluation_saved, sender=Evaluation, dispatch_uid="dashboards.figures"
        )
