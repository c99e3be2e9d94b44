"""A reviewer returns a form with comments on single fields; the unit sees each beside its field
and in a list, answers them, and cannot resubmit until every one is answered. Reviewers reuse
their department's or bureau's phrases."""

from __future__ import annotations

import pytest

from jixiao.web.evaluations.services import evaluation_submit
from jixiao.web.review.models import FieldComment, ReviewPhrase


@pytest.fixture
def submitted(world):
    return evaluation_submit(evaluation=world.unit_form, user=world.unit_user, explanation="")


def _return(client, form, **extra):
    data = {"comment": "请按字段意见修改。", "field": [], "field_comment": []}
    data.update(extra)
    return client.post(f"/evaluations/{form.pk}/return/", data)


def test_a_reviewer_returns_with_field_comments_and_the_unit_must_answer_them(
    world, client_for, submitted
):
    reviewer = client_for(world.reviewer)
    page = reviewer.get(f"/evaluations/{submitted.pk}/").content.decode()
    assert '<option value="funds-actual_spending">部门资金情况 › 实际支出数</option>' in page
    response = _return(
        reviewer,
        submitted,
        field=["funds-actual_spending", "problems", ""],
        field_comment=["与决算数不一致，请核对。", "请写明原因。", ""],
    )
    assert response.status_code == 302
    assert FieldComment.objects.filter(evaluation=submitted).count() == 2

    unit = client_for(world.unit_user)
    edit = unit.get(f"/evaluations/{submitted.pk}/edit/").content.decode()
    assert "2 条待答复" in edit
    assert f'href="/evaluations/{submitted.pk}/edit/#f-funds-actual_spending"' in edit
    assert 'id="f-funds-actual_spending"' in edit  # where review.js puts the note beside it

    refused = unit.post(f"/evaluations/{submitted.pk}/submit/", {"explanation": "已按意见修改"})
    assert refused.status_code == 302 and refused["Location"].endswith("#problem")
    shown = unit.get(refused["Location"]).content.decode()
    assert "没有答复" in shown and "已按意见修改" in shown  # the explanation typed is kept

    for comment in FieldComment.objects.filter(evaluation=submitted):
        unit.post(f"/review/comments/{comment.pk}/answer/", {"answer": "已核对修改。"})
    assert not FieldComment.objects.filter(evaluation=submitted, answer="").exists()
    assert unit.post(f"/evaluations/{submitted.pk}/submit/").status_code == 302


def test_a_field_comment_without_text_is_refused_and_what_was_typed_is_shown_again(
    world, client_for, submitted
):
    reviewer = client_for(world.reviewer)
    response = _return(
        reviewer, submitted, field=["problems", "funds-actual_spending"], field_comment=["", "核对"]
    )
    # Redirect after the refused POST; the page it leads to shows the reason and every comment
    # typed, the field comments in their rows with their fields chosen.
    assert response.status_code == 302 and response["Location"].endswith("#problem")
    page = reviewer.get(response["Location"]).content.decode()
    assert "请填写对“存在问题”的意见" in page
    assert 'value="核对"' in page and "请按字段意见修改。" in page
    assert '<option value="problems" selected>' in page
    assert '<option value="funds-actual_spending" selected>' in page
    # Shown once: a reload does not bring the refusal back.
    assert "请填写对“存在问题”的意见" not in reviewer.get(response["Location"]).content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"  # nothing happened


def test_only_the_unit_answers_and_an_empty_answer_is_refused(world, client_for, submitted):
    _return(client_for(world.reviewer), submitted, field=["problems"], field_comment=["补充"])
    comment = FieldComment.objects.get()
    assert (
        client_for(world.other_unit_user)
        .post(f"/review/comments/{comment.pk}/answer/", {"answer": "x"})
        .status_code
        == 404
    )
    client_for(world.unit_user).post(f"/review/comments/{comment.pk}/answer/", {"answer": " "})
    comment.refresh_from_db()
    assert comment.answer == ""


def test_reviewers_keep_phrases_that_appear_on_the_review_form(world, client_for, submitted):
    reviewer = client_for(world.reviewer)
    assert reviewer.post("/review/phrases/", {"text": "请补充佐证材料。"}).status_code == 302
    ReviewPhrase.objects.create(
        organisation=world.bureau, text="财政局统一要求：数据须与决算一致。"
    )
    page = reviewer.get(f"/evaluations/{submitted.pk}/").content.decode()
    assert 'data-phrase="请补充佐证材料。"' in page
    assert 'data-phrase="财政局统一要求：数据须与决算一致。"' in page  # the bureau's, above
    assert client_for(world.unit_user).get("/review/phrases/").status_code == 404
    empty = reviewer.post("/review/phrases/", {"text": "  "})
    assert empty.status_code == 400 and "请填写" in empty.content.decode()
    bureau_phrase = ReviewPhrase.objects.get(organisation=world.bureau)
    reviewer.post(f"/review/phrases/{bureau_phrase.pk}/remove/")
    assert ReviewPhrase.objects.filter(pk=bureau_phrase.pk).exists()  # not the reviewer's to drop
