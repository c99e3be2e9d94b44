"""Evidence pages: uploads answer in Chinese, downloads follow the form's access rules."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_return,
    evaluation_submit,
)
from jixiao.web.evidence.models import Evidence
from jixiao.web.sealing.models import ChainEvent
from tests.web.evidence.conftest import pdf_bytes, png_bytes

ROW = "tasks[0].indicators[0]"


def _upload(client, form, content: bytes, name: str, **extra):
    return client.post(
        reverse("evidence:upload", args=[form.pk]),
        {"file": SimpleUploadedFile("upload.bin", content), "name": name, "path": ROW, **extra},
        HTTP_ACCEPT="application/json",
    )


def test_an_upload_answers_json_and_lists_the_file_on_the_row(world, client_for) -> None:
    client = client_for(world.unit_user)
    response = _upload(client, world.unit_form, pdf_bytes(), "调处台账.pdf")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "message": "已上传佐证材料“调处台账.pdf”。"}
    page = client.get(reverse("evaluations:edit", args=[world.unit_form.pk])).content.decode()
    assert "调处台账.pdf" in page and "任务1 指标“矛盾纠纷调处成功率”" in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x7fELF" + bytes(64), "台账.pdf", "未上传：文件内容不是允许的类型"),
        (pdf_bytes(), "..\\..\\boot.ini", "未上传：文件名“..\\..\\boot.ini”含有路径分隔符"),
        (b"", "空.pdf", "未上传：文件是空的"),
    ],
)
def test_a_bad_file_gets_a_chinese_error_and_nothing_is_stored(
    world, client_for, content, name, message
) -> None:
    response = _upload(client_for(world.unit_user), world.unit_form, content, name)
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused(world, client_for, settings) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024
    response = _upload(client_for(world.unit_user), world.unit_form, pdf_bytes() * 40, "大.pdf")
    assert response.status_code == 400
    assert "不能超过 1 KB" in response.json()["message"]


def test_downloads_follow_the_forms_access_policy(world, client_for) -> None:
    _upload(client_for(world.unit_user), world.unit_form, png_bytes(), "现场照片.png")
    item = Evidence.objects.get()
    url = reverse("evidence:download", args=[world.unit_form.pk, item.pk])
    for user in (world.unit_user, world.reviewer, world.finance, world.observer):
        response = client_for(user).get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == png_bytes()
        assert "attachment" in response["Content-Disposition"]
    for user in (world.other_unit_user, world.outsider):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    # The same file asked through another form is not found either.
    other = reverse("evidence:download", args=[world.other_form.pk, item.pk])
    assert client_for(world.other_unit_user).get(other).status_code == 404


def test_a_preview_is_inline_and_may_be_framed_by_the_page(world, client_for) -> None:
    client = client_for(world.reviewer)
    _upload(client_for(world.unit_user), world.unit_form, pdf_bytes(), "纪要.pdf")
    item = Evidence.objects.get()
    response = client.get(
        reverse("evidence:download", args=[world.unit_form.pk, item.pk]) + "?inline=1"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_reviewers_cannot_upload(world, client_for) -> None:
    response = _upload(client_for(world.reviewer), world.unit_form, pdf_bytes(), "x.pdf")
    assert response.status_code == 403


def test_the_review_screen_shows_evidence_changes_between_rounds(world, client_for) -> None:
    unit = client_for(world.unit_user)
    _upload(unit, world.unit_form, pdf_bytes("一"), "第一版台账.pdf")
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    evaluation_return(evaluation=world.unit_form, user=world.reviewer, comment="台账不全")
    item = Evidence.objects.get()
    unit.post(
        reverse("evidence:replace", args=[world.unit_form.pk, item.pk]),
        {
            "file": SimpleUploadedFile("x", pdf_bytes("二")),
            "name": "第二版台账.pdf",
        },
        HTTP_ACCEPT="application/json",
    )
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    page = client_for(world.reviewer).get(reverse("evaluations:detail", args=[world.unit_form.pk]))
    text = page.content.decode()
    assert "与上一轮提交相比，佐证材料的变化（1 处）" in text
    assert "第一版台账.pdf → 第二版台账.pdf" in text


def test_the_history_page_marks_each_sealed_event_verified(world, client_for) -> None:
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    evaluation_approve(evaluation=world.unit_form, user=world.reviewer)
    client = client_for(world.reviewer)
    url = reverse("evaluations:history", args=[world.unit_form.pk])
    text = client.get(url).content.decode()
    assert text.count("✓ 已验证") == 2
    ChainEvent.objects.filter(evaluation=world.unit_form, seq=2).update(actor="someone")
    text = client.get(url).content.decode()
    assert text.count("✓ 已验证") == 1 and "✗ 未通过" in text and "发现改动" in text


def test_the_package_downloads_as_a_zip(world, client_for) -> None:
    response = client_for(world.observer).get(reverse("sealing:package", args=[world.unit_form.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response.content.startswith(b"PK")
    outsider = client_for(world.outsider).get(reverse("sealing:package", args=[world.unit_form.pk]))
    assert outsider.status_code == 404
