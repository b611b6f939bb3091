//! The clerk's corrections and the month close (migration 0009). Corrections are kept forever:
//! undoing one sets its undo columns once (a trigger refuses anything else). Closing and
//! re-opening a month are appended events; a month's state is its latest one.
//!
//! Not here: what a correction does (kaoqin-core::engine::corrections), permissions, the rules
//! of 补卡 quotas and closed months (kaoqin-commands).

use chrono::{DateTime, NaiveDate, Utc};
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::engine::Fix;
use rusqlite::{OptionalExtension, params};

use crate::{AuditHead, Db, Error, Result, from_json, json, timestamp};

/// A correction to write.
#[derive(Debug, Clone)]
pub struct CorrectionWrite<'a> {
    pub employee_id: EmployeeId,
    pub date: NaiveDate,
    /// `make_up`, `ignore_punch`, `flip_punch`, `overtime`, `accept_worked`, `mark_absent`,
    /// `note` or `leave`.
    pub kind: &'a str,
    /// What the engine applies; `None` for leave (the leave record does the work).
    pub fix: Option<Fix>,
    pub leave_record_id: Option<i64>,
    pub reason: &'a str,
    pub attachment: &'a str,
    pub override_reason: Option<&'a str>,
    pub batch: Option<i64>,
}

/// A stored correction.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectionRow {
    pub id: i64,
    pub employee_id: EmployeeId,
    pub date: NaiveDate,
    pub kind: String,
    pub fix: Option<Fix>,
    pub leave_record_id: Option<i64>,
    pub reason: String,
    pub attachment: String,
    pub override_reason: Option<String>,
    pub batch: Option<i64>,
    pub created_at: String,
    pub created_by: String,
    /// (when, who, why) once undone.
    pub undone: Option<(String, String, String)>,
}

/// The latest close or re-open of a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodEventRow {
    pub seq: i64,
    pub month: String,
    /// `close` or `reopen`.
    pub action: String,
    pub at_utc: String,
    pub actor: String,
    pub reason: String,
    pub audit_seq: Option<i64>,
    pub audit_head: Option<String>,
}

const COLUMNS: &str = "id, employee_id, date, kind, fix, leave_record_id, reason, attachment,
     override_reason, batch, created_at, created_by, undone_at, undone_by, undo_reason";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(CorrectionRow, String, String)> {
    let undone = match (r.get::<_, Option<String>>(12)?, r.get::<_, Option<String>>(13)?) {
        (Some(at), Some(by)) => Some((at, by, r.get::<_, Option<String>>(14)?.unwrap_or_default())),
        _ => None,
    };
    Ok((
        CorrectionRow {
            id: r.get(0)?,
            employee_id: r.get(1)?,
            date: NaiveDate::MIN,
            kind: r.get(3)?,
            fix: None,
            leave_record_id: r.get(5)?,
            reason: r.get(6)?,
            attachment: r.get(7)?,
            override_reason: r.get(8)?,
            batch: r.get(9)?,
            created_at: r.get(10)?,
            created_by: r.get(11)?,
            undone,
        },
        r.get(2)?,
        r.get(4)?,
    ))
}

fn finish((mut c, date, fix): (CorrectionRow, String, String)) -> Result<CorrectionRow> {
    c.date =
        date.parse().map_err(|_| Error::Corrupt(format!("correction {}: date {date:?}", c.id)))?;
    c.fix = if c.kind == "leave" { None } else { Some(from_json("correction", &fix)?) };
    Ok(c)
}

impl Db<'_> {
    pub fn insert_correction(
        &self,
        w: &CorrectionWrite<'_>,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<i64> {
        let fix = match &w.fix {
            Some(f) => json(f)?,
            None => "{}".to_owned(),
        };
        self.conn.execute(
            "INSERT INTO correction (employee_id, date, kind, fix, leave_record_id, reason,
                 attachment, override_reason, batch, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                w.employee_id,
                w.date.to_string(),
                w.kind,
                fix,
                w.leave_record_id,
                w.reason,
                w.attachment,
                w.override_reason,
                w.batch,
                timestamp(at),
                by
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks a correction undone; `false` if there is none or it was undone already.
    pub fn undo_correction(
        &self,
        id: i64,
        at: DateTime<Utc>,
        by: &str,
        reason: &str,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE correction SET undone_at = ?2, undone_by = ?3, undo_reason = ?4
             WHERE id = ?1 AND undone_at IS NULL",
            params![id, timestamp(at), by, reason],
        )?;
        Ok(n == 1)
    }

    pub fn correction(&self, id: i64) -> Result<Option<CorrectionRow>> {
        let sql = format!("SELECT {COLUMNS} FROM correction WHERE id = ?1");
        self.conn.query_row(&sql, [id], row).optional()?.map(finish).transpose()
    }

    /// Corrections of work dates `from..=to`, in the order they were made.
    pub fn corrections_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        with_undone: bool,
    ) -> Result<Vec<CorrectionRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM correction WHERE date BETWEEN ?1 AND ?2 {} ORDER BY id",
            if with_undone { "" } else { "AND undone_at IS NULL" }
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![from.to_string(), to.to_string()], row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(finish).collect()
    }

    /// The next batch number for corrections made in one go.
    pub fn next_correction_batch(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(batch), 0) + 1 FROM correction", [], |r| r.get(0))?)
    }

    pub fn append_period_event(
        &self,
        month: &str,
        action: &str,
        at: DateTime<Utc>,
        actor: &str,
        reason: &str,
        head: Option<AuditHead>,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO period_event (month, action, at_utc, actor, reason, audit_seq, audit_head)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                month,
                action,
                timestamp(at),
                actor,
                reason,
                head.map(|h| h.seq),
                head.map(|h| crate::audit::hex(&h.hash))
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every close and re-open of a month, oldest first.
    pub fn period_events(&self, month: &str) -> Result<Vec<PeriodEventRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, month, action, at_utc, actor, reason, audit_seq, audit_head
             FROM period_event WHERE month = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([month], |r| {
            Ok(PeriodEventRow {
                seq: r.get(0)?,
                month: r.get(1)?,
                action: r.get(2)?,
                at_utc: r.get(3)?,
                actor: r.get(4)?,
                reason: r.get(5)?,
                audit_seq: r.get(6)?,
                audit_head: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Dismisses a review flag; `false` if it was dismissed already.
    pub fn dismiss_flag(
        &self,
        key: &str,
        reason: &str,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "INSERT INTO flag_dismissal (flag_key, reason, at_utc, actor) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (flag_key) DO NOTHING",
            params![key, reason, timestamp(at), actor],
        )?;
        Ok(n == 1)
    }

    /// Every dismissed flag: key → (reason, when, who).
    pub fn flag_dismissals(
        &self,
    ) -> Result<std::collections::HashMap<String, (String, String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT flag_key, reason, at_utc, actor FROM flag_dismissal")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the month (`YYYY-MM`) is closed now.
    pub fn month_closed(&self, month: &str) -> Result<bool> {
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT action FROM period_event WHERE month = ?1 ORDER BY seq DESC LIMIT 1",
                [month],
                |r| r.get(0),
            )
            .optional()?;
        Ok(last.as_deref() == Some("close"))
    }
}
