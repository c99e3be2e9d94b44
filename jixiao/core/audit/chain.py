"""One hash chain per form: each workflow event seals a snapshot of the form.

A snapshot holds the form's canonical JSON, the hashes of its evidence files, who acted, when,
the status the event led to, and the hash of the previous event of the same form (64 zeros for
the first). Its hash is the SHA-256 of its canonical JSON text. Changing anything in a stored
snapshot changes its hash; changing the stored hash breaks the next event's link; deleting an
event leaves a gap in the numbering. :func:`verify_chain` finds the first such break.

The stored row keeps some fields twice (in columns, for lists and queries, and in the snapshot
text); a column that disagrees with the sealed text is a break too, so a history row cannot be
edited to say someone else approved.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jixiao.core.audit.canonical import canonical_json, sha256_hex

GENESIS_HASH = "0" * 64
SNAPSHOT_FORMAT = 1


class EventKind(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    BUREAU_SCORE = "bureau_score"


EVENT_LABELS: dict[EventKind, str] = {
    EventKind.SUBMIT: "提交审核",
    EventKind.RETURN: "退回",
    EventKind.APPROVE: "审核通过",
    EventKind.PUBLISH: "公开",
    EventKind.WITHDRAW: "撤回",
    EventKind.BUREAU_SCORE: "财政评分",
}


@dataclass(frozen=True)
class EvidenceRef:
    """One evidence file as a snapshot names it."""

    id: int
    name: str
    sha256: str
    size: int
    anchor: str
    public: bool = False

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "sha256": self.sha256,
            "size": self.size,
            "anchor": self.anchor,
            "public": self.public,
        }


@dataclass(frozen=True)
class Snapshot:
    form_id: int
    seq: int
    kind: EventKind
    actor: str
    at: str  # ISO 8601 with offset, as the event row stores it
    status: str
    form: Mapping[str, Any]
    evidence: tuple[EvidenceRef, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)
    previous_hash: str = GENESIS_HASH

    def to_data(self) -> dict[str, Any]:
        return {
            "format": SNAPSHOT_FORMAT,
            "form_id": self.form_id,
            "seq": self.seq,
            "kind": str(self.kind),
            "actor": self.actor,
            "at": self.at,
            "status": self.status,
            "form": dict(self.form),
            "evidence": [ref.to_data() for ref in sorted(self.evidence, key=lambda r: r.id)],
            "details": dict(self.details),
            "previous_hash": self.previous_hash,
        }


def snapshot_text(snapshot: Snapshot) -> str:
    return canonical_json(snapshot.to_data())


def snapshot_hash(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


class SnapshotUnreadable(ValueError):
    pass


def snapshot_from_text(text: str) -> Snapshot:
    try:
        data = json.loads(text)
        return Snapshot(
            form_id=int(data["form_id"]),
            seq=int(data["seq"]),
            kind=EventKind(data["kind"]),
            actor=str(data["actor"]),
            at=str(data["at"]),
            status=str(data["status"]),
            form=dict(data["form"]),
            evidence=tuple(
                EvidenceRef(
                    id=int(e["id"]),
                    name=str(e["name"]),
                    sha256=str(e["sha256"]),
                    size=int(e["size"]),
                    anchor=str(e["anchor"]),
                    public=bool(e.get("public", False)),
                )
                for e in data["evidence"]
            ),
            details=dict(data.get("details", {})),
            previous_hash=str(data["previous_hash"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise SnapshotUnreadable(str(exc)) from None


@dataclass(frozen=True)
class Link:
    """A stored event as the database holds it: the sealed text, the stored hash, and the
    columns that repeat parts of the text."""

    seq: int
    text: str
    stored_hash: str
    previous_hash: str
    kind: str
    actor: str
    at: str


@dataclass(frozen=True)
class Break:
    """The first place a chain (or a form, or a file) stops matching what was sealed."""

    form_id: int
    seq: int | None
    field: str
    message: str

    def describe(self) -> str:
        event = f"，第 {self.seq} 个事件" if self.seq is not None else ""
        return f"表单 {self.form_id}{event}，{self.field}：{self.message}"


def verify_chain(form_id: int, links: Sequence[Link]) -> tuple[Break | None, list[Snapshot]]:
    """The first break in ``links`` (ordered by ``seq``), and the snapshots read up to it."""
    previous = GENESIS_HASH
    snapshots: list[Snapshot] = []
    for expected_seq, link in enumerate(links, start=1):

        def broken(what: str, message: str, at: Link = link) -> tuple[Break, list[Snapshot]]:
            return Break(form_id, at.seq, what, message), snapshots

        if link.seq != expected_seq:
            return broken(
                "序号", f"应为第 {expected_seq} 个事件，却是第 {link.seq} 个（有事件被删除或插入）"
            )
        if snapshot_hash(link.text) != link.stored_hash:
            return broken("快照", "快照内容与其存储的哈希不符（快照被修改）")
        if link.previous_hash != previous:
            return broken("前一哈希", "与前一事件的哈希不符（链条断开）")
        try:
            snapshot = snapshot_from_text(link.text)
        except SnapshotUnreadable:
            return broken("快照", "快照无法读取")
        if canonical_json(json.loads(link.text)) != link.text:
            return broken("快照", "快照不是规范 JSON")
        if snapshot.previous_hash != previous:
            return broken("前一哈希", "快照中记录的前一哈希与链条不符")
        if snapshot.form_id != form_id or snapshot.seq != link.seq:
            return broken("快照", "快照属于其他表单或其他序号")
        for column, sealed in (
            ("事件类型", (link.kind, str(snapshot.kind))),
            ("操作人", (link.actor, snapshot.actor)),
            ("时间", (link.at, snapshot.at)),
        ):
            if sealed[0] != sealed[1]:
                return broken(column, f"记录为“{sealed[0]}”，封存的快照为“{sealed[1]}”")
        snapshots.append(snapshot)
        previous = link.stored_hash
    return None, snapshots


def evidence_break(
    form_id: int, seq: int, sealed: Sequence[EvidenceRef], actual: Mapping[int, str | None]
) -> Break | None:
    """The first evidence file of a snapshot whose content hash now differs (``actual`` maps an
    evidence id to the SHA-256 of the stored file, None when the file is gone)."""
    for ref in sorted(sealed, key=lambda r: r.id):
        now = actual.get(ref.id)
        if now is None:
            return Break(form_id, seq, f"佐证材料“{ref.name}”", "文件已不存在")
        if now != ref.sha256:
            return Break(form_id, seq, f"佐证材料“{ref.name}”", "文件内容与封存时的哈希不符")
    return None
