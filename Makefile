# One entry point for people and CI. Every target works on a fresh clone:
# `make install` (run by the others) bootstraps uv and the locked environment.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
RUN := $(UV) run --frozen
PROTO_FILES := $(wildcard proto/callcenter/v1/*.proto)

.PHONY: install run test test-unit test-integration test-e2e lint proto proto-check bench

install: .venv/.installed
.venv/.installed: uv.lock pyproject.toml $(wildcard services/*/pyproject.toml) proto/pyproject.toml
	@command -v $(UV) >/dev/null || python3 -m pip install --user --quiet uv || python3 -m pip install --quiet uv
	$(UV) sync --frozen --all-packages
	@touch $@

proto: install
	$(RUN) python -m grpc_tools.protoc -I proto --python_out=proto --pyi_out=proto \
		--grpc_python_out=proto $(PROTO_FILES)

# Fails when the committed generated code is not what `make proto` produces.
proto-check: install
	@tmp=$$(mktemp -d) && \
	$(RUN) python -m grpc_tools.protoc -I proto --python_out=$$tmp --pyi_out=$$tmp \
		--grpc_python_out=$$tmp $(PROTO_FILES) && \
	for f in $$tmp/callcenter/v1/*; do \
		cmp -s $$f proto/callcenter/v1/$$(basename $$f) || { echo "stale generated code: proto/callcenter/v1/$$(basename $$f); run make proto"; exit 1; }; \
	done && echo "generated code is up to date"
