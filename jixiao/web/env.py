"""Strict readers of settings from the environment: a malformed value stops the start with a
clear message instead of running with a surprise."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


class SettingError(RuntimeError):
    pass


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise SettingError(f"{name} must be set")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_choice(name: str, default: str, choices: list[str]) -> str:
    value = os.environ.get(name, "").strip() or default
    if value not in choices:
        raise SettingError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str | None, sqlite_path: Path) -> dict[str, Any]:
    """``postgres://user:pw@host:port/name`` → a Django DATABASES entry; SQLite when unset.

    Connections are kept between requests (``JIXIAO_DB_CONN_MAX_AGE`` seconds, 600 by default;
    0 closes each after its request), checked before reuse so that a restarted server costs one
    failed check, not an error page.
    """
    entry = _database_entry(url, sqlite_path)
    entry["CONN_MAX_AGE"] = env_int("JIXIAO_DB_CONN_MAX_AGE", 600)
    entry["CONN_HEALTH_CHECKS"] = True
    return entry


# SQLite with several writers: the write-ahead log lets readers go on while one writes;
# IMMEDIATE takes the write lock when a transaction begins, so a writer that must wait does so
# under the busy timeout, instead of failing with "database is locked" when a read-then-write
# transaction tries to upgrade its lock; synchronous=NORMAL is durable in WAL mode except for the
# last transactions on a power cut.
SQLITE_OPTIONS: dict[str, Any] = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
}


def _sqlite(path: str) -> dict[str, Any]:
    options = {**SQLITE_OPTIONS, "timeout": env_int("JIXIAO_SQLITE_TIMEOUT", 20, minimum=1)}
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": path, "OPTIONS": options}


def _database_entry(url: str | None, sqlite_path: Path) -> dict[str, Any]:
    if not url:
        return _sqlite(str(sqlite_path))
    parts = urlsplit(url)
    if parts.scheme in {"sqlite", "sqlite3"}:
        return _sqlite(parts.path or str(sqlite_path))
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SettingError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise SettingError("DATABASE_URL names no database")
    return {
        # Django's backend, waiting out a database restart when it connects (ops/pg/base.py).
        "ENGINE": "jixiao.web.ops.pg",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }
