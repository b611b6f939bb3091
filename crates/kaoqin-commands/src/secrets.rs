//! Terminal comm keys in the OS credential store (Windows Credential Manager, the macOS keychain,
//! the Secret Service on Linux), never in the database: a database file copied off the PC does
//! not carry them. Each terminal row names its entry (`key_ref`); the service is `kaoqin`.
//!
//! The `keyring` crate is built with a platform store on every target (see the workspace
//! Cargo.toml), so nothing here can silently fall back to keeping a key in memory. When the store
//! is unreachable (no session bus on a bare Linux box) the clerk gets [`Error::Keyring`] with the
//! reason, and the terminal is not saved half-configured.

use crate::{Error, Result};

const SERVICE: &str = "kaoqin";

fn entry(key_ref: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, key_ref).map_err(keyring_error)
}

fn keyring_error(e: keyring::Error) -> Error {
    Error::Keyring(e.to_string())
}

/// The comm key stored under `key_ref`, if any.
pub fn get_comm_key(key_ref: &str) -> Result<Option<u32>> {
    match entry(key_ref)?.get_password() {
        Ok(text) => text
            .parse()
            .map(Some)
            .map_err(|_| Error::Keyring(format!("stored comm key {key_ref} is not a number"))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(keyring_error(e)),
    }
}

/// Stores (or replaces) the comm key under `key_ref`.
pub fn set_comm_key(key_ref: &str, key: u32) -> Result<()> {
    entry(key_ref)?.set_password(&key.to_string()).map_err(keyring_error)
}

/// Removes the comm key under `key_ref`; a missing entry is fine.
pub fn delete_comm_key(key_ref: &str) -> Result<()> {
    match entry(key_ref)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(keyring_error(e)),
    }
}
