from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "jixiao.web.documents"
    verbose_name = "文档"
