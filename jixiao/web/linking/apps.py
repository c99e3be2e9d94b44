from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "jixiao.web.linking"
    verbose_name = "跨年度关联"
