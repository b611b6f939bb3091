//! Fuzz target `time`: every 4 bytes as an encoded terminal time and every 6 bytes as a realtime
//! `YY MM DD hh mm ss` time. Checks that decoding never fails or panics, that `wall_to_naive`
//! either gives a date-time or an `ImpossibleTime` carrying the same fields, and that real dates
//! in the encodable century re-encode to the same value. Not here: time zones (none on the wire).
//!
//! The body is `kaoqin_terminals::fuzzing::time`, which `cargo test` also runs on every input
//! saved in `fuzz/regressions/time/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kaoqin_terminals::fuzzing::time(data));
