"""Console tests see a fixed terminal: wrapping must not depend on where pytest runs."""

import pytest


@pytest.fixture(autouse=True)
def fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.delenv("JIXIAO_LANG", raising=False)
