from django.apps import AppConfig


class SeasonConfig(AppConfig):
    name = "jixiao.web.season"
    verbose_name = "自评任务"

    def ready(self) -> None:
        from jixiao.web.season import signals

        signals.connect()
