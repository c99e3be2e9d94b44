"""Django's PostgreSQL backend, which waits a few seconds for a database that is restarting
instead of failing the request at once.

Policy: opening a connection is retried for up to :data:`CONNECT_PATIENCE` seconds (settings
``JIXIAO_DB_CONNECT_PATIENCE``; 0 turns it off) with growing pauses, when the server refuses or
is shutting down, starting up or in recovery — a restart, a fail-over or a minor upgrade takes
a second or less. Opening a connection sends nothing of the request, so a retry can't do
anything twice. A refusal that waiting does not cure (a wrong password, a database or role that
does not exist) fails at once. A query that loses its connection half-way is not retried: the
request fails with the Chinese 503 page (:func:`jixiao.web.ops.requests.server_error`), and
what it wrote is rolled back with its transaction.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import OperationalError

log = logging.getLogger(__name__)

#: What in a refusal says that waiting will not help.
LASTING = ("password authentication failed", "does not exist", "no pg_hba.conf entry")
FIRST_PAUSE = 0.1
LONGEST_PAUSE = 1.0


def passes(error: Exception) -> bool:
    """Whether a refused connection is worth trying again shortly."""
    text = str(error)
    return not any(words in text for words in LASTING)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        patience = float(getattr(settings, "DB_CONNECT_PATIENCE", 0))
        deadline = time.monotonic() + patience
        pause = FIRST_PAUSE
        while True:
            try:
                return super().get_new_connection(conn_params)
            except OperationalError as error:
                left = deadline - time.monotonic()
                if left <= 0 or not passes(error):
                    raise
                log.warning("database refused a connection, trying again: %s", error)
                time.sleep(min(pause, left))
                pause = min(pause * 2, LONGEST_PAUSE)
