"""A new PostgreSQL connection waits out a restart (``jixiao.web.ops.pg``): a refusal that
passes is tried again within the patience, one that waiting does not cure fails at once. The
load run (``make bench-load``) restarts a real server under load."""

from __future__ import annotations

import pytest
from django.db.backends.postgresql import base as django_pg
from psycopg import OperationalError as Refused

from jixiao.web.ops.pg import base

STARTING = "connection failed: FATAL:  the database system is starting up"
WRONG_PASSWORD = 'connection failed: FATAL:  password authentication failed for user "jixiao"'


class Server:
    """Refuses the first ``refusals`` connections with ``message``, then accepts."""

    def __init__(self, refusals: int, message: str) -> None:
        self.refusals, self.message, self.attempts = refusals, message, 0

    def connect(self, wrapper: object, conn_params: dict[str, object]) -> str:
        self.attempts += 1
        if self.attempts <= self.refusals:
            raise Refused(self.message)
        return "connection"


@pytest.fixture
def pauses(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(base.time, "sleep", slept.append)
    return slept


def _connect(monkeypatch, server: Server) -> object:
    def connect(wrapper: object, conn_params: dict[str, object]) -> str:
        return server.connect(wrapper, conn_params)

    monkeypatch.setattr(django_pg.DatabaseWrapper, "get_new_connection", connect)
    wrapper = object.__new__(base.DatabaseWrapper)
    return wrapper.get_new_connection({})


def test_a_restarting_server_is_waited_for_with_growing_pauses(settings, monkeypatch, pauses):
    settings.DB_CONNECT_PATIENCE = 3
    server = Server(refusals=3, message=STARTING)
    assert _connect(monkeypatch, server) == "connection"
    assert server.attempts == 4
    assert pauses == [0.1, 0.2, 0.4]


def test_a_wrong_password_fails_at_once(settings, monkeypatch, pauses):
    settings.DB_CONNECT_PATIENCE = 3
    server = Server(refusals=1, message=WRONG_PASSWORD)
    with pytest.raises(Refused, match="password authentication failed"):
        _connect(monkeypatch, server)
    assert server.attempts == 1 and pauses == []


def test_no_patience_fails_at_once(settings, monkeypatch, pauses):
    settings.DB_CONNECT_PATIENCE = 0
    server = Server(refusals=1, message=STARTING)
    with pytest.raises(Refused, match="starting up"):
        _connect(monkeypatch, server)
    assert server.attempts == 1 and pauses == []


def test_a_server_that_stays_down_fails_once_the_patience_is_spent(settings, monkeypatch):
    settings.DB_CONNECT_PATIENCE = 0.3
    server = Server(refusals=1000, message=STARTING)
    with pytest.raises(Refused):
        _connect(monkeypatch, server)
    assert 2 <= server.attempts <= 5, "real pauses of 0.1 and 0.2 s within 0.3 s"


def test_a_postgresql_url_uses_the_patient_backend():
    from jixiao.web.env import database_from_url

    entry = database_from_url("postgresql://jixiao:pw@127.0.0.1:5432/jixiao", None)
    assert entry["ENGINE"] == "jixiao.web.ops.pg"
