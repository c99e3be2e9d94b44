"""Evidence services: checked uploads, kept versions, draft-only deletion, the submit rule."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from jixiao.core.serialization import form_from_data
from jixiao.core.workflow import WorkflowError
from jixiao.formats.evidence_files import EvidenceRefused
from jixiao.web.evaluations.services import evaluation_return, evaluation_submit
from jixiao.web.evidence.models import Evidence
from jixiao.web.evidence.selectors import current_evidence, evidence_events
from jixiao.web.evidence.services import (
    evidence_remove,
    evidence_replace,
    evidence_set_public,
    evidence_upload,
)
from jixiao.web.evidence.storage import evidence_storage
from tests.web.evidence.conftest import pdf_bytes, png_bytes

ROW = "tasks[1].indicators[0]"  # 受理来穗人员随迁子女积分制入学报名 3525人次


def _upload(world, content: bytes, name: str = "台账.pdf", path: str = ROW) -> Evidence:
    return evidence_upload(
        evaluation=world.unit_form,
        user=world.unit_user,
        name=name,
        content=content,
        anchor_path=path,
    )


def _stored_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_upload_is_stored_under_a_generated_key_with_its_hash(world) -> None:
    content = pdf_bytes()
    item = _upload(world, content, name="2022年积分入学台账.pdf")
    assert item.name == "2022年积分入学台账.pdf"
    assert item.storage_key.startswith(f"evidence/{world.unit_form.pk}/")
    assert item.storage_key.endswith(".pdf") and "台账" not in item.storage_key
    assert item.sha256 == hashlib.sha256(content).hexdigest()
    assert (item.anchor, item.media_type) == ("indicator", "application/pdf")
    with evidence_storage().open(item.storage_key) as stored:
        assert stored.read() == content


def test_a_duplicate_is_refused_by_content_not_name(world, settings) -> None:
    _upload(world, pdf_bytes(), name="a.pdf")
    with pytest.raises(EvidenceRefused, match=r"与已上传的“a\.pdf”内容完全相同"):
        _upload(world, pdf_bytes(), name="b.pdf", path="")
    assert len(_stored_files(settings)) == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00" + bytes(100), "会议纪要.pdf", "文件内容不是允许的类型"),
        (pdf_bytes(), "../../etc/passwd.pdf", "路径分隔符"),
        (pdf_bytes() + bytes(2 * 1024 * 1024), "大文件.pdf", "每个佐证材料不能超过 1 MB"),
    ],
)
def test_bad_files_are_refused_in_chinese_and_nothing_is_stored(
    world, settings, content: bytes, name: str, message: str
) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    with pytest.raises(EvidenceRefused, match=message):
        _upload(world, content, name=name)
    assert _stored_files(settings) == []
    assert not Evidence.objects.exists()


def test_a_zip_bomb_is_refused_and_nothing_is_stored(world, settings) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", bytes(30 * 1024 * 1024))
    with pytest.raises(EvidenceRefused, match="压缩炸弹"):
        _upload(world, buffer.getvalue(), name="照片.zip")
    assert _stored_files(settings) == []


def test_the_form_total_is_limited(world, settings) -> None:
    settings.EVIDENCE_FORM_MAX_BYTES = len(pdf_bytes("一")) + 10
    _upload(world, pdf_bytes("一"))
    with pytest.raises(EvidenceRefused, match="本表单的佐证材料合计不能超过"):
        _upload(world, png_bytes(), name="照片.png")


def test_a_row_that_does_not_exist_is_refused(world) -> None:
    with pytest.raises(EvidenceRefused, match="不存在"):
        _upload(world, pdf_bytes(), path="tasks[9].indicators[0]")


def test_replacing_keeps_the_old_version(world) -> None:
    first = _upload(world, pdf_bytes("v1"), name="台账v1.pdf")
    second = evidence_replace(
        evidence=first, user=world.unit_user, name="台账v2.pdf", content=pdf_bytes("v2")
    )
    first.refresh_from_db()
    assert first.superseded_at is not None and second.replaces == first
    assert list(current_evidence(world.unit_form)) == [second]
    assert evidence_storage().exists(first.storage_key)
    assert evidence_events(world.unit_form)[0].what.endswith("“台账v1.pdf” → “台账v2.pdf”")


def test_deleting_is_for_drafts_only_and_never_for_sealed_files(world) -> None:
    item = _upload(world, pdf_bytes())
    evidence_remove(evidence=item, user=world.unit_user)
    assert not Evidence.objects.exists()

    kept = _upload(world, pdf_bytes("kept"))
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    with pytest.raises(EvidenceRefused, match="正在审核"):
        evidence_remove(evidence=kept, user=world.unit_user)
    evaluation_return(evaluation=world.unit_form, user=world.reviewer, comment="补充材料")
    with pytest.raises(EvidenceRefused, match="只有草稿状态"):
        evidence_remove(evidence=kept, user=world.unit_user)


def test_only_people_who_edit_the_form_may_upload(world) -> None:
    for user in (world.reviewer, world.other_unit_user, world.observer):
        with pytest.raises(PermissionDenied):
            evidence_upload(
                evaluation=world.unit_form, user=user, name="x.pdf", content=pdf_bytes()
            )


def test_public_flag_is_fixed_once_submitted(world) -> None:
    item = _upload(world, pdf_bytes())
    assert evidence_set_public(evidence=item, user=world.unit_user, public=True).public
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    with pytest.raises(EvidenceRefused):
        evidence_set_public(evidence=item, user=world.unit_user, public=False)


def test_the_rule_set_can_require_evidence_for_met_indicators(world, monkeypatch) -> None:
    from jixiao.web.evidence import selectors

    original = selectors.rules_named

    def strict(ruleset_id, form_type):  # type: ignore[no-untyped-def]
        rules = original(ruleset_id, form_type)
        evidence = rules.evidence.model_copy(update={"met_quantitative": "error"})
        return rules.model_copy(update={"evidence": evidence})

    monkeypatch.setattr(selectors, "rules_named", strict)
    form = world.unit_form
    missing = selectors.evidence_findings(form, form_from_data(form.data))
    assert missing and all(f.code == "evidence_missing_for_met_indicator" for f in missing)
    panel = selectors.evidence_panel(form, editable=True)
    assert (panel.missing, panel.blocking) == (len(missing), True)
    assert {row.path for row in panel.rows if row.missing} == {f.path for f in missing}
    with pytest.raises(WorkflowError, match=f"表单还有 {len(missing)} 个错误"):
        evaluation_submit(evaluation=form, user=world.unit_user)
    for number, finding in enumerate(missing):
        _upload(world, pdf_bytes(f"台账{number}"), path=finding.path)
    assert selectors.evidence_findings(form, form_from_data(form.data)) == []
    assert evaluation_submit(evaluation=form, user=world.unit_user).status == "submitted"
