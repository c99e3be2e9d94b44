"""The hash chain of each form: sealed at every step, and every kind of tampering caught by
``jixiao audit verify`` (direct edits in the database and in storage, as an insider would)."""

from __future__ import annotations

import itertools
import json

import pytest
from django.core.management import call_command

from jixiao.core.audit import canonical_json, snapshot_hash
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_publish,
    evaluation_return,
    evaluation_submit,
)
from jixiao.web.evidence.services import evidence_upload
from jixiao.web.evidence.storage import evidence_storage
from jixiao.web.sealing.models import ChainEvent, DailyAnchor
from jixiao.web.sealing.services import anchor_create
from jixiao.web.sealing.verification import verify_records
from tests.web.evidence.conftest import pdf_bytes

ROW = "tasks[1].indicators[0]"


@pytest.fixture
def published(world) -> Evaluation:
    form = world.unit_form
    evidence_upload(
        evaluation=form,
        user=world.unit_user,
        name="积分入学台账.pdf",
        content=pdf_bytes(),
        anchor_path=ROW,
    )
    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_return(evaluation=form, user=world.reviewer, comment="请补充说明")
    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_approve(evaluation=form, user=world.reviewer)
    evaluation_approve(evaluation=form, user=world.finance, comment="同意")
    evaluation_publish(evaluation=form, user=world.finance)
    form.refresh_from_db()
    return form


def _first_break(form_id: int | None = None) -> str:
    report = verify_records(form_id=form_id)
    assert not report.intact
    return report.breaks[0].describe()


def test_every_step_is_sealed_and_chained(published) -> None:
    events = list(ChainEvent.objects.filter(evaluation=published).order_by("seq"))
    assert [e.kind for e in events] == [
        "submit",
        "return",
        "submit",
        "approve",
        "approve",
        "publish",
    ]
    assert [e.actor for e in events] == [
        "unit_user",
        "reviewer",
        "unit_user",
        "reviewer",
        "finance",
        "finance",
    ]
    assert events[0].previous_hash == "0" * 64
    assert all(b.previous_hash == a.hash for a, b in itertools.pairwise(events))
    sealed = json.loads(events[-1].snapshot)
    assert sealed["form"] == published.data
    assert [e["name"] for e in sealed["evidence"]] == ["积分入学台账.pdf"]
    assert json.loads(events[1].snapshot)["details"]["comment"] == "请补充说明"
    report = verify_records()
    assert report.intact and report.events == 6 and report.files == 1


def test_an_edited_snapshot_is_caught(published) -> None:
    event = ChainEvent.objects.get(evaluation=published, seq=2)
    data = json.loads(event.snapshot)
    data["details"]["comment"] = "同意"
    ChainEvent.objects.filter(pk=event.pk).update(snapshot=canonical_json(data))
    assert (
        _first_break()
        == f"表单 {published.pk}，第 2 个事件，快照：快照内容与其存储的哈希不符（快照被修改）"
    )


def test_a_snapshot_rewritten_with_its_hash_breaks_the_next_link(published) -> None:
    event = ChainEvent.objects.get(evaluation=published, seq=1)
    data = json.loads(event.snapshot)
    data["form"]["funds"]["actual_spending"] = "1.00"
    text = canonical_json(data)
    ChainEvent.objects.filter(pk=event.pk).update(snapshot=text, hash=snapshot_hash(text))
    assert "第 2 个事件，前一哈希" in _first_break()


def test_an_edited_history_row_is_caught(published) -> None:
    # The reviewer's approval is re-attributed in the event row…
    ChainEvent.objects.filter(evaluation=published, seq=4).update(actor="finance")
    assert "第 4 个事件，操作人：记录为“finance”，封存的快照为“reviewer”" in _first_break()


def test_an_edited_simple_history_row_is_caught(published) -> None:
    event = ChainEvent.objects.get(evaluation=published, seq=3)
    history_id = json.loads(event.snapshot)["details"]["history_id"]
    row = Evaluation.history.get(history_id=history_id)
    data = dict(row.data)
    data["funds"] = {**data["funds"], "actual_spending": "1.00"}
    Evaluation.history.filter(history_id=history_id).update(data=data)
    message = _first_break()
    assert f"第 3 个事件，修改记录：修改记录 {history_id} 的“" in message
    assert "实际支出数" in message


def test_a_submitted_forms_figure_edited_in_the_database_is_caught(published) -> None:
    data = dict(published.data)
    before = data["funds"]["actual_spending"]
    data["funds"] = {**data["funds"], "actual_spending": "9999.99"}
    Evaluation.objects.filter(pk=published.pk).update(data=data)
    message = _first_break(published.pk)
    assert "第 6 个事件，当前内容“" in message and "实际支出数" in message
    assert f"封存时为“{before}”，现为“9999.99”" in message


def test_an_evidence_file_changed_in_storage_is_caught(published) -> None:
    item = published.evidence.get()
    path = evidence_storage().path(item.storage_key)
    with open(path, "ab") as stored:
        stored.write(b"%% appended")
    assert "佐证材料“积分入学台账.pdf”：文件内容与封存时的哈希不符" in _first_break()


def test_a_deleted_event_is_caught(published) -> None:
    ChainEvent.objects.filter(evaluation=published, seq=6).delete()
    # The chain itself still holds, but the published form no longer matches its last event.
    assert "状态" in _first_break()


def test_the_daily_anchor_fixes_every_head(published, world) -> None:
    anchor = anchor_create()
    assert anchor_create() == anchor
    assert json.loads(anchor.payload)["heads"] == [
        [published.pk, ChainEvent.objects.filter(evaluation=published).last().hash]
    ]
    assert verify_records().intact
    DailyAnchor.objects.filter(pk=anchor.pk).update(hash="f" * 64)
    assert "每日锚点" in _first_break()


def test_the_command_exits_0_intact_1_broken(published, capsys) -> None:
    call_command("audit", "verify")
    assert "完整" in capsys.readouterr().out
    ChainEvent.objects.filter(evaluation=published, seq=1).update(actor="x")
    with pytest.raises(SystemExit) as exited:
        call_command("audit", "verify", "--form", str(published.pk))
    assert exited.value.code == 1
    assert "第 1 个事件，操作人" in capsys.readouterr().out


def test_a_draft_forms_unsealed_evidence_file_is_checked_too(world) -> None:
    item = evidence_upload(
        evaluation=world.unit_form, user=world.unit_user, name="草稿附件.pdf", content=pdf_bytes()
    )
    assert verify_records().intact
    with open(evidence_storage().path(item.storage_key), "wb") as stored:
        stored.write(pdf_bytes("换掉了"))
    assert "佐证材料“草稿附件.pdf”：文件内容与上传时记录的哈希不符" in _first_break()


def test_the_bureau_makes_and_prints_the_days_anchor(published, world, client_for) -> None:
    from django.urls import reverse

    url = reverse("sealing:anchors")
    assert client_for(world.reviewer).get(url).status_code == 403
    finance = client_for(world.finance)
    response = finance.post(url, follow=True)
    anchor = DailyAnchor.objects.get()
    assert anchor.hash in response.content.decode()
