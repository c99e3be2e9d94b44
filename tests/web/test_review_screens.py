"""What a returned form tells the unit, and what a reviewer sees changed in the next round."""

from __future__ import annotations

import copy
import re

from jixiao.web.evaluations.services import (
    evaluation_return,
    evaluation_save_draft,
    evaluation_submit,
)

REASON = "请补充存在问题的原因分析。"


def _returned(world):
    form = world.unit_form
    evaluation_submit(evaluation=form, user=world.unit_user, explanation="")
    return evaluation_return(evaluation=form, user=world.reviewer, comment=REASON)


def test_a_returned_form_opens_with_who_returned_it_when_and_why(world, client_for):
    form = _returned(world)
    for address, body in (
        (f"/evaluations/{form.pk}/", 'class="printview"'),
        (f"/evaluations/{form.pk}/edit/", 'id="editor"'),
    ):
        page = client_for(world.unit_user).get(address).content.decode()
        banner = page.index('class="card returned banner"')
        assert banner < page.index(body)  # at the top, before the form itself
        section = page[banner : page.index("</section>", banner)]
        assert "退回修改" in section and "reviewer" in section and REASON in section
        assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", section)


def test_a_form_under_review_shows_no_return_banner(world, client_for):
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user, explanation="")
    page = client_for(world.reviewer).get(f"/evaluations/{world.unit_form.pk}/").content.decode()
    assert "returned banner" not in page


def test_the_reviewer_sees_only_the_changed_characters_marked(world, client_for):
    form = _returned(world)
    data = copy.deepcopy(form.data)
    data["problems"] = data["problems"] + "两个项目合同在9月后签订。"
    form = evaluation_save_draft(
        evaluation=form, data=data, expected_version=form.version, user=world.unit_user
    )
    evaluation_submit(evaluation=form, user=world.unit_user, explanation="")
    page = client_for(world.reviewer).get(f"/evaluations/{form.pk}/").content.decode()
    assert "<ins>两个项目合同在9月后签订。</ins>" in page
    assert "<del>" not in page  # nothing was removed, so nothing is struck through
