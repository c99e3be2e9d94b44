"""The committed migrations describe the models exactly: a model change without its migration
would pass every test on a fresh test database and then fail on a bureau's real one."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration() -> None:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:  # --check exits 1 when a migration is missing
        pytest.fail(f"models and migrations differ:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
