from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jixiao.web.notifications"
    verbose_name = "消息通知"
