# rezerv — set-up and everyday commands.  `make demo` and `make test` install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EXAMPLES := tp ak br pk km

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The main job.  Until the web application lands (issue 3) the demo evaluates the bundled
# example of each procedure and prints its rating as a table.
demo: install
	@for code in $(EXAMPLES); do \
	  if [ -f examples/$$code.json ]; then \
	    $(BIN)/rezerv evaluate $$code examples/$$code.json --format table || exit $$?; echo; \
	  fi; \
	done

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/rezerv/engine src/rezerv/cli.py

test: lint
	$(BIN)/python manage.py check
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis bench/out
