"""Measuring helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    seconds: float
    baseline_name: str = ""
    baseline_seconds: float = 0.0
    goal: str = ""
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else None


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
