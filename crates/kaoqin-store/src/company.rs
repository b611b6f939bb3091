//! The `company` row: one per database.

use chrono::{DateTime, Utc};
use kaoqin_core::company::CompanySettings;
use rusqlite::OptionalExtension;

use crate::{Db, Result, timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRow {
    pub name: String,
    pub timezone: String,
    pub updated_at: String,
}

impl Db<'_> {
    /// The company settings, or `None` before `kaoqin init`.
    pub fn get_company(&self) -> Result<Option<CompanyRow>> {
        Ok(self
            .conn
            .query_row("SELECT name, timezone, updated_at FROM company WHERE id = 1", [], |r| {
                Ok(CompanyRow { name: r.get(0)?, timezone: r.get(1)?, updated_at: r.get(2)? })
            })
            .optional()?)
    }

    pub fn upsert_company(&self, settings: &CompanySettings, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO company (id, name, timezone, updated_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
                                            updated_at = excluded.updated_at",
            rusqlite::params![settings.name, settings.timezone, timestamp(at)],
        )?;
        Ok(())
    }
}
