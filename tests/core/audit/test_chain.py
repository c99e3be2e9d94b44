"""The per-form hash chain: every kind of tampering is found, and named."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from jixiao.core.audit import (
    GENESIS_HASH,
    EventKind,
    EvidenceRef,
    Link,
    Snapshot,
    anchor_hash,
    canonical_json,
    snapshot_from_text,
    snapshot_hash,
    snapshot_text,
    verify_chain,
)
from jixiao.core.audit.canonical import NotCanonical
from jixiao.core.audit.chain import evidence_break

FORM = {"form_type": "project", "year": 2022, "funds": {"total": {"executed": "12.50"}}}
LEDGER = EvidenceRef(id=7, name="台账.pdf", sha256="a" * 64, size=1200, anchor="indicators[0]")


def _chain(length: int = 3) -> list[Link]:
    links: list[Link] = []
    previous = GENESIS_HASH
    kinds = [EventKind.SUBMIT, EventKind.APPROVE, EventKind.PUBLISH, EventKind.WITHDRAW]
    for seq in range(1, length + 1):
        snapshot = Snapshot(
            form_id=4,
            seq=seq,
            kind=kinds[seq - 1],
            actor=f"user{seq}",
            at=f"2023-03-0{seq}T10:00:00+08:00",
            status="submitted",
            form=FORM,
            evidence=(LEDGER,),
            previous_hash=previous,
        )
        text = snapshot_text(snapshot)
        digest = snapshot_hash(text)
        links.append(
            Link(seq, text, digest, previous, str(snapshot.kind), snapshot.actor, snapshot.at)
        )
        previous = digest
    return links


def test_canonical_json_is_sorted_compact_and_keeps_chinese() -> None:
    assert canonical_json({"b": 1, "a": ["人次", None]}) == '{"a":["人次",null],"b":1}'


def test_a_float_has_no_canonical_form() -> None:
    with pytest.raises(NotCanonical):
        canonical_json({"rate": 98.5})


def test_an_untouched_chain_verifies() -> None:
    broken, snapshots = verify_chain(4, _chain())
    assert broken is None
    assert [s.kind for s in snapshots] == [EventKind.SUBMIT, EventKind.APPROVE, EventKind.PUBLISH]


def test_snapshot_text_round_trips() -> None:
    link = _chain(1)[0]
    assert snapshot_text(snapshot_from_text(link.text)) == link.text


def test_an_edited_snapshot_is_the_first_break() -> None:
    links = _chain()
    data = json.loads(links[1].text)
    data["form"]["funds"]["total"]["executed"] = "99.00"
    links[1] = replace(links[1], text=canonical_json(data))
    broken, _ = verify_chain(4, links)
    assert broken is not None
    assert (broken.seq, broken.field) == (2, "快照")


def test_a_rehashed_snapshot_breaks_the_next_link() -> None:
    links = _chain()
    data = json.loads(links[0].text)
    data["actor"] = "someone-else"
    text = canonical_json(data)
    links[0] = replace(links[0], text=text, stored_hash=snapshot_hash(text), actor="someone-else")
    broken, _ = verify_chain(4, links)
    assert broken is not None
    assert (broken.seq, broken.field) == (2, "前一哈希")


def test_a_column_edited_beside_its_snapshot_is_caught() -> None:
    links = _chain()
    links[2] = replace(links[2], actor="intruder")
    broken, _ = verify_chain(4, links)
    assert broken is not None
    assert (broken.seq, broken.field) == (3, "操作人")
    assert "intruder" in broken.describe()


def test_a_deleted_event_leaves_a_gap() -> None:
    links = _chain()
    del links[1]
    broken, _ = verify_chain(4, links)
    assert broken is not None
    assert broken.field == "序号"


def test_a_changed_evidence_file_is_named() -> None:
    assert evidence_break(4, 1, (LEDGER,), {7: "a" * 64}) is None
    changed = evidence_break(4, 1, (LEDGER,), {7: "b" * 64})
    assert changed is not None and "台账.pdf" in changed.field
    missing = evidence_break(4, 1, (LEDGER,), {})
    assert missing is not None and missing.message == "文件已不存在"


def test_the_anchor_changes_when_any_head_changes() -> None:
    heads = {1: "a" * 64, 2: "b" * 64}
    first = anchor_hash("2023-03-01", heads, GENESIS_HASH)
    assert first == anchor_hash("2023-03-01", dict(reversed(heads.items())), GENESIS_HASH)
    assert first != anchor_hash("2023-03-01", {**heads, 2: "c" * 64}, GENESIS_HASH)
    assert first != anchor_hash("2023-03-01", heads, first)
