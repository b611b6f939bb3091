# Kaoqin 考勤 — the two commands a new user needs are `make run` and `make test`.
# Both install what is missing first (scripts/setup.sh: apt packages, npm packages from the
# lockfile, tauri-driver) and are safe to repeat.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
export CARGO_TERM_COLOR ?= auto

.PHONY: run test setup ui desktop cli fmt-check clippy unit fuzz-smoke tidy ui-test e2e codegen \
        run-headless bench

## run: install what is missing, build, and open the desktop app on the default database.
run:
	scripts/setup.sh run
	$(MAKE) --no-print-directory ui desktop cli
	scripts/run-desktop.sh

## run-headless: the app under a virtual display; writes target/screenshots/desktop.png.
run-headless:
	scripts/setup.sh run
	$(MAKE) --no-print-directory ui desktop
	scripts/run-desktop.sh --headless

## test: install what is missing, then every check CI runs.
test:
	scripts/setup.sh test
	$(MAKE) --no-print-directory fmt-check ui clippy unit fuzz-smoke tidy ui-test e2e
	@echo "make test: all checks passed"

setup:
	scripts/setup.sh test

ui:
	cd ui && npm run --silent build

# The app embeds ui/dist when src-tauri compiles. An incremental build after a UI rebuild has
# served an index.html whose script it did not embed (a blank window), so the app's crate is
# always recompiled after `ui` (about 20 s); see ARCHITECTURE.md, "Build notes".
desktop: ui
	touch src-tauri/src/main.rs
	$(CARGO) build -p kaoqin-desktop

cli:
	$(CARGO) build -p kaoqin-cli

fmt-check:
	$(CARGO) fmt --all --check

clippy: ui
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

# Comm keys go to the OS keyring: the tests use a real one (gnome-keyring on a private D-Bus).
unit:
	scripts/with-keyring.sh $(CARGO) test --locked

## fuzz-smoke: each cargo-fuzz target of the ZK codec for 20 s, seeded from its saved inputs
## (crates/kaoqin-terminals/fuzz/regressions/); prints the executions per target and fails on a
## crash, hang or OOM. Stable toolchain with RUSTC_BOOTSTRAP=1; see fuzz/smoke.sh.
fuzz-smoke:
	CARGO="$(CARGO)" crates/kaoqin-terminals/fuzz/smoke.sh

tidy:
	$(CARGO) xtask tidy

ui-test:
	cd ui && npm test --silent

## e2e: the real app under Xvfb, driven by tauri-driver + WebKitWebDriver, with a real keyring
## (the app signs its audit log with a key kept there). main.rs is touched so the app always
## embeds the UI just built.
e2e: ui cli
	touch src-tauri/src/main.rs
	xvfb-run -a -s "-screen 0 1400x900x24" scripts/with-keyring.sh \
	  $(CARGO) test -p kaoqin-desktop --locked -- --test-threads=1

codegen:
	$(CARGO) xtask codegen

## bench: the engine on 5,000 people × October 2026 (620,000 punches), against reading the punches.
bench:
	$(CARGO) run --release --locked -p xtask -- bench
