"""Front-end libraries are committed with their provenance, never fetched at install or run."""

from __future__ import annotations

import hashlib
from pathlib import Path

REPO = Path(__file__).parents[2]
VENDOR = REPO / "jixiao" / "web" / "static" / "vendor"


def _listed() -> dict[str, str]:
    rows = {}
    for line in (VENDOR / "SOURCES.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[-1]) == 64 and (VENDOR / parts[0]).suffix:
            rows[parts[0]] = parts[-1]
    return rows


def test_every_vendored_file_is_listed_with_the_hash_it_has():
    listed = _listed()
    present = {p.name for p in VENDOR.iterdir() if p.name != "SOURCES.txt"}
    assert present == set(listed), "a vendored file without provenance, or a listed one missing"
    for name, sha256 in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == sha256, name


def test_nothing_fetches_front_end_code_at_install_or_run():
    for script in ("bootstrap", "run", "serve", "worker"):
        text = (REPO / "scripts" / script).read_text(encoding="utf-8")
        assert "npm" not in text and "vendor-assets" not in text, script
