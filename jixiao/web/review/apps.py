from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "jixiao.web.review"
    label = "review"
    verbose_name = "审核意见"

    def ready(self) -> None:
        from jixiao.web.evaluations.services import register_transition_guard
        from jixiao.web.review.services import field_comments_answered

        # A unit answers every comment on a single field before the form goes back for review.
        register_transition_guard(field_comments_answered)
