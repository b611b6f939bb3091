//! Fuzz target `records`: arbitrary bytes as an attendance buffer and a users buffer, both as
//! given and behind a correct `u32` size prefix (so the parsers get past the prefix check).
//! Checks that detection, parsing, time decoding and name decoding never panic, and that a
//! detected layout always parses. Not here: whether the detected layout is the right one (unit
//! and property tests with known records).
//!
//! The body is `kaoqin_terminals::fuzzing::records`, which `cargo test` also runs on every input
//! saved in `fuzz/regressions/records/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kaoqin_terminals::fuzzing::records(data));
