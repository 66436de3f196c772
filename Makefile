# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
#
# Every target bootstraps .venv first; pip only runs again when pyproject.toml changes.

VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint

demo: $(STAMP)
	mkdir -p "$${NAERHED_VAR_DIR:-var}" && $(VENV)/bin/naerhed migrate --no-input && $(VENV)/bin/naerhed demo && $(VENV)/bin/naerhed runserver 127.0.0.1:8000 --noreload

test: $(STAMP)
	scripts/test.sh

bench: $(STAMP)
	$(VENV)/bin/python bench/run_planning.py

lint: $(STAMP)
	scripts/lint.sh

$(STAMP): pyproject.toml
	scripts/bootstrap.sh
