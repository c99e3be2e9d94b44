from django.apps import AppConfig


class SealingConfig(AppConfig):
    name = "jixiao.web.sealing"
    verbose_name = "封存与验证"

    def ready(self) -> None:
        from jixiao.web.evaluations.services import register_transition_hook
        from jixiao.web.sealing.services import seal_transition

        register_transition_hook(seal_transition)
