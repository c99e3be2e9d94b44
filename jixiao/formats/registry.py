"""The registry of importers and exporters.

Each importer module in ``jixiao.formats.importers`` and each exporter module in
``jixiao.formats.exporters`` calls :func:`register_importer` / :func:`register_exporter` at import
time; :func:`load_builtin` imports them all, so adding a format is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from jixiao.core.rulesets import RuleSet
    from jixiao.core.serialization import Form


@dataclass(frozen=True)
class Importer:
    name: str  # "text", "pdf", "xlsx", "json", "ocr"
    label: str  # Chinese, for users
    suffixes: tuple[str, ...]  # ".txt", ".pdf", …
    # Does this importer recognise the file? (bytes, filename) → bool
    sniff: Callable[[bytes, str], bool]
    # Read every form in the file; returns a list of jixiao.formats.report.ImportResult
    read: Callable[[bytes, str], list[Any]]


class Writer(Protocol):
    """Writes a form; derived figures come from the core under ``rules`` (the rule set, at the
    version, that judged the stored form; the form type's default when None)."""

    def __call__(self, form: Form, rules: RuleSet | None = None) -> bytes: ...


@dataclass(frozen=True)
class Exporter:
    name: str  # "xlsx", "pdf", "html", "json", "csv"
    label: str
    suffix: str
    media_type: str
    write: Writer


_IMPORTERS: dict[str, Importer] = {}
_EXPORTERS: dict[str, Exporter] = {}
_loaded: set[str] = set()


def register_importer(importer: Importer) -> Importer:
    _IMPORTERS[importer.name] = importer
    return importer


def register_exporter(exporter: Exporter) -> Exporter:
    _EXPORTERS[exporter.name] = exporter
    return exporter


def load_builtin(kind: str | None = None) -> None:
    """Import the built-in importer modules, exporter modules, or both (``kind`` None). An
    import loads only the importers: the exporters' libraries (openpyxl …) are not needed."""
    from jixiao.formats import exporters, importers

    for package in (importers, exporters):
        name = package.__name__.rsplit(".", 1)[-1]
        if name in _loaded or kind not in (None, name):
            continue
        for info in pkgutil.iter_modules(package.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{package.__name__}.{info.name}")
        _loaded.add(name)


def importers() -> list[Importer]:
    load_builtin("importers")
    return list(_IMPORTERS.values())


def exporters() -> list[Exporter]:
    load_builtin("exporters")
    return list(_EXPORTERS.values())


def get_exporter(name: str) -> Exporter:
    load_builtin("exporters")
    return _EXPORTERS[name]


def get_importer(name: str) -> Importer:
    load_builtin("importers")
    return _IMPORTERS[name]


def importer_for(data: bytes, filename: str) -> Importer | None:
    """The first importer that recognises the file's content (suffix only breaks ties)."""
    load_builtin("importers")
    candidates = sorted(
        _IMPORTERS.values(),
        key=lambda imp: not filename.lower().endswith(imp.suffixes),
    )
    for importer in candidates:
        if importer.sniff(data, filename):
            return importer
    return None
