//! Kaoqin's SQLite store: the only crate that knows SQL.
//!
//! [`Store::open`] applies the settings every connection needs (WAL, `synchronous=FULL`,
//! foreign keys, `trusted_schema=OFF`, busy timeout), refuses files that are not Kaoqin
//! databases, databases written by a newer build, SQLite builds older than 3.51.3 and paths on
//! network shares, then runs the embedded migrations. Queries are methods on [`Db`], which reads
//! through [`Store::read`] and writes inside one `BEGIN IMMEDIATE` transaction through
//! [`Store::write`]. Not here: validation and permissions (kaoqin-core, kaoqin-commands).

mod audit;
mod backup;
mod calendar;
mod company;
mod correction;
mod department;
mod employee;
mod error;
mod leave;
pub mod location;
mod migrate;
mod punch;
mod rules;
mod schedule;
mod terminal;

use std::path::{Path, PathBuf};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use audit::{
    AuditBreak, AuditEvent, AuditFilter, AuditHead, AuditKey, AuditRow, AuditVerdict, ChainHash,
    canonical_bytes, hex as audit_hex,
};
pub use backup::BackupInfo;
pub use calendar::CalendarYearRow;
pub use company::CompanyRow;
pub use correction::{CorrectionRow, CorrectionWrite, PeriodEventRow};
pub use department::DepartmentRow;
pub use employee::{EmployeeFilter, EmployeeRow, EmployeeWrite, UniqueKey};
pub use error::{Error, Result};
pub use leave::{GrantRow, GrantWrite, LeaveRecordRow, LeaveTypeRow, LeaveWrite};
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
pub use punch::{BatchWrite, EnginePunch, RawPunchRow, RawPunchWrite};
pub use rules::{GroupRow, MembershipRow, RotationRow, TimetableRow};
pub use terminal::{
    PullDevice, PullFigures, PullRow, PushDeviceRow, QuarantineRow, QuarantineWrite, TerminalRow,
    TerminalWrite,
};

/// `PRAGMA application_id` of every Kaoqin database: "KQIN" in ASCII.
pub const APPLICATION_ID: i32 = 0x4B51_494E;
/// The oldest SQLite with the WAL-reset fix (3.51.3); the bundled build is newer.
pub const MIN_SQLITE_VERSION: i32 = 3_051_003;

/// An open Kaoqin database: one connection, the single writer.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    audit_key: Option<AuditKey>,
}

/// Query methods over a connection or an open transaction.
pub struct Db<'c> {
    conn: &'c Connection,
    /// Signs appended audit events; `None` refuses to append.
    audit_key: Option<&'c AuditKey>,
}

impl Store {
    /// Opens the database at `path`, creating it (and its directory) when it does not exist.
    pub fn open(path: &Path) -> Result<Store> {
        location::refuse_network_path(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// Opens the database at `path` and fails with [`Error::NoDatabase`] if there is none.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::NoDatabase { path: path.to_path_buf() });
        }
        Self::open(path)
    }

    /// A private in-memory database with the full schema, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let version = rusqlite::version_number();
        if version < MIN_SQLITE_VERSION {
            return Err(Error::SqliteTooOld { found: rusqlite::version().to_owned() });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "trusted_schema", false)?;
        if path.is_some() {
            let mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Pragma { name: "journal_mode", wanted: "wal", got: mode });
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        // 32 MiB of page cache (the default is 2 MiB): a month's punches or a pulled terminal's
        // log are written in one go, and a small cache spills half-written pages to the WAL and
        // reads them back.
        conn.pragma_update(None, "cache_size", -32_768)?;
        let sync: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0))?;
        if sync != 2 {
            return Err(Error::Pragma {
                name: "synchronous",
                wanted: "2 (FULL)",
                got: sync.to_string(),
            });
        }
        let mut store = Store { conn, path, audit_key: None };
        store.check_identity()?;
        migrate::run(&mut store.conn)?;
        Ok(store)
    }

    /// Refuses files that belong to something else. A brand-new (empty) file is claimed.
    fn check_identity(&self) -> Result<()> {
        let app_id: i32 = self.conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let tables: i64 =
            self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        match app_id {
            APPLICATION_ID => Ok(()),
            0 if tables == 0 => {
                self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
                Ok(())
            }
            _ => Err(Error::NotKaoqinDatabase { path: self.path.clone().unwrap_or_default() }),
        }
    }

    /// The file this store was opened from (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Queries outside a transaction.
    pub fn read(&self) -> Db<'_> {
        Db { conn: &self.conn, audit_key: self.audit_key.as_ref() }
    }

    /// Gives the store the audit log's key (from the OS keyring): from now on every write can
    /// append signed audit events.
    pub fn set_audit_key(&mut self, key: AuditKey) {
        self.audit_key = Some(key);
    }

    /// The key given by [`Store::set_audit_key`], for verification.
    pub fn audit_key(&self) -> Option<&AuditKey> {
        self.audit_key.as_ref()
    }

    /// Runs `f` inside one `BEGIN IMMEDIATE` transaction: committed when `f` returns `Ok`,
    /// rolled back (nothing written) when it returns `Err`.
    pub fn write<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Db<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| E::from(Error::from(e)))?;
        let out = f(&Db { conn: &tx, audit_key: self.audit_key.as_ref() })?;
        tx.commit().map_err(|e| E::from(Error::from(e)))?;
        Ok(out)
    }

    /// Runs `f` inside a transaction that is always rolled back: a dry run that sees its own
    /// writes (later steps of an import check against earlier ones) and leaves nothing behind.
    pub fn rehearse<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Db<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| E::from(Error::from(e)))?;
        let out = f(&Db { conn: &tx, audit_key: self.audit_key.as_ref() });
        tx.rollback().map_err(|e| E::from(Error::from(e)))?;
        out
    }

    /// Pragma values as the database reports them, for the configuration guard test and the
    /// diagnostics screen.
    pub fn pragmas(&self) -> Result<Vec<(&'static str, String)>> {
        let mut out = Vec::new();
        for name in [
            "journal_mode",
            "synchronous",
            "foreign_keys",
            "trusted_schema",
            "application_id",
            "user_version",
        ] {
            let v: rusqlite::types::Value =
                self.conn.pragma_query_value(None, name, |r| r.get(0))?;
            let text = match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            };
            out.push((name, text));
        }
        let version: String = self.conn.query_row("SELECT sqlite_version()", [], |r| r.get(0))?;
        out.push(("sqlite_version", version));
        Ok(out)
    }
}

impl Store {
    /// Every row of every table as text, in a fixed order: tests compare two dumps to prove that
    /// a refused operation wrote nothing.
    pub fn dump(&self) -> Result<String> {
        let mut out = String::new();
        let mut tables = self.conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let names = tables
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for table in names {
            out.push_str(&format!("# {table}\n"));
            let mut stmt =
                self.conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
            let n = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let cells: Vec<String> = (0..n)
                    .map(|i| match row.get_ref(i) {
                        Ok(ValueRef::Null) => "NULL".to_owned(),
                        Ok(ValueRef::Integer(n)) => n.to_string(),
                        Ok(ValueRef::Real(f)) => f.to_string(),
                        Ok(ValueRef::Text(t)) => format!("{:?}", String::from_utf8_lossy(t)),
                        Ok(ValueRef::Blob(b)) => format!(
                            "x'{}'",
                            b.iter().map(|x| format!("{x:02x}")).collect::<String>()
                        ),
                        Err(e) => format!("<{e}>"),
                    })
                    .collect();
                out.push_str(&cells.join(" | "));
                out.push('\n');
            }
        }
        Ok(out)
    }
}

/// A kaoqin-core value as the JSON text stored in a `definition`-style column.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Corrupt(format!("cannot encode: {e}")))
}

/// A stored JSON column read back; `what` names the table for the error.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("{what}: {e}")))
}

/// Formats an instant the way every `*_at` column stores it.
pub(crate) fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
