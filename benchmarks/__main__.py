"""Run every benchmark module and print a table of timings and ratios."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks
from benchmarks.common import Result


def main(selected: list[str]) -> int:
    results: list[Result] = []
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if selected and not any(s in info.name for s in selected):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        print(f"== {info.name}", flush=True)
        for result in module.run():
            results.append(result)
            ratio = f"{result.ratio:.2f}x {result.baseline_name}" if result.ratio else ""
            print(
                f"  {result.name:<48} {result.seconds:10.4f} {result.unit:<6} "
                f"{ratio:<28} {result.goal}"
            )
    if not results:
        print("no benchmarks ran", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
