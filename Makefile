# Two commands do everything on a fresh Debian machine: `make serve` and `make test`.
# Each installs what is missing first (scripts/setup.sh), so both are safe to run again.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# The browser tests' runner gives chromedriver 5 s to start by default; Debian's takes about 2 s
# when the machine is idle and was once killed past 5 s under load, failing the run.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT ?= 60
WASM := --target wasm32-unknown-unknown

.PHONY: serve dev check-serve test setup setup-build fmt-check clippy test-native check-domain check-layers test-browser \
	build test-e2e bench clean

## serve: the app as it is deployed: the release build, precompressed, served on
## http://127.0.0.1:8080 with the single-page fallback a static host gives.
serve: setup-build
	trunk build --release --offline
	node scripts/precompress.mjs dist
	@echo "Serving the release build on http://127.0.0.1:8080 (Ctrl+C stops it)."
	node scripts/serve-dist.mjs 8080

## dev: for changing the app: Trunk's debug build on http://127.0.0.1:8080, rebuilt and
## reloaded on every change.
dev: setup-build
	trunk serve --offline

## check-serve: `make serve` serves the release build the e2e tests and the deployment use.
check-serve:
	@recipe="$$($(MAKE) -n serve)"; \
	for part in "trunk build --release" "scripts/precompress.mjs dist" "scripts/serve-dist.mjs 8080"; do \
		grep -qF -- "$$part" <<<"$$recipe" || { echo "make serve does not run: $$part"; exit 1; }; \
	done; \
	if grep -q "trunk serve" <<<"$$recipe"; then echo "make serve must not run trunk serve (make dev does)."; exit 1; fi
	@echo "check-serve: make serve builds the release and serves it as deployed."

## test: every check, in order: format, lints, native tests, browser tests, release build, e2e.
test: setup fmt-check clippy check-domain check-layers check-serve test-native test-browser build test-e2e
	@echo "make test: every check passed."

setup:
	scripts/setup.sh test

setup-build:
	scripts/setup.sh build

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets $(WASM) -- -D warnings

# The domain stays pure: it must not reach for the browser or the UI framework.
check-domain:
	@if grep -rnE '\b(leptos|web_sys|gloo[a-z_]*|wasm_bindgen|js_sys)\b' src/domain; then \
		echo "src/domain must not use leptos, web_sys, gloo, wasm_bindgen or js_sys."; exit 1; \
	fi
	@if grep -rn 'inner_html' src; then echo "No inner_html: never render data as HTML."; exit 1; fi
	@echo "check-domain: src/domain is pure; no inner_html."

# The domain is a stack of layers (text <- sizing <- engagement <- process <- documents): no
# file imports a layer above its own, and no files import each other around a loop.
check-layers:
	node scripts/check-layers.mjs

test-native:
	cargo test

test-browser:
	cargo test $(WASM) --test 'web*'

## build: the release build in dist/ (wasm-opt applied), as deployed; and the same app built
## for a sub-path (/planner/, as on GitLab Pages) in target/dist-subpath/, for the e2e tests.
## Each file gets its precompressed .gz and .br copies, which the e2e tests are served. The
## customer's first module is checked to hold no code of the UI framework.
build:
	trunk build --release --offline
	trunk build --release --offline --public-url /planner/ --dist target/dist-subpath
	node scripts/check-first-screen.mjs
	node scripts/precompress.mjs dist target/dist-subpath

test-e2e:
	playwright test

## bench: measures the release build against the budgets (size, start-up, typing, a list of
## 1,000 engagements, share-link length) and prints one table. It reports; it never fails.
bench: setup
	trunk build --release --offline
	cd bench/counter && CARGO_TARGET_DIR=../../target/bench-counter trunk build --release --offline --dist ../../target/bench-counter-dist
	node scripts/precompress.mjs dist target/bench-counter-dist
	node bench/run.mjs

clean:
	cargo clean
	rm -rf dist test-results playwright-report
