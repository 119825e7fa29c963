# One entry point for people and CI. Every target works on a fresh clone: the ones
# that need the Python environment run `install` first, which bootstraps uv itself.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --frozen
PROTO_FILES := $(wildcard proto/callcenter/v1/*.proto)
PROTOC := $(RUN) python -m grpc_tools.protoc -I proto
export PATH := $(CURDIR)/.tools/bin:$(CURDIR)/proto/node_modules/.bin:$(PATH)

.PHONY: install tools run test test-unit test-e2e lint proto proto-check proto-lint bench validate

## install: the locked Python environment (.venv), uv included
install: .venv/.installed
.venv/.installed: uv.lock pyproject.toml proto/pyproject.toml $(wildcard services/*/pyproject.toml)
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --all-packages
	@touch $@

## tools: buf (npm), helm and docker-compose (deployment-file tests), chromium (browser tests)
tools: proto/node_modules/.installed .tools/bin/helm
proto/node_modules/.installed: proto/package-lock.json
	npm ci --prefix proto --no-audit --no-fund --silent
	@touch $@
.tools/bin/helm: deploy/install-tools.sh
	./deploy/install-tools.sh

## run: the whole platform on this machine, embedded broker included; Ctrl-C stops it
run: install
	$(RUN) callcenter up

## test: unit, integration and end-to-end tests (real broker, real processes)
test: install tools
	$(RUN) pytest services tests-e2e

test-unit: install
	$(RUN) pytest services -m "not integration"

test-e2e: install tools
	$(RUN) pytest tests-e2e

## lint: ruff, mypy on the chassis, the proto contract (buf lint, format, breaking) and generated code
lint: install proto-lint proto-check
	$(RUN) ruff check services tests-e2e
	$(RUN) ruff format --check services tests-e2e
	$(RUN) mypy services/chassis/src

proto-lint: proto/node_modules/.installed
	cd proto && buf lint && buf format --diff --exit-code
	./proto/check-breaking.sh

## proto: regenerate the Python code from proto/ (commit the result)
proto: install
	$(PROTOC) --python_out=proto --pyi_out=proto --grpc_python_out=proto $(PROTO_FILES)

# Fails when the committed generated code is not what `make proto` produces.
proto-check: install
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && \
	$(PROTOC) --python_out=$$tmp --pyi_out=$$tmp --grpc_python_out=$$tmp $(PROTO_FILES) && \
	diff -r --exclude=__init__.py --exclude='*.proto' --exclude=__pycache__ \
		$$tmp/callcenter/v1 proto/callcenter/v1 >/dev/null || \
		{ echo "generated code in proto/callcenter/v1 is stale: run make proto"; exit 1; }; \
	echo "generated code is up to date"

## bench: throughput and latency benchmarks; results belong in docs/benchmarks.md
bench: install
	$(RUN) python services/chassis/benchmarks/bench_event_io.py
	$(RUN) python services/chassis/benchmarks/bench_broker_batches.py
	$(RUN) python services/router/benchmarks/bench_matching.py
	$(RUN) python services/router/benchmarks/bench_offer_latency.py
	$(RUN) python services/router/benchmarks/bench_ewt_accuracy.py
	$(RUN) python services/ivr/benchmarks/bench_sessions.py
	$(RUN) python services/ingest/benchmarks/bench_webhooks.py
	$(RUN) python services/metrics/benchmarks/bench_throughput.py
	$(RUN) python services/metrics/benchmarks/bench_freshness.py
	$(RUN) python services/crm-lookup/benchmarks/bench_lookup.py
	$(RUN) python services/crm-lookup/benchmarks/bench_import.py
	$(RUN) python services/crm-lookup/benchmarks/bench_import_memory.py
	$(RUN) python services/simulator/benchmarks/bench_capacity.py

## validate: the platform's metrics against Erlang A / Erlang C (docs/validation.md; ~45 min)
validate: install
	$(RUN) python services/simulator/validation/validate_theory.py
