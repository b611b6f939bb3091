#!/usr/bin/env bash
#! `make fuzz-smoke`: builds the cargo-fuzz targets of the ZK codec (frame, bulk, records, time)
#! and runs each for FUZZ_SECONDS (default 20) with libFuzzer, seeded from its saved inputs in
#! fuzz/regressions/<target>/ (read only) and growing fuzz/corpus/<target>/ (git-ignored).
#! Prints, per target, the executions, speed, coverage and corpus size libFuzzer reports, and
#! fails when a target crashes, hangs (-timeout=2) or passes 256 MB (-rss_limit_mb=256);
#! libFuzzer then saves the input in fuzz/artifacts/<target>/, to be copied to
#! fuzz/regressions/<target>/ under a name saying what it found.
#!
#! Runs on the stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags (no nightly
#! is needed or downloaded). Needs cargo-fuzz (scripts/setup.sh installs it). Not here: long runs
#! (`cargo fuzz run <target>` from crates/kaoqin-terminals without a time limit) and replaying
#! the saved inputs without libFuzzer (`cargo test`, tests/it/fuzz_regressions.rs).
#!
#! Usage: crates/kaoqin-terminals/fuzz/smoke.sh [target...]   (default: all four)
#! Environment: FUZZ_SECONDS (per target), FUZZ_SANITIZER (none, the default, or address). The
#! codec is safe Rust (unsafe_code is forbidden), so AddressSanitizer finds little there and costs
#! two to five times the executions; panics, failed assertions, overflow checks (on in these
#! builds), hangs and memory blow-ups are caught without it.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
crate_dir="$(dirname "$fuzz_dir")"
cargo="${CARGO:-cargo}"
seconds="${FUZZ_SECONDS:-20}"
sanitizer="${FUZZ_SANITIZER:-none}"
targets=("$@")
((${#targets[@]})) || targets=(frame bulk records time)
export RUSTC_BOOTSTRAP=1
# ASan keeps up to 256 MB of freed memory in quarantine, which alone would pass the 256 MB limit
# on a target that allocates per input (bulk); the codec is safe Rust, a short quarantine is enough.
if [ "$sanitizer" = address ]; then
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
fi

say() { printf '\033[1;34m[fuzz-smoke]\033[0m %s\n' "$*"; }
# One `stat::<name>` figure of -print_final_stats from a target's log.
final_stat() { sed -n "s/^stat::$2: *//p" "$1" | tail -n 1; }

"$cargo" fuzz --version >/dev/null 2>&1 \
  || { echo "cargo-fuzz is missing: run scripts/setup.sh test" >&2; exit 1; }

cd "$crate_dir"
# cargo fuzz has no --locked: check here that fuzz/Cargo.lock is up to date instead.
"$cargo" metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
start=$SECONDS
"$cargo" fuzz build --sanitizer "$sanitizer"
say "built the targets in $((SECONDS - start)) s (sanitizer: $sanitizer)"

logs="$fuzz_dir/target/smoke"
mkdir -p "$logs"
failed=()
summary=()
for t in "${targets[@]}"; do
  [ -d "fuzz/regressions/$t" ] || { echo "fuzz/regressions/$t is missing" >&2; exit 1; }
  mkdir -p "fuzz/corpus/$t"
  say "$t: ${seconds} s"
  status=0
  "$cargo" fuzz run --sanitizer "$sanitizer" "$t" "fuzz/corpus/$t" "fuzz/regressions/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=256 -timeout=2 -print_final_stats=1 \
    >"$logs/$t.log" 2>&1 || status=$?
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$logs/$t.log" | tail -n 1 || true)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")"
  corp="$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")"
  line="$(printf '%-8s %12s execs %9s exec/s  cov %5s  corpus %5s  peak RSS %4s MB' "$t" \
    "$(final_stat "$logs/$t.log" number_of_executed_units)" \
    "$(final_stat "$logs/$t.log" average_exec_per_sec)" "${cov:--}" \
    "${corp:--}" "$(final_stat "$logs/$t.log" peak_rss_mb)")"
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    line+="  FAILED (exit $status)"
    echo "---- $t: the end of libFuzzer's report ($logs/$t.log) ----" >&2
    tail -n 60 "$logs/$t.log" >&2
  fi
  summary+=("$line")
done

say "per target (${seconds} s each), total $((SECONDS - start)) s with the build:"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  say "FAILED: ${failed[*]}: copy each input from fuzz/artifacts/<target>/ to fuzz/regressions/<target>/, named after what it found, then fix the codec"
  exit 1
fi
