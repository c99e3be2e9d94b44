from django.apps import AppConfig, apps

# django-axes ships no Chinese; its models appear in the admin's permission lists.
_AXES_NAMES = {
    "accessattempt": "登录失败记录",
    "accesslog": "登录访问记录",
    "accessfailurelog": "登录失败日志",
    "accessattemptexpiration": "登录失败记录有效期",
}


class AccountsConfig(AppConfig):
    name = "jixiao.web.accounts"
    verbose_name = "账户与安全"

    def ready(self) -> None:
        # The receivers of login, failure and lockout signals write the authentication log.
        from jixiao.web.accounts import signals  # noqa: F401

        axes = apps.get_app_config("axes")
        axes.verbose_name = "登录防护"
        for model in axes.get_models():
            name = _AXES_NAMES.get(model._meta.model_name or "")
            if name:
                model._meta.verbose_name = name
                model._meta.verbose_name_plural = name
