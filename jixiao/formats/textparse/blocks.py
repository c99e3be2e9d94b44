"""Rules over blocks that several sections share: putting a cell split by a gap back together,
and telling header rows from content."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jixiao.formats.textparse.lines import Block, Line
from jixiao.formats.textparse.text import compact, display_width, ends_sentence, join_wrapped

# A wrapped line is "full" when it is within one Chinese character of the block's widest line.
FULL_SLACK = 2


def is_full(line: str, width: int) -> bool:
    return display_width(line) >= width - FULL_SLACK


def continues(block: Block, nxt: Block) -> bool:
    """Does ``nxt`` carry on ``block``'s cell? Extraction sometimes leaves a gap inside a cell
    (``…在爬陡坡、涉险滩中历练`` / ``检验政法队伍。``): the block's last line is full and ends
    mid-sentence, and the next block is one line no wider than the cell."""
    texts = block.texts
    if len(texts) < 2 or len(nxt.lines) != 1:
        return False
    width = max(display_width(t) for t in texts)
    last = texts[-1]
    return (
        is_full(last, width)
        and not ends_sentence(last)
        and display_width(nxt.texts[0]) <= width
        and " " not in nxt.texts[0]
    )


def merge_next_if_continued(blocks: list[Block], index: int) -> None:
    """Merge ``blocks[index + 1]`` into ``blocks[index]`` when it continues the same cell."""
    if index + 1 < len(blocks) and continues(blocks[index], blocks[index + 1]):
        blocks[index : index + 2] = [Block(blocks[index].lines + blocks[index + 1].lines)]


def block_text(lines: Iterable[Line]) -> str:
    return join_wrapped(line.text for line in lines)


def is_header_text(text: str, labels: Sequence[str]) -> bool:
    """True when ``text`` is made only of the given column labels (in any order)."""
    rest = compact(text)
    if not rest:
        return False
    for label in sorted(labels, key=len, reverse=True):
        rest = rest.replace(label, "")
    return rest == ""


def narrative_text(lines: Iterable[Line]) -> tuple[str, Line | None]:
    """A narrative cell's text and its first line. Wrapped lines and gaps are joined with no
    space; an indented line after the first starts a new paragraph."""
    paragraphs: list[list[str]] = []
    first: Line | None = None
    for line in lines:
        if line.blank:
            continue
        indented = line.text[:2] in ("  ", "\u3000\u3000") or line.text[:1] == "\t"
        if first is None:
            first = line
            paragraphs.append([line.text])
        elif indented:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
    return "\n".join(join_wrapped(p) for p in paragraphs), first
