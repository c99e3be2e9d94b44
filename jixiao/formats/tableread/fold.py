"""Text as it is matched against labels: traditional characters folded to simplified
(OpenCC), full-width forms made half-width, spaces and label colons dropped, and a few OCR
glyph confusions undone. Values are always taken from the printed text, never from the folded
one: a form printed in traditional characters keeps them."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# A converter that re-posted the form injected the pinyin of characters: 項(xiàng)目.
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)")
# OCR confusions seen in labels and units; applied to the folded text only.
_GLYPHS = (("万兀", "万元"), ("预匏", "预算"), ("项Fl", "项目"), ("顼目", "项目"), ("If整", "调整"))
_SPACES = re.compile(r"\s+")


def drop_pinyin(text: str) -> str:
    """The printed text without injected pinyin annotations."""
    return _PINYIN.sub("", text)


@cache
def _converter() -> object | None:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a pinned dependency
        return None
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    converter = _converter()
    if converter is None or text.isascii():
        return text
    folded: str = converter.convert(text)  # type: ignore[attr-defined]
    return folded


def fold(text: str) -> str:
    """The key a cell is matched by."""
    text = unicodedata.normalize("NFKC", simplified(drop_pinyin(text)))
    text = _SPACES.sub("", text).replace("﹦", "=")
    for wrong, right in _GLYPHS:
        text = text.replace(wrong, right)
    return text.strip(":")


_PAREN = re.compile(r"\([^()]{0,12}\)")


def label_key(text: str) -> str:
    """A header or row label's key: folded, without a leading 其中 and parenthesised notes
    such as (A), (B/A), (万元) or (盖章)."""
    key = fold(text)
    if key.startswith("其中"):
        key = key[2:].lstrip(":")
    return _PAREN.sub("", key).strip(":")
