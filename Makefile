# Deep Learning Geometry: `make html` builds the site, `make test` runs every check.
# Both create the virtual environment in .venv on first use (and refresh it when
# requirements.txt or pyproject.toml change), so a fresh clone needs nothing else.

PYTHON      ?= python3
VENV        ?= .venv
BUILDDIR    ?= _build
SPHINXOPTS  ?= -W --keep-going -n
JOBS        ?= 2
PORT        ?= 8000
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
SPHINXFLAGS  = -c . -j $(JOBS) $(SPHINXOPTS)
TEX_PACKAGES := latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended tex-gyre texlive-xetex fonts-freefont-otf fonts-dejavu-core

# axe-core for the accessibility tests, vendored (pinned) so that the tests need no node.
AXE_VERSION := 4.14.1
AXE_DIR     := tests/book/vendor/axe-core

# The explorables' drawing library, vendored (pinned) so that make html needs no node.
JSXGRAPH_VERSION := 1.13.3
JSXGRAPH_DIR     := book/_static/vendor/jsxgraph

export DLGEOM_BUILDDIR := $(abspath $(BUILDDIR))
export OMP_NUM_THREADS ?= 1

.PHONY: help venv html rebuild pdf test quick test-fast lint clean serve preview script bench vendor axe

help:
	@echo "make html      build the site into $(BUILDDIR)/html (warnings are errors)"
	@echo "make pdf       build the PDF into $(BUILDDIR)/latex (needs TeX: $(TEX_PACKAGES))"
	@echo "make test      run every check: lint, then the whole suite (one build of the book and its PDF)"
	@echo "make quick     the inner loop: lint, the package tests, the chapters' claims from the last make html"
	@echo "make test-fast run only the package tests"
	@echo "make lint      ruff over the Python code, and over the chapters' visible code cells at 80 columns"
	@echo "make preview   live preview: serve the site on http://localhost:$(PORT) and rebuild on save"
	@echo "make rebuild   forget every cache and build the site again from scratch"
	@echo "make script S=gallery/<topic>/plot_<name>.py   run one gallery script, PNGs into $(BUILDDIR)/figures"
	@echo "make serve     serve the built site on http://localhost:$(PORT)"
	@echo "make bench     benchmarks (package against PyTorch; build times)"
	@echo "make vendor    refresh the vendored JSXGraph $(JSXGRAPH_VERSION) from npm (needs npm; make html does not)"
	@echo "make axe       refresh the vendored axe-core $(AXE_VERSION) from npm (needs npm; the tests do not)"
	@echo "make clean     remove build output, caches and generated gallery pages"

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

html: $(STAMP)
	flock $(BUILDDIR).lock $(BIN)/sphinx-build -M html book $(BUILDDIR) $(SPHINXFLAGS)

rebuild: $(STAMP)
	rm -rf $(BUILDDIR) book/auto_gallery
	$(MAKE) html

pdf: $(STAMP)
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null || { \
	  echo "make pdf needs TeX: sudo apt-get install $(TEX_PACKAGES)"; exit 1; }
	flock $(BUILDDIR).lock $(BIN)/sphinx-build -M latexpdf book $(BUILDDIR) $(SPHINXFLAGS)
	@echo "PDF: $(BUILDDIR)/latex/deep-learning-geometry.pdf"

# Lint first, then the whole suite even when lint fails (one verdict for everything).
test: $(STAMP)
	@status=0; $(MAKE) --no-print-directory lint || status=$$?; \
	$(BIN)/python -m pytest --durations=15 || status=$$?; exit $$status

# The inner loop (under 3 minutes): no build; the chapters' claims read the glued values of
# the last make html (BOOKTEST_GLUE), so run make html after editing a chapter.
quick: $(STAMP)
	@test -d $(BUILDDIR)/jupyter_execute || { \
	  echo "make quick reads the chapters' glued values from $(BUILDDIR): run make html first"; exit 1; }
	@status=0; $(MAKE) --no-print-directory lint || status=$$?; \
	BOOKTEST_GLUE=$(BUILDDIR) $(BIN)/python -m pytest -q \
	  -m "not book and not minibook and not gallery and not browser and not pdf and not determinism" \
	  || status=$$?; exit $$status

# ruff reads pyproject.toml (src/, tools/, tests/: 110 columns) and gallery/ruff.toml (the
# gallery: 80); tools/lint_cells.py checks the chapters' visible code cells at 80 columns.
lint: $(STAMP)
	@status=0; $(BIN)/ruff check . || status=$$?; \
	$(BIN)/python tools/lint_cells.py --line-length 80 book/*.md || status=$$?; exit $$status

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests/dlgeom

script: $(STAMP)
	@test -n "$(S)" || { echo "usage: make script S=gallery/<topic>/plot_<name>.py"; exit 1; }
	$(BIN)/python -m dlgeom.savefigs $(S) --out $(BUILDDIR)/figures

serve:
	$(PYTHON) -m http.server --directory $(BUILDDIR)/html $(PORT)

# Rebuild on save and reload the browser (sphinx-autobuild): the same build and caches as
# make html, so a prose edit re-executes nothing; generated pages are not watched.
preview: $(STAMP)
	$(BIN)/sphinx-autobuild book $(BUILDDIR)/html -d $(BUILDDIR)/doctrees $(SPHINXFLAGS) \
	  --port $(PORT) --watch src --watch gallery --watch tools --watch conf.py \
	  --re-ignore '(auto_gallery|jupyter_execute|\.ipynb_checkpoints|__pycache__)/' \
	  --re-ignore 'sg_execution_times|\.pyc$$'

bench: $(STAMP)
	PYTHONPATH=tools $(BIN)/python benchmarks/run.py --out $(BUILDDIR)/bench

clean:
	rm -rf $(BUILDDIR) $(BUILDDIR).lock book/auto_gallery book/jupyter_execute .pytest_cache

vendor:
	@command -v npm >/dev/null || { echo "make vendor needs npm (make html does not)"; exit 1; }
	rm -rf $(BUILDDIR)/vendor && mkdir -p $(BUILDDIR)/vendor $(JSXGRAPH_DIR)
	cd $(BUILDDIR)/vendor && npm pack --silent jsxgraph@$(JSXGRAPH_VERSION) >/dev/null && tar xzf jsxgraph-$(JSXGRAPH_VERSION).tgz
	cp $(addprefix $(BUILDDIR)/vendor/package/,distrib/jsxgraphcore.js distrib/jsxgraph.css LICENSE.MIT LICENSE.LGPL) $(JSXGRAPH_DIR)/
	echo "jsxgraph $(JSXGRAPH_VERSION) from npm (https://www.npmjs.com/package/jsxgraph), dual-licensed MIT or LGPL-3.0-or-later; refreshed by make vendor" > $(JSXGRAPH_DIR)/VERSION
	rm -rf $(BUILDDIR)/vendor

axe:
	@command -v npm >/dev/null || { echo "make axe needs npm (the tests do not)"; exit 1; }
	rm -rf $(BUILDDIR)/axe && mkdir -p $(BUILDDIR)/axe $(AXE_DIR)
	cd $(BUILDDIR)/axe && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz
	cp $(addprefix $(BUILDDIR)/axe/package/,axe.min.js LICENSE LICENSE-3RD-PARTY.txt) $(AXE_DIR)/
	sha256sum $(AXE_DIR)/axe.min.js
	rm -rf $(BUILDDIR)/axe
