"""Demo evidence and a sealed publication: the seed form's 2022 claims get their ledgers, and
the centre's 2022 project form walks through review to a published, signed PDF.

Files are made here (a small PDF ledger written by WeasyPrint's exporter would be heavy; a
hand-made one-page PDF and a generated photo are enough to show the mechanism)."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from PIL import Image, ImageDraw

from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_publish,
    evaluation_submit,
)
from jixiao.web.evidence.models import Evidence
from jixiao.web.evidence.services import evidence_upload


def ledger_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF in the base-14 Helvetica font: ASCII only, so it needs no font file."""
    text = [f"BT /F1 16 Tf 60 770 Td ({title}) Tj ET"]
    for number, line in enumerate(lines):
        text.append(f"BT /F1 11 Tf 60 {740 - 18 * number} Td ({line}) Tj ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def activity_photo(caption: str) -> bytes:
    image = Image.new("RGB", (640, 400), (225, 236, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 260, 600, 360), fill=(164, 22, 26))
    draw.ellipse((260, 60, 380, 180), fill=(240, 200, 80))
    draw.text((60, 300), caption, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _row(evaluation: Evaluation, name: str) -> str | None:
    for t, task in enumerate(evaluation.data.get("tasks", [])):
        for i, indicator in enumerate(task.get("indicators", [])):
            if indicator.get("name") == name:
                return f"tasks[{t}].indicators[{i}]"
    for i, indicator in enumerate(evaluation.data.get("indicators", [])):
        if indicator.get("name") == name:
            return f"indicators[{i}]"
    return None


def _attach(evaluation: Evaluation, user_name: str, files: list[tuple[str, str, bytes]]) -> None:
    if Evidence.objects.filter(evaluation=evaluation).exists():
        return
    user = get_user_model().objects.get(username=user_name)
    for indicator, name, content in files:
        path = _row(evaluation, indicator)
        if path is not None:
            evidence_upload(
                evaluation=evaluation,
                user=user,
                name=name,
                content=content,
                anchor_path=path,
                public=True,
            )


def load_sealing_demo(seed: Evaluation | None, project: Evaluation | None) -> None:
    """Evidence on two indicators of the seed form (left a draft for the 汇总 story) and of the
    project form, which is then published (and signed, when a certificate is configured)."""
    if seed is not None and seed.status == Evaluation.Status.DRAFT:
        _attach(
            seed,
            "dept_head",
            [
                (
                    "受理来穗人员随迁子女积分制入学报名",
                    "2022年积分制入学报名受理台账.pdf",
                    ledger_pdf(
                        "Points-based school enrolment ledger 2022",
                        ["Applications received: 3525", "Source: district enrolment system"],
                    ),
                ),
                (
                    "开展来穗融合活动场次",
                    "来穗融合活动现场照片.jpg",
                    activity_photo("Integration activities 2022: 142"),
                ),
            ],
        )
    if project is None or project.status != Evaluation.Status.DRAFT:
        return
    _attach(
        project,
        "unit_head",
        [
            (
                "保障视频会商场次",
                "视频会商保障记录（2022年）.pdf",
                ledger_pdf("Video conference log 2022", ["Sessions supported: 312"]),
            ),
            (
                "终端在线率",
                "视联网终端在线率月报截图.jpg",
                activity_photo("Terminal uptime 99.5%"),
            ),
        ],
    )
    users = get_user_model().objects
    evaluation_submit(
        evaluation=project, user=users.get(username="unit_head"), explanation="演示数据：已核对"
    )
    evaluation_approve(evaluation=project, user=users.get(username="dept_reviewer"))
    evaluation_approve(evaluation=project, user=users.get(username="finance_admin"))
    evaluation_publish(evaluation=project, user=users.get(username="finance_admin"))
