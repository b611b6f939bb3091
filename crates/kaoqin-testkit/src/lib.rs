//! Test helpers shared by Kaoqin's crates: fixed instants, temporary database files, and a
//! snapshot of a database's whole content for "nothing was written" assertions.
//!
//! A dev-dependency only (tidy refuses it anywhere else). Scenario DSL and terminal-simulator
//! harnesses arrive with the engine and terminal issues.

pub mod roster_file;
pub mod scenario;

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use kaoqin_store::Store;

/// A fixed instant (UTC) for deterministic tests.
pub fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    match Utc.with_ymd_and_hms(year, month, day, hour, minute, 0).single() {
        Some(t) => t,
        None => panic!("invalid test instant {year}-{month}-{day} {hour}:{minute}"),
    }
}

/// A database file in its own temporary directory, removed when dropped.
pub struct TempDb {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> TempDb {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("cannot create a temporary directory: {e}"),
        };
        let path = dir.path().join("kaoqin.db");
        TempDb { _dir: dir, path }
    }

    /// Opens (creating if needed) the store on this file, with the tests' audit key.
    pub fn open(&self) -> Store {
        match Store::open(&self.path) {
            Ok(mut s) => {
                s.set_audit_key(test_audit_key());
                s
            }
            Err(e) => panic!("cannot open {}: {e}", self.path.display()),
        }
    }
}

impl Default for TempDb {
    fn default() -> Self {
        Self::new()
    }
}

/// The audit key of test stores. The product loads a random one from the OS keyring
/// (kaoqin-commands::audit::unlock); its own tests cover that path against a real keyring.
pub fn test_audit_key() -> kaoqin_store::AuditKey {
    kaoqin_store::AuditKey(*b"kaoqin-tests-audit-key-32-bytes!")
}

/// A private in-memory store with the full schema and the tests' audit key.
pub fn memory_store() -> Store {
    match Store::open_in_memory() {
        Ok(mut s) => {
            s.set_audit_key(test_audit_key());
            s
        }
        Err(e) => panic!("cannot open an in-memory store: {e}"),
    }
}

/// The whole content of a store, for before/after comparisons.
pub fn snapshot(store: &Store) -> String {
    match store.dump() {
        Ok(s) => s,
        Err(e) => panic!("cannot dump the database: {e}"),
    }
}
