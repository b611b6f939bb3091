//! Fuzz target `frame`: arbitrary bytes as a UDP datagram and as a TCP stream fed to the
//! deframer in pieces. Checks that nothing panics, that a datagram with a good checksum
//! re-encodes to the same bytes, and that the deframer never returns a packet over its limit.
//! Not here: what the packets mean (the other targets).
//!
//! The body is `kaoqin_terminals::fuzzing::frame`, which `cargo test` also runs on every input
//! saved in `fuzz/regressions/frame/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kaoqin_terminals::fuzzing::frame(data));
