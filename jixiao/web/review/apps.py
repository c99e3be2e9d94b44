from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "jixiao.web.review"
    label = "review"
    verbose_name = "审核意见"

    def ready(self) -> None:
        # A unit answers every comment on a single field before the form goes back for review:
        # checked by review.services.evaluation_submit_answered (what the page calls) and, where
        # the evaluations app offers transition guards, on every submit (the API's too).
        from jixiao.web.evaluations import services as evaluation_services
        from jixiao.web.review.services import field_comments_answered

        register = getattr(evaluation_services, "register_transition_guard", None)
        if register is not None:
            register(field_comments_answered)
