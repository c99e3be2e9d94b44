from django.apps import AppConfig, apps
from django_cas_ng.signals import cas_user_authenticated

# django-axes and django-cas-ng ship no Chinese; their models appear in the admin's permission
# lists.
_NAMES = {
    "accessattempt": "登录失败记录",
    "accesslog": "登录访问记录",
    "accessfailurelog": "登录失败日志",
    "accessattemptexpiration": "登录失败记录有效期",
    "proxygrantingticket": "统一身份认证代理票据",
    "sessionticket": "统一身份认证会话票据",
}


class AccountsConfig(AppConfig):
    name = "jixiao.web.accounts"
    verbose_name = "账户与安全"

    def ready(self) -> None:
        # The receivers of login, failure and lockout signals write the authentication log.
        from jixiao.web.accounts import signals  # noqa: F401
        from jixiao.web.accounts.sso import place_cas_user

        cas_user_authenticated.connect(place_cas_user, dispatch_uid="jixiao_place_cas_user")
        for label, chinese in (("axes", "登录防护"), ("django_cas_ng", "统一身份认证")):
            app = apps.get_app_config(label)
            app.verbose_name = chinese
            for model in app.get_models():
                name = _NAMES.get(model._meta.model_name or "")
                if name:
                    model._meta.verbose_name = name
                    model._meta.verbose_name_plural = name
