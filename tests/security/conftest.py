"""The security sweep uses the web suite's personas and world."""

from tests.web.conftest import (  # noqa: F401
    _fast_passwords,
    _no_throttle,
    client_for,
    files_in_a_temporary_folder,
    world,
)
