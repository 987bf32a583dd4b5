# `make demo`: set up .venv, archive the bundled sample site into output/ and build its site.
# `make test`: install the system packages the tests use (.ci/system-deps), set up .venv
# with the test dependencies and run the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m archiver.demo --output output
	$(BIN)/scrapy site -s ARCHIVER_OUTPUT=output

test: $(STAMP)
	bash .ci/system-deps
	$(BIN)/python -m pytest -q

# Lint the package, the benchmarks and the tests; type-check the package.
check: $(STAMP)
	$(BIN)/ruff check archiver bench tests
	$(BIN)/python -m mypy archiver

bench: $(STAMP)
	$(BIN)/python bench/images.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/text_fidelity.py
	$(BIN)/python bench/distributed.py

clean:
	rm -rf output/posts output/images output/feeds output/.archiver output/site output/site-screenshots
