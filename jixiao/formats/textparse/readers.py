"""The text reader of each form type, keyed by the core's form-type registry
(:data:`jixiao.core.formtypes.FORM_TYPES`): which reader recognises a form's text and reads it.
Every registered type has one (a test keeps it so); the most specific layout is asked first,
since a declaration names most of a project form's labels too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jixiao.core.serialization import Form
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.declaration import looks_like_declaration_form, parse_declaration
from jixiao.formats.textparse.department import looks_like_department_form, parse_department
from jixiao.formats.textparse.lines import Line
from jixiao.formats.textparse.project import looks_like_project_form, parse_project


@dataclass(frozen=True)
class TextReader:
    form_type: str  # a key of the core's form-type registry
    looks_like: Callable[[Sequence[Line]], bool]
    parse: Callable[[Sequence[Line], ImportReport], Form]


TEXT_READERS: dict[str, TextReader] = {}


def register_text_reader(reader: TextReader) -> TextReader:
    TEXT_READERS[reader.form_type] = reader
    return reader


register_text_reader(TextReader("project_target", looks_like_declaration_form, parse_declaration))
register_text_reader(TextReader("project", looks_like_project_form, parse_project))
register_text_reader(TextReader("department_overall", looks_like_department_form, parse_department))


def reader_for(lines: Sequence[Line]) -> TextReader | None:
    """The reader of the first registered type whose labels ``lines`` hold."""
    return next((r for r in TEXT_READERS.values() if r.looks_like(lines)), None)
