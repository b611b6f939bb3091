//! Fuzz target `bulk`: a whole "read with buffer" transfer driven by fuzz bytes: a declared size
//! and cap for the `BulkBuffer`, then frames (command, reply id, data) fed to a `ChunkReader`;
//! each finished chunk is appended and a new reader starts on the next reply id. Checks that
//! nothing panics and that the size rules hold (a finished chunk is exactly its size, the buffer
//! never passes its declared size, a finished buffer is exactly the declared size). Not here:
//! sockets and retries (the client).
//!
//! The body is `kaoqin_terminals::fuzzing::bulk`, which `cargo test` also runs on every input
//! saved in `fuzz/regressions/bulk/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kaoqin_terminals::fuzzing::bulk(data));
