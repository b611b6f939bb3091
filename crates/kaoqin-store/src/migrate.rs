//! Embedded, append-only migrations and the `user_version` guard.
//!
//! Migration N is `migrations/NNNN_slug.sql`; it runs in its own transaction together with
//! `PRAGMA user_version = N` and a `schema_migration` row holding its SHA-256. On every open the
//! hashes of applied migrations are compared with the embedded ones, so an edited migration is
//! caught at once. A database whose `user_version` is above the newest embedded migration was
//! written by a newer build and is refused, naming both versions.
//!
//! A migration that rebuilds a table other tables point at starts with the line
//! `-- migrate: foreign_keys off`: it then runs with foreign keys off (SQLite's documented way to
//! rebuild a table), and `PRAGMA foreign_key_check` must come back empty before it commits.

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// (version, name, SQL) of every migration, in order.
pub const MIGRATIONS: &[(u32, &str, &str)] = &[
    (1, "0001_initial", include_str!("../migrations/0001_initial.sql")),
    (2, "0002_calendar", include_str!("../migrations/0002_calendar.sql")),
    (3, "0003_timetables_groups", include_str!("../migrations/0003_timetables_groups.sql")),
    (4, "0004_schedule", include_str!("../migrations/0004_schedule.sql")),
    (5, "0005_leave", include_str!("../migrations/0005_leave.sql")),
    (6, "0006_punches", include_str!("../migrations/0006_punches.sql")),
    (7, "0007_terminals", include_str!("../migrations/0007_terminals.sql")),
    (8, "0008_audit_chain", include_str!("../migrations/0008_audit_chain.sql")),
    (9, "0009_corrections", include_str!("../migrations/0009_corrections.sql")),
];

/// The first line of a migration that must run with foreign keys off.
const FOREIGN_KEYS_OFF: &str = "-- migrate: foreign_keys off";

/// The schema version this build writes: the newest migration.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn sha256_hex(sql: &str) -> String {
    Sha256::digest(sql.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn run(conn: &mut Connection) -> Result<()> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { db_version: current, app_version: SCHEMA_VERSION });
    }
    if current > 0 {
        let mut stmt = conn.prepare("SELECT version, name, sha256 FROM schema_migration")?;
        let applied = stmt
            .query_map([], |r| {
                Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (version, name, hash) in applied {
            let embedded = MIGRATIONS.iter().find(|(v, _, _)| *v == version);
            if embedded.is_none_or(|(_, _, sql)| sha256_hex(sql) != hash) {
                return Err(Error::MigrationChanged { version, name });
            }
        }
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > current) {
        let keys_off = sql.starts_with(FOREIGN_KEYS_OFF);
        if keys_off {
            // A no-op inside a transaction, so it is set before the transaction starts.
            conn.pragma_update(None, "foreign_keys", false)?;
        }
        let applied = apply(conn, *version, name, sql, keys_off);
        if keys_off {
            conn.pragma_update(None, "foreign_keys", true)?;
        }
        applied?;
    }
    Ok(())
}

fn apply(
    conn: &mut Connection,
    version: u32,
    name: &str,
    sql: &str,
    check_keys: bool,
) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(sql)?;
    if check_keys {
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(Error::Corrupt(format!(
                "migration {name} would leave {broken} rows pointing at nothing"
            )));
        }
    }
    tx.execute(
        "INSERT INTO schema_migration (version, name, sha256, applied_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        rusqlite::params![version, name, sha256_hex(sql)],
    )?;
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_dense_and_named_after_their_number() {
        for (i, (version, name, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version as usize, i + 1, "migration versions must be 1, 2, 3, …");
            assert!(
                name.starts_with(&format!("{version:04}_")),
                "{name} must start with {version:04}_"
            );
        }
    }

    #[test]
    fn rebuilding_punch_batch_keeps_every_punch_and_its_batch() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for (version, name, sql) in MIGRATIONS.iter().take(6) {
            apply(&mut conn, *version, name, sql, false).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO punch_batch VALUES (5, 'attlog', '1_attlog.dat', 'ab', 2, 2, 't', 'u');
             INSERT INTO raw_punch (terminal, who_kind, who, term_local, term_tz, instant_utc,
                 verify_mode, state, work_code, batch_id)
             VALUES ('1', 'pin', '7', '2026-10-09 08:59:00', 'Asia/Shanghai',
                 '2026-10-09T00:59:00Z', 1, 0, '0', 5);",
        )
        .unwrap();

        run(&mut conn).unwrap();

        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let kept: (i64, String) = conn
            .query_row(
                "SELECT b.id, b.file_name FROM raw_punch p JOIN punch_batch b ON b.id = p.batch_id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kept, (5, "1_attlog.dat".to_owned()));
        let keys_on: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert!(keys_on, "foreign keys are back on after the rebuild");
        let orphan = conn.execute(
            "INSERT INTO raw_punch (terminal, who_kind, who, term_local, term_tz, instant_utc,
                 verify_mode, state, work_code, batch_id)
             VALUES ('1', 'pin', '8', '2026-10-09 09:00:00', 'Asia/Shanghai',
                 '2026-10-09T01:00:00Z', 1, 0, '0', 99)",
            [],
        );
        assert!(orphan.is_err(), "raw_punch still points at punch_batch: {orphan:?}");
        conn.execute(
            "INSERT INTO punch_batch (kind, file_name, sha256, lines, added, imported_at, imported_by)
             VALUES ('pull', '前门', 'cd', 0, 0, 't', 'u')",
            [],
        )
        .unwrap();
    }
}
