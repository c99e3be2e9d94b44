"""Backups of everything jixiao keeps: the database (PostgreSQL through pg_dump/pg_restore, SQLite
through its online backup API, safe while the service runs) and the stored files (job results,
portal PDFs, open data, uploads), in one tar archive with a manifest: each table's row count and
each file's SHA-256, which ``restore`` checks after restoring.

S3-compatible storage is not copied: the bucket's own versioning and replication back it up.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

import jixiao

FORMAT = 1


class BackupError(RuntimeError):
    pass


def table_counts() -> dict[str, int]:
    """Every table's row count, Django's and the libraries' alike."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _files_root() -> Path | None:
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_hashes(root: Path | None) -> dict[str, str]:
    if root is None or not root.is_dir():
        return {}
    return {str(p.relative_to(root)): _sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-U", str(db.get("USER") or "postgres")]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    return env, args


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if candidates:
        return str(candidates[-1])
    raise BackupError(f"{name} not found: install the Debian package postgresql-client")


def backup_write(target: Path) -> dict[str, Any]:
    """Write a backup archive to ``target``; return its manifest."""
    vendor = connection.vendor
    root = _files_root()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if vendor == "sqlite":
            dump = work / "database.sqlite3"
            source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            copy = sqlite3.connect(dump)
            with copy:
                source.backup(copy)  # a consistent snapshot, while others keep writing
            copy.close()
            source.close()
        elif vendor == "postgresql":
            dump = work / "database.pgdump"
            env, args = _pg_env()
            subprocess.run(
                [
                    _pg_tool("pg_dump"),
                    "-Fc",
                    "--no-owner",
                    "--no-acl",
                    *args,
                    "-f",
                    str(dump),
                    settings.DATABASES["default"]["NAME"],
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        else:
            raise BackupError(f"no backup for database engine {vendor}")
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "jixiao": jixiao.__version__,
            "engine": vendor,
            "database": dump.name,
            "tables": table_counts(),
            "files": _file_hashes(root),
        }
        (work / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(dump, dump.name)
            if root is not None and root.is_dir():
                tar.add(root, "files")
        partial.replace(target)  # a backup file exists only once it is complete
    return manifest


def _is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def backup_restore(source: Path) -> dict[str, Any]:
    """Restore ``source`` into the configured, empty database and file folder, then check it."""
    if not _is_empty():
        raise BackupError("the database is not empty: restore only into a new, empty database")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with tarfile.open(source) as tar:
            tar.extractall(work, filter="data")
        manifest: dict[str, Any] = json.loads((work / "manifest.json").read_text("utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        vendor = connection.vendor
        if manifest["engine"] != vendor:
            raise BackupError(f"a {manifest['engine']} backup cannot be restored into {vendor}")
        dump = work / manifest["database"]
        if vendor == "sqlite":
            connection.close()
            restored = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            backup = sqlite3.connect(dump)
            with restored:
                backup.backup(restored)
            backup.close()
            restored.close()
        else:
            env, args = _pg_env()
            connection.close()
            subprocess.run(
                [
                    _pg_tool("pg_restore"),
                    "--no-owner",
                    "--no-acl",
                    "--exit-on-error",
                    *args,
                    "-d",
                    settings.DATABASES["default"]["NAME"],
                    str(dump),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        root = _files_root()
        if manifest["files"]:
            if root is None:
                raise BackupError("the backup holds files but storage is not a folder")
            root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(work / "files", root, dirs_exist_ok=True)
    problems = backup_check(manifest)
    if problems:
        raise BackupError("restored, but it differs from the backup: " + "; ".join(problems))
    return manifest


def backup_check(manifest: dict[str, Any]) -> list[str]:
    problems = []
    counts = table_counts()
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, backup had {expected}")
    hashes = _file_hashes(_files_root())
    for name, expected in manifest["files"].items():
        if hashes.get(name) != expected:
            problems.append(f"file {name} differs or is missing")
    return problems
