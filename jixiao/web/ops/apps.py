from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "jixiao.web.ops"
    verbose_name = "运维"
