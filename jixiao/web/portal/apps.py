from typing import Any

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "jixiao.web.portal"
    verbose_name = "信息公开"

    def ready(self) -> None:
        from jixiao.web.evaluations.services import evaluation_published
        from jixiao.web.portal.services import publication_prepared

        def prepare(sender: object, evaluation_id: int, year: int, **kwargs: Any) -> None:
            # The files (PDF, the year's open data) are made by the worker after commit.
            publication_prepared(evaluation_id=evaluation_id, year=year)

        evaluation_published.connect(prepare, weak=False, dispatch_uid="portal.publication")
