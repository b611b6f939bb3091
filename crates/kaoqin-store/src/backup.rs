//! Verified backups: `VACUUM INTO` a temporary name next to the target, `PRAGMA
//! integrity_check` on the copy, fsync, then rename into place — a backup either exists whole and
//! checked or not at all. A terminal is cleared only after such a backup covers its pull.
//!
//! Not here: where backups go and how many are kept (the caller decides; thinning comes with the
//! backup issue), restoring.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::{Error, Result, Store};

/// What a verified backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub bytes: u64,
    /// Raw punches in the copy (checked by the caller against what must be covered).
    pub raw_punches: i64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io { path: path.to_path_buf(), source }
}

impl Store {
    /// Writes a checked copy of the database to `target` (which must not exist yet).
    pub fn backup_to(&self, target: &Path) -> Result<BackupInfo> {
        if target.exists() {
            return Err(Error::Io {
                path: target.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "backup exists"),
            });
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let partial = target.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let text = partial.to_string_lossy().into_owned();
        self.conn.execute("VACUUM INTO ?1", [&text])?;
        let checked = (|| -> Result<i64> {
            let copy = Connection::open_with_flags(
                &partial,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if check != "ok" {
                return Err(Error::Corrupt(format!("backup copy failed its check: {check}")));
            }
            Ok(copy.query_row("SELECT count(*) FROM raw_punch", [], |r| r.get(0))?)
        })();
        let raw_punches = match checked {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        };
        std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(io(&partial))?;
        std::fs::rename(&partial, target).map_err(io(target))?;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself is durable once the directory is synced (not possible on Windows).
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        let bytes = std::fs::metadata(target).map_err(io(target))?.len();
        Ok(BackupInfo { path: target.to_path_buf(), bytes, raw_punches })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_whole_checked_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("k.db")).unwrap();
        let target = dir.path().join("backups").join("b.db");
        let info = store.backup_to(&target).unwrap();
        assert!(info.bytes > 0);
        assert_eq!(info.raw_punches, 0);
        let copy = Store::open_existing(&target).unwrap();
        assert_eq!(copy.schema_version().unwrap(), crate::SCHEMA_VERSION);
        assert!(store.backup_to(&target).is_err(), "an existing backup is not overwritten");
        assert!(!target.with_extension("partial").exists());
    }
}
