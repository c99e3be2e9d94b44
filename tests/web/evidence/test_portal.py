"""The public portal shows only the evidence marked public when the form was published."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_publish,
    evaluation_submit,
)
from jixiao.web.evidence.models import Evidence
from jixiao.web.evidence.services import evidence_upload
from tests.web.evidence.conftest import pdf_bytes, png_bytes


def test_only_public_evidence_of_published_forms_is_served(world, client_for) -> None:
    form = world.unit_form
    shown = evidence_upload(
        evaluation=form,
        user=world.unit_user,
        name="公开台账.pdf",
        content=pdf_bytes(),
        anchor_path="tasks[0].indicators[0]",
        public=True,
    )
    internal = evidence_upload(
        evaluation=form, user=world.unit_user, name="内部照片.png", content=png_bytes()
    )
    anyone = client_for(None)
    url = reverse("sealing:public_evidence", args=[form.pk, shown.pk])
    assert anyone.get(url).status_code == 404  # not published yet

    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_approve(evaluation=form, user=world.reviewer)
    evaluation_approve(evaluation=form, user=world.finance)
    evaluation_publish(evaluation=form, user=world.finance)

    page = anyone.get(reverse("portal:form", args=[form.pk])).content.decode()
    assert "公开台账.pdf" in page and "内部照片.png" not in page
    response = anyone.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    hidden = reverse("sealing:public_evidence", args=[form.pk, internal.pk])
    assert anyone.get(hidden).status_code == 404
    # Marking a file public in the database afterwards does not publish it.
    Evidence.objects.filter(pk=internal.pk).update(public=True)
    assert anyone.get(hidden).status_code == 404
