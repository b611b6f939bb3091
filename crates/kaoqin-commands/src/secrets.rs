//! Secrets in the OS credential store: terminal comm keys, and per database the audit log's
//! HMAC key and its last anchor (`audit-key-<uid>`, `audit-anchor-<uid>`, named after the
//! database's random identity).
//!
//! Terminal comm keys in the OS credential store (Windows Credential Manager, the macOS keychain,
//! the Secret Service on Linux), never in the database: a database file copied off the PC does
//! not carry them. Each terminal row names its entry (`key_ref`); the service is `kaoqin`.
//!
//! The `keyring` crate is built with a platform store on every target (see the workspace
//! Cargo.toml), so nothing here can silently fall back to keeping a key in memory. When the store
//! is unreachable (no session bus on a bare Linux box) the clerk gets [`Error::Keyring`] with the
//! reason, and the terminal is not saved half-configured.

use std::sync::Mutex;

use kaoqin_store::{AuditHead, AuditKey};

use crate::{Error, Result};

const SERVICE: &str = "kaoqin";

/// Reads and writes of one entry from several threads are not reliably ordered by the OS
/// stores: every access goes through this lock.
static KEYRING: Mutex<()> = Mutex::new(());

fn locked<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    let _guard = KEYRING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    f()
}

fn entry(key_ref: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, key_ref).map_err(keyring_error)
}

fn get_text(name: &str) -> Result<Option<String>> {
    locked(|| match entry(name)?.get_password() {
        Ok(text) => Ok(Some(text)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(keyring_error(e)),
    })
}

/// Stores `text` and reads it back through a new entry: a store that only pretends to keep
/// secrets (keyring's in-memory mock) fails here instead of losing the key.
fn set_text(name: &str, text: &str) -> Result<()> {
    locked(|| {
        entry(name)?.set_password(text).map_err(keyring_error)?;
        match entry(name)?.get_password() {
            Ok(back) if back == text => Ok(()),
            Ok(_) | Err(keyring::Error::NoEntry) => {
                Err(Error::Keyring(format!("{name} was not kept by the keyring")))
            }
            Err(e) => Err(keyring_error(e)),
        }
    })
}

/// The audit key of the database `uid`, if this PC's keyring has it.
pub fn get_audit_key(uid: &str) -> Result<Option<AuditKey>> {
    let Some(text) = get_text(&format!("audit-key-{uid}"))? else { return Ok(None) };
    let bytes = (0..text.len())
        .step_by(2)
        .map(|i| text.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<Vec<u8>>>();
    match bytes.and_then(|b| <[u8; 32]>::try_from(b).ok()) {
        Some(k) => Ok(Some(AuditKey(k))),
        None => Err(Error::Keyring(format!("stored audit key of {uid} is not 32 bytes of hex"))),
    }
}

/// Makes a new random audit key for the database `uid` and stores it.
pub fn create_audit_key(uid: &str) -> Result<AuditKey> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| Error::Internal(format!("no random bytes: {e}")))?;
    set_text(&format!("audit-key-{uid}"), &kaoqin_store::audit_hex(&key))?;
    Ok(AuditKey(key))
}

/// The last audit head saved for the database `uid`.
pub fn get_audit_anchor(uid: &str) -> Result<Option<AuditHead>> {
    Ok(get_text(&format!("audit-anchor-{uid}"))?.and_then(|t| AuditHead::decode(&t)))
}

/// Saves the anchor. Not read back (the key was, when it was made): this runs after every
/// command and should cost one call.
pub fn set_audit_anchor(uid: &str, head: AuditHead) -> Result<()> {
    let name = format!("audit-anchor-{uid}");
    locked(|| entry(&name)?.set_password(&head.encode()).map_err(keyring_error))
}

fn keyring_error(e: keyring::Error) -> Error {
    Error::Keyring(e.to_string())
}

/// The comm key stored under `key_ref`, if any.
pub fn get_comm_key(key_ref: &str) -> Result<Option<u32>> {
    match get_text(key_ref)? {
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| Error::Keyring(format!("stored comm key {key_ref} is not a number"))),
        None => Ok(None),
    }
}

/// Stores (or replaces) the comm key under `key_ref`.
pub fn set_comm_key(key_ref: &str, key: u32) -> Result<()> {
    locked(|| entry(key_ref)?.set_password(&key.to_string()).map_err(keyring_error))
}

/// Removes the comm key under `key_ref`; a missing entry is fine.
pub fn delete_comm_key(key_ref: &str) -> Result<()> {
    locked(|| match entry(key_ref)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(keyring_error(e)),
    })
}
