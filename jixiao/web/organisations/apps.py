from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "jixiao.web.organisations"
    verbose_name = "组织与人员"
