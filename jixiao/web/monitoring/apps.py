from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jixiao.web.monitoring"
    label = "monitoring"
    verbose_name = "绩效运行监控"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jixiao.web.evaluations.models import Evaluation
        from jixiao.web.monitoring import lights
        from jixiao.web.organisations.models import Organisation

        # A record's stored light follows its rule set: the one its organisation's forms name.
        for signal in (post_save, post_delete):
            signal.connect(
                lights.on_form_changed,
                sender=Evaluation,
                dispatch_uid=f"monitoring.lights.forms.{signal is post_save}",
            )
        post_save.connect(
            lights.on_organisation_changed,
            sender=Organisation,
            dispatch_uid="monitoring.lights.organisations",
        )
