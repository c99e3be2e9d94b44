from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jixiao.web.api"
    verbose_name = "接口"
