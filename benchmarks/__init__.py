"""Speed goals. Each ``bench_*.py`` module defines ``run() -> list[Result]``; ``make bench``
runs them all and prints each measurement with its ratio to a baseline measured in the same
run (never against a number remembered from another machine)."""
