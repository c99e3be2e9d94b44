"""What the robustness tests of every editor share: typing odd values into a form and checking
that the page answered (no 500) and showed the refused values again."""

from __future__ import annotations

import re
from typing import Any

from django.utils.html import escape
from hypothesis import strategies as st

# Text fields a person can type into (hidden fields and buttons are not "typed").
INPUT = re.compile(
    r'<(?:input|textarea)(?![^>]*type="(?:hidden|checkbox|radio|submit)")[^>]*\sname="([^"]+)"'
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def assert_handled(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


def type_into(
    data: st.DataObject,
    post: dict[str, str],
    values: st.SearchStrategy[str],
    odd_names: st.SearchStrategy[str],
) -> dict[str, str]:
    """Type one to four odd values into ``post`` (known fields or odd names); what was typed."""
    names = sorted(post)
    typed: dict[str, str] = {}
    for _ in range(data.draw(st.integers(1, 4))):
        name = data.draw(st.one_of(st.sampled_from(names), odd_names))
        typed[name] = data.draw(values)
    post.update(typed)
    return typed


def assert_shown_again(page: str, typed: dict[str, str], shown: set[str]) -> None:
    """Every value typed into a visible field is on the page that refused it."""
    for name, value in typed.items():
        if name in shown and value.strip() and "\x00" not in value:
            assert escape(value) in page, f"{name}={value!r} was not shown again"
