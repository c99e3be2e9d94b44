from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganisationsConfig(AppConfig):
    name = "jixiao.web.organisations"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        from jixiao.web.organisations.signals import name_permissions_in_chinese

        post_migrate.connect(name_permissions_in_chinese, dispatch_uid="jixiao_permission_names")
