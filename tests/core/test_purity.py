"""The core stays pure Python: no Django, no web, no files formats."""

import ast
from pathlib import Path

import jixiao.core

CORE = Path(jixiao.core.__file__).parent
FORBIDDEN = ("django", "ninja", "simple_history", "jixiao.web", "jixiao.formats", "jixiao.cli")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_core_imports_neither_django_nor_outer_layers() -> None:
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)
    ]
    assert offenders == []
    assert list(CORE.rglob("*.py")), "the core has modules to check"
