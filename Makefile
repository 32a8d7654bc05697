# One command per task. `make test` is what CI runs (.ci/run).
.DEFAULT_GOAL := help
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export NO_MKDOCS_2_WARNING := 1
# `make build REQUIRE_COMPLETE=1` refuses to build while the setting has values still to supply.
export REQUIRE_COMPLETE
# `SETTING=<id> make serve`: the setting whose site is built, served or tested (settings/<id>/).
export SETTING
UV_VERSION := 0.13.8
# uv from the PATH, or the copy that `make install` puts into Python's packages.
UV = $(shell command -v uv 2>/dev/null || echo python3 -m uv)

.PHONY: help install browser serve build build-all build-index test test-future links bench bench-scale screens new-version

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# Modules are compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on CI's image), every
# build and tool would otherwise compile MkDocs, Material and our own code afresh (1.5 s a process).
install: ## Install the pinned Python packages (uv.lock) into .venv
	@command -v uv >/dev/null || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --locked --compile-bytecode
	$(UV) run python -m compileall -q -j 0 macros sitedata tools

browser: ## Install the browsers (Chromium, Firefox ESR, WebKitGTK), faketime, the HTML checker and ESLint, if missing
	scripts/install-browsers

serve: install ## Serve the site at http://127.0.0.1:8000 with live reload
	$(UV) run mkdocs serve --dev-addr 127.0.0.1:8000

build: install browser ## Build everything into site/: pages, PDFs and the offline copy
	$(UV) run scripts/build site

# Every setting's site, each in OUT/<id>/, with the group's index (tools/build_all.py).
OUT ?= sites
build-all: install browser ## Build every setting's site into OUT/ (default sites/): make build-all [EXAMPLES=1] [SHARD=K/N]
	$(UV) run scripts/build-all $(OUT) $(if $(EXAMPLES),--examples) $(if $(SHARD),--shard $(SHARD))

build-index: install ## Write the group's index, _headers and _redirects for the sites in OUT/
	$(UV) run scripts/build-all $(OUT) --index-only

test: install browser ## Run the whole test suite
	$(UV) run pytest

# The example settings are the fixtures that prove the code general: a children's home in Wales,
# a school in Scotland. The whole suite, built for each in turn (CI runs it beside `make test`).
test-examples: install browser ## Run the whole suite for each example setting in turn
	@for id in $$($(UV) run python -m sitedata.settings --examples); do \
	  echo "SETTING=$$id"; SETTING=$$id $(UV) run pytest || exit 1; \
	done

# The build's date is SOURCE_DATE_EPOCH (sitedata/build_date.py) and every test moment derives from
# it, so setting it runs the suite as if DATE were today: the build, the pages' clocks, the tests.
test-future: install browser ## Run the whole suite as if DATE were today: make test-future DATE=2030-06-01
	@[[ "$(DATE)" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$$ ]] || { echo "make test-future: give the day as DATE=YYYY-MM-DD, e.g. DATE=2030-06-01" >&2; exit 2; }
	SOURCE_DATE_EPOCH=$$(date -u -d "$(DATE) 12:00" +%s) $(UV) run pytest

links: build ## Check every external guidance link (needs the internet)
	scripts/check-links --site site

screens: build ## Render pages as images to look at (test-artefacts/screens/): make screens PAGES="contacts/" AT=2027-04-05T10:00
	$(UV) run python -m tools.screens site $(PAGES) $(if $(AT),--at "$(AT)")

# Run it again (with or without SOURCE) until it says "Done": MAINTAINING.md, "A new version of the policy".
new-version: install browser ## Load a new version of the policy and list what to check: make new-version SOURCE=path/to/policy.md
	$(UV) run python -m tools.new_version $(if $(DATE),--date "$(DATE)") "$(SOURCE)"

bench: install browser ## Print the performance figures: build time, page weight, requests, offline, Lighthouse
	npm ci --prefix scripts/lighthouse --no-audit --no-fund --silent
	$(UV) run python -m tools.bench

bench-scale: install browser ## Print how building every setting scales: N = 1, 10 and 50 generated settings
	$(UV) run python -m tools.bench_scale
