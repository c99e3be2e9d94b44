"""Signed published PDFs and the evidence package, checked offline by ``jixiao audit
verify-package``."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from jixiao.cli.main import main
from jixiao.formats.package import verify_package
from jixiao.formats.signing import load_certificate, validate_pdf
from jixiao.web.evaluations.demo import centre_form
from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_publish,
    evaluation_submit,
)
from jixiao.web.evidence.models import MonitoringEvidence
from jixiao.web.evidence.services import (
    evidence_upload,
    monitoring_evidence_remove,
    monitoring_evidence_replace,
    monitoring_evidence_upload,
)
from jixiao.web.evidence.storage import evidence_storage
from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.services import monitoring_create
from jixiao.web.sealing.certificates import GeneratedCertificate, make_certificate
from jixiao.web.sealing.documents import published_pdf
from jixiao.web.sealing.models import ChainEvent, SealedDocument
from jixiao.web.sealing.package import package_bytes
from jixiao.web.sealing.verification import verify_records
from tests.web.conftest import make_form
from tests.web.evidence.conftest import pdf_bytes, png_bytes


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCertificate:
    return make_certificate(tmp_path_factory.mktemp("cert"))


@pytest.fixture
def signing(settings, certificate: GeneratedCertificate, tmp_path: Path) -> GeneratedCertificate:
    secret = tmp_path / "signing-password"
    secret.write_text(certificate.password, encoding="utf-8")
    settings.SIGNING_PKCS12 = str(certificate.pkcs12_path)
    settings.SIGNING_PASSWORD_FILE = str(secret)
    return certificate


def _publish(world) -> None:
    form = world.unit_form
    evidence_upload(
        evaluation=form,
        user=world.unit_user,
        name="积分入学台账.pdf",
        content=pdf_bytes(),
        anchor_path="tasks[0].indicators[0]",
    )
    evidence_upload(
        evaluation=form,
        user=world.unit_user,
        name="融合活动照片.png",
        content=png_bytes(),
        anchor_path="tasks[0].indicators[1]",
    )
    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_approve(evaluation=form, user=world.reviewer)
    evaluation_approve(evaluation=form, user=world.finance)
    evaluation_publish(evaluation=form, user=world.finance)
    form.refresh_from_db()


@pytest.mark.slow
def test_publication_keeps_a_signed_pdf_naming_the_snapshot(world, signing) -> None:
    _publish(world)
    publish = ChainEvent.objects.get(evaluation=world.unit_form, kind="publish")
    assert SealedDocument.objects.get(event=publish).signed
    check = validate_pdf(published_pdf(world.unit_form), [load_certificate(signing.ca_pem)])
    assert check.ok and check.trusted
    assert publish.hash in check.reason
    assert verify_records().intact


@pytest.mark.slow
def test_the_package_holds_everything_and_verifies_offline(
    world, signing, tmp_path: Path, capsys
) -> None:
    _publish(world)
    content = package_bytes(world.unit_form)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert [n for n in names if not n.startswith("evidence/")] == [
        "form.json",
        "form.pdf",
        "form.xlsx",
        "manifest.json",
        "snapshot.json",
    ]
    assert sorted(n.split("-", 1)[1] for n in names if n.startswith("evidence/")) == [
        "积分入学台账.pdf",
        "融合活动照片.png",
    ]
    publish = ChainEvent.objects.get(evaluation=world.unit_form, kind="publish")
    assert manifest["snapshot_hash"] == publish.hash
    assert {e["row"] for e in manifest["evidence"]} == {
        "任务1 指标“矛盾纠纷调处成功率”",
        "任务1 指标“规范化建设综治中心数量”",
    }

    package = tmp_path / "证据包.zip"
    package.write_bytes(content)
    assert main(["audit", "verify-package", str(package)]) == 0
    assert "完整" in capsys.readouterr().out

    # One evidence file swapped inside the ZIP: named, exit 1.
    tampered = tmp_path / "tampered.zip"
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(tampered, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("积分入学台账.pdf"):
                data = pdf_bytes("改过的台账")
            target.writestr(info, data)
    assert main(["audit", "verify-package", str(tampered)]) == 1
    out = capsys.readouterr().out
    assert "文件内容与清单中的 SHA-256 不符" in out and "积分入学台账.pdf" in out


def test_verify_package_cannot_run_on_a_missing_file(tmp_path: Path, capsys) -> None:
    assert main(["audit", "verify-package", str(tmp_path / "missing.zip")]) == 2


def test_an_unsigned_package_of_a_draft_still_lists_every_file(world) -> None:
    content = package_bytes(world.unit_form, sign=False)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["snapshot_hash"] is None
    assert {f["name"] for f in manifest["files"]} == {"form.pdf", "form.xlsx", "form.json"}


@pytest.mark.slow
def test_any_form_downloads_signed_on_request_when_a_certificate_is_set(
    world, signing, client_for
) -> None:
    from django.urls import reverse

    client = client_for(world.reviewer)
    page = client.get(reverse("evaluations:detail", args=[world.unit_form.pk])).content.decode()
    assert "下载签名 PDF" in page
    response = client.get(reverse("sealing:signed_pdf", args=[world.unit_form.pk]))
    assert response["Content-Type"] == "application/pdf"
    check = validate_pdf(response.content, [load_certificate(signing.ca_pem)])
    assert check.ok and check.trusted


def test_without_a_certificate_no_signed_pdf_is_offered(world, client_for) -> None:
    from django.urls import reverse

    page = client_for(world.reviewer).get(reverse("evaluations:detail", args=[world.unit_form.pk]))
    assert "下载签名 PDF" not in page.content.decode()


def test_a_signature_that_fails_refuses_the_publication(world, settings, tmp_path) -> None:
    from jixiao.core.workflow import WorkflowError
    from jixiao.web.evaluations.models import Evaluation

    settings.SIGNING_PKCS12 = str(tmp_path / "missing.p12")
    form = world.unit_form
    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_approve(evaluation=form, user=world.reviewer)
    evaluation_approve(evaluation=form, user=world.finance)
    with pytest.raises(WorkflowError, match="未能公开：公开的 PDF 无法签名（签名证书文件不存在"):
        evaluation_publish(evaluation=form, user=world.finance)
    assert Evaluation.objects.get(pk=form.pk).status == "finance_approved"
    assert not ChainEvent.objects.filter(evaluation=form, kind="publish").exists()


def _unit_record(world, unit):
    return monitoring_create(
        organisation=unit,
        year=2023,
        kind="unit",
        name="",
        user=None,
        form=december_spender(unit.name, world.department.name, month=7),
    )


def _monitored_form(world):
    """The centre's 2023 form with its 2023 运行监控 record (as of July), the months' files as
    the unit left them: a ledger for July replaced by a corrected one, a photo for March, a
    file removed from June; and the sibling unit's record with a file of its own."""
    form = make_form(world.unit, centre_form(2023))
    record = _unit_record(world, world.unit)
    july = monitoring_evidence_upload(
        record=record, user=world.unit_user, month=7, name="7月台账.pdf", content=pdf_bytes("7")
    )
    monitoring_evidence_replace(
        evidence=july, user=world.unit_user, name="7月台账（更正）.pdf", content=pdf_bytes("7b")
    )
    monitoring_evidence_upload(
        record=record, user=world.unit_user, month=3, name="3月照片.png", content=png_bytes()
    )
    june = monitoring_evidence_upload(
        record=record, user=world.unit_user, month=6, name="传错的.pdf", content=pdf_bytes("x")
    )
    monitoring_evidence_remove(evidence=june, user=world.unit_user)
    sibling = _unit_record(world, world.other_unit)
    monitoring_evidence_upload(
        record=sibling, user=world.other_unit_user, month=7, name="别人的.pdf", content=pdf_bytes()
    )
    return form, record


def _rewritten(content: bytes, change) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return buffer.getvalue()


def test_the_package_carries_the_current_evidence_of_the_forms_monitoring_months(
    world, tmp_path: Path, capsys
) -> None:
    form, record = _monitored_form(world)
    content = package_bytes(form, sign=False)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("monitoring/"))
        manifest = json.loads(archive.read("manifest.json"))
        stored = {n: archive.read(n) for n in names}
    # The replaced and the removed file stay out, and so does the sibling unit's.
    assert [(n.split("-", 2)[0], n.split("-", 2)[2]) for n in names] == [
        ("monitoring/03月", "3月照片.png"),
        ("monitoring/07月", "7月台账（更正）.pdf"),
    ]
    listed = {e["file"]: e for e in manifest["monitoring_evidence"]}
    assert set(listed) == set(names)
    for name, data in stored.items():
        assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest()
        assert listed[name]["record_id"] == record.pk
    assert {listed[n]["month"] for n in names} == {3, 7}
    assert set(names) <= {f["name"] for f in manifest["files"]}

    package = tmp_path / "证据包.zip"
    package.write_bytes(content)
    assert main(["audit", "verify-package", str(package)]) == 0
    capsys.readouterr()

    # The corrected July ledger swapped inside the ZIP: named, exit 1.
    july = next(n for n in names if "7月台账" in n)
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(_rewritten(content, lambda n, d: pdf_bytes("假") if n == july else d))
    assert main(["audit", "verify-package", str(tampered)]) == 1
    out = capsys.readouterr().out
    assert f"文件内容与清单中的 SHA-256 不符：{july}" in out
    assert "运行监控佐证材料“7月台账（更正）.pdf”（7月）与上传时记录的哈希不符" in out


def test_a_swap_that_rewrites_the_file_list_is_still_caught_by_the_upload_hash(world) -> None:
    form, _record = _monitored_form(world)
    content = package_bytes(form, sign=False)
    forged = pdf_bytes("假")

    def change(name: str, data: bytes) -> bytes:
        if name.endswith("7月台账（更正）.pdf"):
            return forged
        if name == "manifest.json":
            manifest = json.loads(data)
            for entry in manifest["files"]:
                if entry["name"].endswith("7月台账（更正）.pdf"):
                    entry["sha256"] = hashlib.sha256(forged).hexdigest()
                    entry["size"] = len(forged)
            return json.dumps(manifest, ensure_ascii=False).encode("utf-8")
        return data

    check = verify_package(_rewritten(content, change))
    assert check.problems == ["运行监控佐证材料“7月台账（更正）.pdf”（7月）与上传时记录的哈希不符"]


def test_audit_verify_of_one_form_checks_its_monitoring_months(world) -> None:
    form, record = _monitored_form(world)
    assert verify_records(form_id=form.pk).intact
    removed = MonitoringEvidence.objects.get(record=record, month=6)
    storage = evidence_storage()
    storage.delete(removed.storage_key)  # a removed file is still kept, so still checked
    report = verify_records(form_id=form.pk)
    assert [b.message for b in report.breaks] == ["文件已不存在"]
    assert "传错的.pdf" in report.breaks[0].field
    # The sibling unit's form does not carry this record.
    assert verify_records(form_id=world.other_form.pk).intact
