"""Reading real documents: figures right / present, wrong, invented, rejected and crashes on a
folder of documents with truth files (``make bench CORPUS=dir``; by default the development
corpus at ``../shared/corpus`` when it is there), per document and per layout family.

Goals (issue 16): at least 85% of figures right on the development corpus, 0 invented figures
and 0 crashes everywhere."""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.common import Result
from benchmarks.corpus_score import Tally, score_corpus


def _default() -> Path | None:
    """``../shared/corpus`` beside the project (or beside a folder above it, for a worktree)."""
    for folder in Path(__file__).resolve().parent.parent.parents:
        if (folder / "shared" / "corpus" / "truth").is_dir():
            return folder / "shared" / "corpus"
    return None


def _line(name: str, t: Tally) -> str:
    share = f"{100 * t.right / t.present:5.1f}%" if t.present else "    –"
    return (
        f"  {name[:44]:<44} {t.right:4}/{t.present:<4} {share}  wrong {t.wrong:3}  "
        f"invented {t.invented:2}  rejected {t.rejected}  crashes {t.crashes}"
    )


def run() -> list[Result]:
    given = os.environ.get("JIXIAO_BENCH_CORPUS")
    root = Path(given) if given else _default()
    if root is None or not (root / "truth").is_dir():
        print(f"  no corpus at {root or '../shared/corpus'} (make bench CORPUS=dir): skipped")
        return []
    start = time.perf_counter()
    scores = score_corpus(root)
    seconds = time.perf_counter() - start
    total = Tally()
    families: dict[str, Tally] = {}
    for score in scores:
        total.add(score.tally)
        families.setdefault(score.family, Tally()).add(score.tally)
        print(
            _line(score.id, score.tally)
            + ("" if score.outcome == "read" else f"  ({score.outcome[:60]})")
        )
    print("  per layout family:")
    for family, tally in sorted(families.items()):
        print(_line(family, tally))
    print(_line("TOTAL", total))
    goal = "≥85% right on the dev corpus, 0 invented, 0 crashes"
    return [
        Result(
            f"corpus: {len(scores)} documents scored",
            seconds / max(1, len(scores)),
            goal=goal,
            unit="s/doc",
        )
    ]
