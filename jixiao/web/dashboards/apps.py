from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "jixiao.web.dashboards"
    verbose_name = "统计分析"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jixiao.web.dashboards import figures
        from jixiao.web.evaluations.models import Evaluation
        from jixiao.web.monitoring.lights import lights_changed
        from jixiao.web.monitoring.models import MonitoringRecord
        from jixiao.web.organisations.models import Organisation
        from jixiao.web.season.signals import figures_rebuilt

        post_save.connect(
            figures.on_evaluation_saved, sender=Evaluation, dispatch_uid="dashboards.figures"
        )
        post_delete.connect(
            figures.on_evaluation_deleted, sender=Evaluation, dispatch_uid="dashboards.deleted"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                figures.on_monitoring_changed,
                sender=MonitoringRecord,
                dispatch_uid=f"dashboards.monitoring.{signal is post_save}",
            )
        lights_changed.connect(figures.on_lights_changed, dispatch_uid="dashboards.lights")
        figures_rebuilt.connect(figures.every_subtree_changed, dispatch_uid="dashboards.rebuilt")
        # A new, moved or renamed organisation changes who is counted as not filed, and names.
        for signal in (post_save, post_delete):
            signal.connect(
                figures.on_organisation_changed,
                sender=Organisation,
                dispatch_uid=f"dashboards.organisations.{signal is post_save}",
            )
