"""Background work of the portal: a publication's files, made once, served many times."""

from __future__ import annotations

from django_tasks import task

from jixiao.web.portal import services


@task()
def publication_files_build(evaluation_id: int, year: int) -> dict[str, int]:
    """The published form's PDF, and its year's open-data files, in storage."""
    services.portal_pdf(evaluation_id=evaluation_id)
    written = services.open_data_write(year=year)
    return {kind: f.size for kind, f in written.items()}


@task()
def open_data_build(year: int) -> dict[str, int]:
    return {kind: f.size for kind, f in services.open_data_write(year=year).items()}
