"""The demo: the seed form's claims have evidence, and a 2022 form is published and signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from jixiao.formats.signing import load_certificate, validate_pdf
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.monitoring.management.commands.load_demo import DEPARTMENT
from jixiao.web.sealing.documents import published_pdf
from jixiao.web.sealing.verification import verify_records


@pytest.mark.slow
def test_the_demo_has_evidence_and_a_signed_published_pdf(db, settings, tmp_path: Path) -> None:
    call_command("demo_certificate", str(tmp_path / "cert"), verbosity=0)
    settings.SIGNING_PKCS12 = str(tmp_path / "cert" / "bureau.p12")
    settings.SIGNING_PASSWORD_FILE = str(tmp_path / "cert" / "password")
    call_command("load_demo", verbosity=0)
    call_command("load_sealing_demo", verbosity=0)

    seed = Evaluation.objects.get(organisation__name=DEPARTMENT, year=2022)
    assert seed.status == "draft"
    assert sorted(e.anchor_path for e in seed.evidence.all()) == [
        "tasks[1].indicators[0]",
        "tasks[1].indicators[4]",
    ]
    project = Evaluation.objects.get(year=2022, form_type="project")
    assert project.status == "published"
    assert project.evidence.filter(public=True).count() == 2
    root = load_certificate((tmp_path / "cert" / "root.pem").read_bytes())
    check = validate_pdf(published_pdf(project), [root])
    assert check.ok and check.trusted and "快照哈希" in check.reason
    assert verify_records().intact

    call_command("load_demo", verbosity=0)  # again: nothing added, still intact
    call_command("load_sealing_demo", verbosity=0)
    assert seed.evidence.count() == 2 and verify_records().intact
