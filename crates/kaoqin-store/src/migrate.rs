//! Embedded, append-only migrations and the `user_version` guard.
//!
//! Migration N is `migrations/NNNN_slug.sql`; it runs in its own transaction together with
//! `PRAGMA user_version = N` and a `schema_migration` row holding its SHA-256. On every open the
//! hashes of applied migrations are compared with the embedded ones, so an edited migration is
//! caught at once. A database whose `user_version` is above the newest embedded migration was
//! written by a newer build and is refused, naming both versions.

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
];

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
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migration (version, name, sha256, applied_at)
             VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            rusqlite::params![version, name, sha256_hex(sql)],
        )?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
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
}
