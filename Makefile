# Two commands do everything: `make site` (set up + build the demo site) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: setup site test serve bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: setup
	$(BIN)/briefing extract --site site_src
	$(BIN)/briefing build --site site_src --out public
	@echo "Open public/index.html"

test: setup
	$(BIN)/python -m pytest -q

serve: setup
	$(BIN)/briefing serve --site site_src

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf public .briefing-cache
