# One entry point for developers and CI. Every target installs what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
CORE := jixiao/core

.PHONY: help run test lint format typecheck bench bench-load bundle deps deps-test screenshots

help:
	@echo "make run    install, load the seed form and start jixiao"
	@echo "make test   install test tools, lint, type-check and run every test"
	@echo "make lint   ruff, mypy and the layer contracts only"
	@echo "make bench  benchmarks (ratios against baselines measured in the same run;"
	@echo "            CORPUS=dir scores real documents against truth files, e.g. a development corpus)"
	@echo "make screenshots  every page kind at 1366x768 and 390x844, in var/screenshots/pages"
	@echo "make bench-load  load and fault run on loopback (gunicorn, PostgreSQL, locust)"
	@echo "make bundle one archive for an offline install (wheels, assets, Debian package list)"

deps:
	@scripts/bootstrap run

deps-test:
	@scripts/bootstrap test

run: deps
	@scripts/run

lint: deps-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict $(CORE)
	$(BIN)/mypy jixiao --exclude 'jixiao/core/|/migrations/' --follow-imports=silent
	$(BIN)/lint-imports

format: deps-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	@scripts/test

bench: deps-test
	JIXIAO_BENCH_CORPUS=$(CORPUS) $(BIN)/python -m benchmarks

# Every page kind at a desktop and a phone width (the same tour that checks accessibility and
# sideways scrolling), written to var/screenshots/pages for a person to look at.
screenshots: deps-test
	JIXIAO_SCREENSHOTS=$(CURDIR)/var/screenshots/pages $(BIN)/python -m pytest -p no:cacheprovider -q tests/web/test_pages.py
	@echo "screenshots: $(CURDIR)/var/screenshots/pages"

bundle: deps
	@scripts/bundle

bench-load: deps-test
	$(BIN)/python -m benchmarks.load
