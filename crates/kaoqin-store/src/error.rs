//! The store's errors. Each names what the user can do about it.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no database at {path}: run `kaoqin init` first, or pass --db")]
    NoDatabase { path: PathBuf },
    #[error("{path} is not a Kaoqin database (wrong application id): choose another file")]
    NotKaoqinDatabase { path: PathBuf },
    #[error(
        "this database has schema version {db_version}, newer than this build supports \
         ({app_version}): install the newer Kaoqin that wrote it"
    )]
    DatabaseTooNew { db_version: u32, app_version: u32 },
    #[error(
        "migration {version} ({name}) differs from the one applied to this database: the build is corrupt or was modified"
    )]
    MigrationChanged { version: u32, name: String },
    #[error(
        "{path} is on a network file system ({fs_type}): keep the database on a local disk \
         and copy backups to the share instead"
    )]
    NetworkPath { path: PathBuf, fs_type: String },
    #[error("SQLite {found} is too old: 3.51.3 or newer is required")]
    SqliteTooOld { found: String },
    #[error("PRAGMA {name} is {got}, expected {wanted}")]
    Pragma { name: &'static str, wanted: &'static str, got: String },
    #[error("cannot use {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("the audit key is not loaded: nothing can be written without signing the audit log")]
    AuditKeyMissing,
}
