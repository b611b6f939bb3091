//! Replays the saved fuzz inputs: every file of `fuzz/regressions/<target>/` goes through the
//! matching `kaoqin_terminals::fuzzing` function, the same code the cargo-fuzz target runs, so a
//! crash libFuzzer once found (and the hand-made seeds) stays checked by `cargo test` without
//! libFuzzer. A missing or empty folder, or a folder no target reads, fails the test.
//!
//! Not here: fuzzing itself (`make fuzz-smoke`) and properties over random input (`zk_props.rs`).

use std::path::{Path, PathBuf};

use kaoqin_terminals::fuzzing;

/// The fuzz targets, named as their folders.
const TARGETS: [&str; 4] = ["frame", "bulk", "records", "time"];

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("regressions")
}

/// The files of one target's folder, sorted; fails when the folder is missing or empty.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = regressions_dir().join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!("{}: {e}; every fuzz target needs its regressions folder", dir.display())
    });
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "{} has no inputs: keep at least the hand-made seeds of target `{target}`",
        dir.display()
    );
    files
}

/// Runs every input of `target` through `body`; reports each input that panicked by name.
fn replay(target: &str, body: fn(&[u8])) {
    let mut failed = Vec::new();
    for path in inputs(target) {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if std::panic::catch_unwind(|| body(&data)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "fuzz target `{target}` fails again on: {failed:#?}");
}

#[test]
fn frame_regressions() {
    replay("frame", fuzzing::frame);
}

#[test]
fn bulk_regressions() {
    replay("bulk", fuzzing::bulk);
}

#[test]
fn records_regressions() {
    replay("records", fuzzing::records);
}

#[test]
fn time_regressions() {
    replay("time", fuzzing::time);
}

#[test]
fn every_regressions_folder_belongs_to_a_target() {
    let dir = regressions_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
        if !path.is_dir() {
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        assert!(
            TARGETS.contains(&name.as_str()),
            "{}: no fuzz target reads this folder (targets: {TARGETS:?})",
            path.display()
        );
    }
}
