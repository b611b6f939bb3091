//! The append-only `audit_event` log: who did what, when. Triggers refuse UPDATE and DELETE.
//!
//! Events name records by surrogate id and carry a JSON detail without personal values.
//! Not here yet: the HMAC hash chain and its anchors (the security issue adds them).

use chrono::{DateTime, Utc};

use crate::{Db, Result, timestamp};

/// An event to append.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    /// Dotted verb, e.g. `employee.add`, `employee.view`, `department.move`.
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub detail: serde_json::Value,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub seq: i64,
    pub at_utc: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub detail: serde_json::Value,
}

impl Db<'_> {
    pub fn append_audit(&self, event: &AuditEvent<'_>) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO audit_event (at_utc, actor, action, entity, entity_id, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                timestamp(event.at),
                event.actor,
                event.action,
                event.entity,
                event.entity_id,
                event.detail.to_string()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The newest `limit` events, newest first.
    pub fn list_audit(&self, limit: u32) -> Result<Vec<AuditRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at_utc, actor, action, entity, entity_id, detail
             FROM audit_event ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let detail: String = r.get(6)?;
            Ok(AuditRow {
                seq: r.get(0)?,
                at_utc: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
