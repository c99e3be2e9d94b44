from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "jixiao.web.portal"
    verbose_name = "信息公开"
