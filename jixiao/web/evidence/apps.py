from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "jixiao.web.evidence"
    verbose_name = "佐证材料"

    def ready(self) -> None:
        from jixiao.web.evaluations.services import register_submission_check
        from jixiao.web.evidence.selectors import evidence_findings

        register_submission_check(evidence_findings)
