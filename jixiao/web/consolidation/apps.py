from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "jixiao.web.consolidation"
    verbose_name = "汇总"

    def ready(self) -> None:
        from jixiao.core.workflow import Action
        from jixiao.web.consolidation.services import check_children_approved
        from jixiao.web.evaluations.models import Evaluation
        from jixiao.web.evaluations.services import register_transition_guard

        def children_first(evaluation: Evaluation, action: Action) -> None:
            # DHIS2's rule: a consolidated form moves on only after all its units' forms.
            check_children_approved(evaluation)

        register_transition_guard(children_first)
