from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "jixiao.web.consolidation"
    verbose_name = "汇总"
