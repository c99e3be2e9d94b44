"""Evidence of a 运行监控 month: uploads checked as a form's, kept versions, removal (kept too),
who may attach, remove or read it (the access policy's monitoring rows), the months a submitted
self-evaluation locks, the monitoring page, and audit verification."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from jixiao.formats.evidence_files import EvidenceRefused
from jixiao.web.evaluations.demo import centre_form, centre_project_form
from jixiao.web.evaluations.services import evaluation_submit
from jixiao.web.evidence.models import MonitoringEvidence
from jixiao.web.evidence.selectors import (
    current_monitoring_evidence,
    forms_backed_by,
    monitoring_evidence_panel,
    monitoring_records_of,
)
from jixiao.web.evidence.services import (
    monitoring_evidence_remove,
    monitoring_evidence_replace,
    monitoring_evidence_upload,
)
from jixiao.web.evidence.storage import evidence_storage
from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.monitoring.services import monitoring_create
from jixiao.web.organisations.models import FiscalYear
from jixiao.web.sealing.verification import verify_records
from tests.web.conftest import make_form
from tests.web.evidence.conftest import pdf_bytes, png_bytes


@pytest.fixture
def record(world) -> MonitoringRecord:
    # The unit's 2023 record as of July: months 1 to 7 can carry evidence.
    return monitoring_create(
        organisation=world.unit,
        year=2023,
        kind="unit",
        name="",
        user=None,
        form=december_spender(world.unit.name, world.department.name, month=7),
    )


def _upload(record, user, month=7, content=None, name="7月支出台账.pdf") -> MonitoringEvidence:
    return monitoring_evidence_upload(
        record=record, user=user, month=month, name=name, content=content or pdf_bytes("7月")
    )


def test_the_unit_attaches_a_ledger_to_a_month_stored_by_hash(world, record) -> None:
    item = _upload(record, world.unit_user)
    assert (item.month, item.name, item.media_type) == (7, "7月支出台账.pdf", "application/pdf")
    with evidence_storage().open(item.storage_key, "rb") as stored:
        assert stored.read() == pdf_bytes("7月")
    assert item.storage_key.startswith(f"evidence/monitoring/{record.pk}/")
    assert "7月支出台账" not in item.storage_key  # stored under a generated key


def test_bad_files_and_months_are_refused_in_chinese_and_nothing_is_stored(world, record) -> None:
    with pytest.raises(EvidenceRefused, match="1月至7月"):
        _upload(record, world.unit_user, month=8)
    with pytest.raises(EvidenceRefused):
        _upload(record, world.unit_user, content=b"MZ\x90\x00 not a document", name="x.pdf")
    with pytest.raises(EvidenceRefused, match=r"路径|文件名"):
        _upload(record, world.unit_user, name="../../etc/passwd.pdf")
    _upload(record, world.unit_user, month=6)
    with pytest.raises(EvidenceRefused, match="内容完全相同"):
        _upload(record, world.unit_user, month=7)
    assert MonitoringEvidence.objects.count() == 1
    assert len(evidence_storage().listdir(f"evidence/monitoring/{record.pk}")[1]) == 1


def test_who_may_attach_is_the_policys_monitoring_edit(world, record) -> None:
    # The finance bureau may correct monitoring figures, so it may attach their evidence.
    assert _upload(record, world.finance, content=png_bytes(), name="照片.png").month == 7
    for outsider in (world.reviewer, world.observer, world.other_unit_user, world.outsider):
        with pytest.raises(PermissionDenied):
            _upload(record, outsider, content=png_bytes("blue"), name="照片.png")


def test_a_closed_year_is_closed_to_unit_evidence_but_not_to_the_bureau(world, record) -> None:
    FiscalYear.objects.update_or_create(year=2023, defaults={"is_open": False})
    with pytest.raises(EvidenceRefused, match="2023年度已停止填报"):
        _upload(record, world.unit_user)
    assert _upload(record, world.finance).pk


def test_replacing_keeps_the_old_version(world, record) -> None:
    old = _upload(record, world.unit_user)
    new = monitoring_evidence_replace(
        evidence=old, user=world.unit_user, name="7月支出台账（更正）.pdf", content=pdf_bytes("v2")
    )
    old.refresh_from_db()
    assert old.superseded_at is not None and new.replaces == old and new.month == 7
    assert evidence_storage().exists(old.storage_key)
    with pytest.raises(EvidenceRefused, match="已被替换"):
        monitoring_evidence_replace(
            evidence=old, user=world.unit_user, name="again.pdf", content=pdf_bytes("v3")
        )


def test_the_unit_removes_a_mistaken_file_which_is_kept_and_still_verified(world, record) -> None:
    item = _upload(record, world.unit_user)
    monitoring_evidence_remove(evidence=item, user=world.unit_user)
    item.refresh_from_db()
    assert item.removed_by == world.unit_user and item.removed_at is not None
    assert list(current_monitoring_evidence(record)) == []
    assert monitoring_evidence_panel(record, editable=True).removed == 1
    assert evidence_storage().exists(item.storage_key)  # the file stays for the auditor
    assert verify_records().intact
    # Removed, it is no longer a duplicate: the right month can take the same file again.
    assert _upload(record, world.unit_user, month=6).month == 6
    with pytest.raises(EvidenceRefused, match="已被替换或删除"):
        monitoring_evidence_remove(evidence=item, user=world.unit_user)


def test_who_may_remove_is_who_may_edit_the_month(world, record) -> None:
    item = _upload(record, world.unit_user)
    for outsider in (world.reviewer, world.observer, world.other_unit_user, world.outsider):
        with pytest.raises(PermissionDenied):
            monitoring_evidence_remove(evidence=item, user=outsider)
    assert MonitoringEvidence.objects.get().removed_at is None
    monitoring_evidence_remove(evidence=item, user=world.finance)
    assert MonitoringEvidence.objects.get().removed_by == world.finance


def test_a_closed_year_locks_its_months_for_the_unit(world, record) -> None:
    item = _upload(record, world.unit_user)
    FiscalYear.objects.update_or_create(year=2023, defaults={"is_open": False})
    with pytest.raises(EvidenceRefused, match="2023年度已停止填报"):
        monitoring_evidence_remove(evidence=item, user=world.unit_user)
    assert MonitoringEvidence.objects.get().removed_at is None


def test_a_submitted_self_evaluation_locks_the_months_it_carries(world, record) -> None:
    form = make_form(world.unit, centre_form(2023))
    assert forms_backed_by(record) == [form]
    item = _upload(record, world.unit_user)
    evaluation_submit(evaluation=form, user=world.unit_user)
    with pytest.raises(EvidenceRefused, match=r"已提交.*不能删除"):
        monitoring_evidence_remove(evidence=item, user=world.unit_user)
    assert not monitoring_evidence_panel(record, editable=True).removable
    # A correction is still a new version beside the old one.
    new = monitoring_evidence_replace(
        evidence=item, user=world.unit_user, name="7月台账（更正）.pdf", content=pdf_bytes("v2")
    )
    assert list(current_monitoring_evidence(record)) == [new]


def test_forms_and_records_are_linked_by_unit_or_project_name_and_year(world, record) -> None:
    unit_2023 = make_form(world.unit, centre_form(2023))
    project_2023 = make_form(world.unit, centre_project_form(2023, world.department.name))
    project = monitoring_create(
        organisation=world.unit, year=2023, kind="project", name="综治视联网运行维护项目", user=None
    )
    other = monitoring_create(
        organisation=world.unit, year=2023, kind="project", name="别的项目", user=None
    )
    assert list(monitoring_records_of(unit_2023)) == [record]
    assert list(monitoring_records_of(project_2023)) == [project]
    assert list(monitoring_records_of(world.unit_form)) == []  # 2022: no monitoring record
    assert forms_backed_by(project) == [project_2023] and forms_backed_by(other) == []


def test_removal_through_the_page_answers_in_chinese(world, record, client_for) -> None:
    item = _upload(record, world.unit_user)
    url = f"/monitoring/{record.pk}/evidence/{item.pk}/remove/"
    page = client_for(world.unit_user).get(f"/monitoring/{record.pk}/").content.decode()
    assert f'action="{url}"' in page
    reviewer = client_for(world.reviewer)
    assert url not in reviewer.get(f"/monitoring/{record.pk}/").content.decode()
    assert reviewer.post(url, HTTP_ACCEPT="application/json").status_code == 403
    assert client_for(world.other_unit_user).post(url).status_code == 404
    client = client_for(world.unit_user)
    done = client.post(url, HTTP_ACCEPT="application/json")
    assert done.json() == {"ok": True, "message": "已删除佐证材料“7月支出台账.pdf”。"}
    again = client.post(url)
    assert again.status_code == 302 and again["Location"] == f"/monitoring/{record.pk}/#evidence"
    page = client.get(again["Location"]).content.decode()
    assert "已被替换或删除" in page and "另有 1 份已删除的佐证材料" in page
    # The removed file can still be downloaded by who sees the record (it is kept).
    assert reviewer.get(f"/monitoring/{record.pk}/evidence/{item.pk}/").status_code == 200


def test_the_monitoring_page_lists_months_and_downloads_follow_the_policy(
    world, record, client_for
) -> None:
    item = _upload(record, world.unit_user)
    page = client_for(world.unit_user).get(f"/monitoring/{record.pk}/").content.decode()
    assert "各月佐证材料" in page and "7月支出台账.pdf" in page and 'data-path="7"' in page
    assert 'data-path="8"' not in page  # the record reports up to July
    url = f"/monitoring/{record.pk}/evidence/{item.pk}/"
    # The reviewer sees the unit's monitoring (and its evidence) but may not attach any.
    reviewer = client_for(world.reviewer)
    seen = reviewer.get(f"/monitoring/{record.pk}/").content.decode()
    assert "7月支出台账.pdf" in seen and "evidence-drop" not in seen
    assert reviewer.get(url).status_code == 200
    refused = reviewer.post(
        f"/monitoring/{record.pk}/evidence/",
        {"path": "7", "file": _named(png_bytes(), "x.png")},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 403
    assert client_for(world.other_unit_user).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_upload_through_the_page_answers_json_in_chinese(world, record, client_for) -> None:
    client = client_for(world.unit_user)
    ok = client.post(
        f"/monitoring/{record.pk}/evidence/",
        {"path": "3", "file": _named(pdf_bytes("3月"), "3月凭证.pdf")},
        HTTP_ACCEPT="application/json",
    )
    assert ok.json() == {"ok": True, "message": "已上传3月的佐证材料“3月凭证.pdf”。"}
    bad = client.post(
        f"/monitoring/{record.pk}/evidence/",
        {"path": "", "file": _named(pdf_bytes("x"), "x.pdf")},
        HTTP_ACCEPT="application/json",
    )
    assert bad.status_code == 400 and bad.json()["message"] == "未上传：请选择佐证材料所属的月份。"
    item = MonitoringEvidence.objects.get()
    inline = client.get(f"/monitoring/{record.pk}/evidence/{item.pk}/?inline=1")
    assert inline["Content-Disposition"] == "inline"
    assert b"".join(inline.streaming_content) == pdf_bytes("3月")


def test_audit_verify_catches_a_changed_monitoring_evidence_file(world, record) -> None:
    item = _upload(record, world.unit_user)
    assert verify_records().intact
    storage = evidence_storage()
    storage.delete(item.storage_key)
    storage.save(item.storage_key, _named(pdf_bytes("forged"), "f.pdf"))
    report = verify_records()
    assert not report.intact
    assert "7月支出台账.pdf" in report.breaks[0].field
    assert "哈希不符" in report.breaks[0].message


def _named(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
