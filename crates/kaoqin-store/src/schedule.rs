//! The 排班 grid's rows (`schedule_entry`): read a date range, write or clear cells in bulk.
//!
//! Not here: what a date's plan is when it has no row (kaoqin-core::schedule), permissions.

use chrono::{DateTime, NaiveDate, Utc};
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::schedule::{EntrySource, ScheduleEntry};
use kaoqin_core::timetable::TimetableId;
use rusqlite::params;

use crate::{Db, Error, Result, timestamp};

impl Db<'_> {
    /// Every entry with a date in `from..=to`, by person and date.
    pub fn list_schedule_entries(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ScheduleEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT employee_id, date, timetable_id, source FROM schedule_entry
             WHERE date BETWEEN ?1 AND ?2 ORDER BY employee_id, date",
        )?;
        let rows = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(employee, date, timetable, source)| {
                Ok(ScheduleEntry {
                    employee,
                    date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                        .map_err(|_| Error::Corrupt(format!("schedule: bad date {date:?}")))?,
                    timetable,
                    source: EntrySource::from_key(&source).ok_or_else(|| {
                        Error::Corrupt(format!("schedule: bad source {source:?}"))
                    })?,
                })
            })
            .collect()
    }

    /// Writes cells, replacing what was there.
    pub fn upsert_schedule_entries(
        &self,
        entries: &[ScheduleEntry],
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO schedule_entry (employee_id, date, timetable_id, source, saved_at, saved_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (employee_id, date) DO UPDATE SET timetable_id = excluded.timetable_id,
               source = excluded.source, saved_at = excluded.saved_at, saved_by = excluded.saved_by",
        )?;
        let at = timestamp(at);
        for e in entries {
            stmt.execute(params![
                e.employee,
                e.date.to_string(),
                e.timetable,
                e.source.key(),
                at,
                by
            ])?;
        }
        Ok(())
    }

    /// Clears cells; the dates follow the group again. Returns how many there were.
    pub fn delete_schedule_entries(&self, cells: &[(EmployeeId, NaiveDate)]) -> Result<usize> {
        let mut stmt = self
            .conn
            .prepare_cached("DELETE FROM schedule_entry WHERE employee_id = ?1 AND date = ?2")?;
        let mut n = 0;
        for (employee, date) in cells {
            n += stmt.execute(params![employee, date.to_string()])?;
        }
        Ok(n)
    }

    /// How many cells name a timetable (a timetable in use is not deleted).
    pub fn count_schedule_entries_using(&self, timetable: TimetableId) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM schedule_entry WHERE timetable_id = ?1",
            [timetable],
            |r| r.get(0),
        )?)
    }
}
