# One command for every check: `make check` (what CI runs, in the venv at .venv).
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: check format lint imports types test

check: format lint imports types test

format:
	$(BIN)/ruff format --check src tests

lint:
	$(BIN)/ruff check src tests

imports:
	$(BIN)/lint-imports --no-logo

types:
	$(BIN)/mypy

test:
	$(BIN)/python -m pytest
