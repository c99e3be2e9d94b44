"""The embedded SQLite database under concurrent writers: with the project's options (WAL, a
busy timeout, IMMEDIATE transactions) ten writers doing read-then-write transactions all
succeed; without IMMEDIATE the same load fails with "database is locked" (what users saw as
500 pages), which shows the test can tell the difference."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db.utils import ConnectionHandler, OperationalError

from jixiao.web.env import database_from_url

WRITERS = 10
ROUNDS = 15


@pytest.fixture(autouse=True)
def own_databases(django_db_blocker):
    # These tests open their own SQLite files, not the test database.
    with django_db_blocker.unblock():
        yield


def _hammer(entry: dict[str, Any]) -> tuple[int, list[str]]:
    handler = ConnectionHandler({"default": entry})
    setup = handler["default"]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    setup.close()
    errors: list[str] = []
    start = threading.Barrier(WRITERS)

    def writer() -> None:
        connection = handler["default"]  # one connection per thread, as under a threaded server
        start.wait()
        try:
            for _ in range(ROUNDS):
                # What transaction.atomic() does: BEGIN, IMMEDIATE with the project's options.
                connection.set_autocommit(
                    False, force_begin_transaction_with_broken_autocommit=True
                )
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT value FROM counter WHERE id = 1")
                        (value,) = cursor.fetchone()
                        cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
                    connection.commit()
                except OperationalError as error:
                    connection.rollback()
                    errors.append(str(error))
                finally:
                    connection.set_autocommit(True)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    check = handler["default"]
    with check.cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        (value,) = cursor.fetchone()
    check.close()
    return value, errors


def test_ten_writers_with_the_project_options_never_see_a_locked_database(tmp_path: Path):
    entry = database_from_url("", tmp_path / "db.sqlite3")
    assert entry["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    value, errors = _hammer(entry)
    assert errors == []
    assert value == WRITERS * ROUNDS, "every increment is stored exactly once"
    journal = ConnectionHandler({"default": entry})["default"]
    with journal.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    journal.close()


def test_without_immediate_transactions_writers_collide(tmp_path: Path):
    # WAL and the busy timeout alone do not help a read-then-write transaction: its read
    # snapshot is stale once another writer commits, and SQLite refuses the upgrade at once.
    entry = database_from_url("", tmp_path / "db.sqlite3")
    del entry["OPTIONS"]["transaction_mode"]
    value, errors = _hammer(entry)
    assert errors, "the default deferred transactions should have collided"
    assert all("locked" in e for e in errors)
    assert value == WRITERS * ROUNDS - len(errors)


def test_connections_persist_and_are_checked_before_reuse(tmp_path: Path):
    for url in ("", "postgres://u@127.0.0.1:5432/jixiao"):
        entry = database_from_url(url, tmp_path / "db.sqlite3")
        assert entry["CONN_MAX_AGE"] == 600
        assert entry["CONN_HEALTH_CHECKS"] is True
