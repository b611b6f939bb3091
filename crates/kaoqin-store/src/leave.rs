//! Leave tables (migration 0005): types, the grant ledger and leave records. Records are
//! cancelled, never deleted.
//!
//! Not here: amounts, balances and validation (kaoqin-core::leave), permissions.

use chrono::{DateTime, NaiveDate, Utc};
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::leave::{Amount, Grant, LeaveSpan, LeaveType, LeaveTypeId};
use rusqlite::params;

use crate::{Db, Error, Result, from_json, json, timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveTypeRow {
    pub id: LeaveTypeId,
    pub leave_type: LeaveType,
}

/// One grant of the balance ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRow {
    pub id: i64,
    pub employee_id: EmployeeId,
    pub leave_type_id: LeaveTypeId,
    /// `annual`, `carry_over` or `adjust`.
    pub kind: String,
    pub year: i32,
    pub grant: Grant,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveRecordRow {
    pub id: i64,
    pub employee_id: EmployeeId,
    pub leave_type_id: LeaveTypeId,
    pub span: LeaveSpan,
    pub amount: Amount,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    /// (when, who, why) once cancelled.
    pub cancelled: Option<(String, String, String)>,
}

/// A grant to write.
#[derive(Debug, Clone, Copy)]
pub struct GrantWrite<'a> {
    pub employee: EmployeeId,
    pub leave_type: LeaveTypeId,
    /// `annual`, `carry_over` or `adjust`.
    pub kind: &'a str,
    pub year: i32,
    pub grant: &'a Grant,
    pub note: &'a str,
}

/// A leave record to write.
#[derive(Debug, Clone, Copy)]
pub struct LeaveWrite<'a> {
    pub employee: EmployeeId,
    pub leave_type: LeaveTypeId,
    pub span: &'a LeaveSpan,
    pub amount: Amount,
    pub note: &'a str,
}

fn date(value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| Error::Corrupt(format!("leave: bad date {value:?}")))
}

impl Db<'_> {
    pub fn list_leave_types(&self) -> Result<Vec<LeaveTypeRow>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, definition FROM leave_type ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, def)| Ok(LeaveTypeRow { id, leave_type: from_json("leave_type", &def)? }))
            .collect()
    }

    /// Creates (`id` = `None`) or replaces a leave type; returns its id.
    pub fn upsert_leave_type(
        &self,
        id: Option<LeaveTypeId>,
        t: &LeaveType,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<LeaveTypeId> {
        let def = json(t)?;
        match id {
            Some(id) => {
                self.conn.execute(
                    "UPDATE leave_type SET code = ?2, name = ?3, definition = ?4, saved_at = ?5,
                     saved_by = ?6 WHERE id = ?1",
                    params![id, t.code, t.name, def, timestamp(at), by],
                )?;
                Ok(id)
            }
            None => {
                self.conn.execute(
                    "INSERT INTO leave_type (code, name, definition, saved_at, saved_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![t.code, t.name, def, timestamp(at), by],
                )?;
                Ok(self.conn.last_insert_rowid())
            }
        }
    }

    /// Grants of one type (all people), oldest first.
    pub fn list_leave_grants(&self, leave_type: LeaveTypeId) -> Result<Vec<GrantRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, employee_id, kind, year, amount, valid_from, expires_on, note
             FROM leave_grant WHERE leave_type_id = ?1 ORDER BY valid_from, id",
        )?;
        let rows = stmt
            .query_map([leave_type], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i32>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, employee_id, kind, year, amount, from, expires, note)| {
                Ok(GrantRow {
                    id,
                    employee_id,
                    leave_type_id: leave_type,
                    kind,
                    year,
                    grant: Grant {
                        amount,
                        valid_from: date(&from)?,
                        expires_on: expires.as_deref().map(date).transpose()?,
                    },
                    note,
                })
            })
            .collect()
    }

    /// Adds a grant. An annual or carry-over grant for the same person, type and year is refused
    /// by the database (granting twice is a mistake, not a top-up).
    pub fn insert_leave_grant(
        &self,
        g: &GrantWrite<'_>,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<i64> {
        let GrantWrite { employee, leave_type, kind, year, grant, note } = *g;
        self.conn.execute(
            "INSERT INTO leave_grant (employee_id, leave_type_id, kind, year, amount, valid_from,
               expires_on, note, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                employee,
                leave_type,
                kind,
                year,
                grant.amount,
                grant.valid_from.to_string(),
                grant.expires_on.map(|d| d.to_string()),
                note,
                timestamp(at),
                by
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records whose dates touch `from..=to` (cancelled ones included), by date.
    pub fn list_leave_records(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<LeaveRecordRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, employee_id, leave_type_id, span, amount, note, created_at, created_by,
                    cancelled_at, cancelled_by, cancel_reason
             FROM leave_record WHERE first_date <= ?2 AND last_date >= ?1
             ORDER BY first_date, id",
        )?;
        let rows = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?),
                    (r.get::<_, String>(3)?, r.get::<_, i64>(4)?, r.get::<_, String>(5)?),
                    (r.get::<_, String>(6)?, r.get::<_, String>(7)?),
                    (
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Option<String>>(10)?,
                    ),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(
                |(
                    (id, employee_id, leave_type_id),
                    (span, amount, note),
                    (created_at, created_by),
                    c,
                )| {
                    let cancelled = match c {
                        (Some(at), Some(by), reason) => Some((at, by, reason.unwrap_or_default())),
                        _ => None,
                    };
                    Ok(LeaveRecordRow {
                        id,
                        employee_id,
                        leave_type_id,
                        span: from_json("leave span", &span)?,
                        amount,
                        note,
                        created_at,
                        created_by,
                        cancelled,
                    })
                },
            )
            .collect()
    }

    pub fn insert_leave_record(
        &self,
        r: &LeaveWrite<'_>,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<i64> {
        let LeaveWrite { employee, leave_type, span, amount, note } = *r;
        self.conn.execute(
            "INSERT INTO leave_record (employee_id, leave_type_id, span, first_date, last_date,
               amount, note, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                employee,
                leave_type,
                json(span)?,
                span.first_date().to_string(),
                span.last_date().to_string(),
                amount,
                note,
                timestamp(at),
                by
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks a record cancelled; returns false when it was not there or already cancelled.
    pub fn cancel_leave_record(
        &self,
        id: i64,
        reason: &str,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE leave_record SET cancelled_at = ?2, cancelled_by = ?3, cancel_reason = ?4
             WHERE id = ?1 AND cancelled_at IS NULL",
            params![id, timestamp(at), by, reason],
        )?;
        Ok(n > 0)
    }
}
