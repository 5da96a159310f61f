# Two commands matter: `make demo` and `make test`. Everything else is a step of theirs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= data/curated/monitoring.duckdb
DEMO_PERSONS ?= 3000
PORT   ?= 8501

export GX_ANALYTICS_ENABLED := false
export TIPMON_DB ?= $(DB)

# Debian packages the tests need: Thai and Lao fonts (dashboard, PDF), Chromium (browser tests,
# Plotly static export), Pango (WeasyPrint), poppler (reading PDFs back).
DEBIAN_PACKAGES := fonts-thai-tlwg fonts-noto-core chromium libpango-1.0-0 libpangoft2-1.0-0 \
                   poppler-utils

.PHONY: setup system-deps demo data ingest serve test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Synthetic exports are written only when data/raw/ holds no export yet.
data: setup
	@if [ -z "$$(find data/raw -type f \( -name '*.xlsx' -o -name '*.csv' \) -print -quit)" ]; then \
		$(BIN)/tipmon generate --persons $(DEMO_PERSONS) --seed 2026 --out data/raw/demo; \
	fi

ingest: data
	$(BIN)/tipmon ingest data/raw --db $(DB) || [ $$? -eq 2 ]

serve: setup
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

demo: ingest serve

# Installs what is missing (apt-get, as root or through sudo); does nothing when all is there.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

test: setup system-deps
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

# Benchmarks (BENCHMARKS.md, benchmarks/results.json): 10,000, 100,000 and 1,000,000 persons.
# Long at 1,000,000: exports are generated once into build/bench/exports/, then a long ingest.
bench: setup
	$(BIN)/python -m benchmarks.run --sizes 10000 100000 1000000 $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data/curated/*.duckdb* .pytest_cache .ruff_cache
