//! Calendar tables: loaded State Council years (`calendar_year` + `calendar_day`) and the
//! company's own days (`company_day`). Rows go in and out as kaoqin-core types.
//!
//! Not here: the years shipped with the program (kaoqin-commands) and validation (kaoqin-core).

use chrono::{DateTime, NaiveDate, Utc};
use kaoqin_core::calendar::{
    CompanyDay, CompanyDayKind, Notice, NoticeDay, NoticeDayKind, YearCalendar,
};
use rusqlite::{OptionalExtension, params};

use crate::{Db, Error, Result, timestamp};

/// A loaded year with who loaded it and its recorded checksum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYearRow {
    pub calendar: YearCalendar,
    pub checksum: String,
    pub loaded_at: String,
    pub loaded_by: String,
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::Corrupt(format!("calendar: unexpected {what} {value:?}"))
}

fn date(value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| corrupt("date", value))
}

impl Db<'_> {
    /// Every loaded year, oldest first.
    pub fn list_calendar_years(&self) -> Result<Vec<CalendarYearRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT year, notice, issued_on, url, document_no, checksum, loaded_at, loaded_by
             FROM calendar_year ORDER BY year",
        )?;
        let heads = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut days = self.conn.prepare_cached(
            "SELECT date, kind, festival, swapped_with FROM calendar_day WHERE year = ?1
             ORDER BY date",
        )?;
        heads
            .into_iter()
            .map(|(year, title, issued_on, url, document_no, checksum, loaded_at, loaded_by)| {
                let rows = days
                    .query_map([year], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, Option<String>>(3)?,
                        ))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let days = rows
                    .into_iter()
                    .map(|(d, kind, festival, swapped)| {
                        Ok(NoticeDay {
                            date: date(&d)?,
                            kind: NoticeDayKind::from_key(&kind)
                                .ok_or_else(|| corrupt("day kind", &kind))?,
                            festival,
                            swapped_with: swapped.as_deref().map(date).transpose()?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(CalendarYearRow {
                    calendar: YearCalendar {
                        year,
                        notice: Notice { title, issued_on: date(&issued_on)?, url, document_no },
                        days,
                    },
                    checksum,
                    loaded_at,
                    loaded_by,
                })
            })
            .collect()
    }

    /// Loads a year, replacing what was loaded for it before. Returns whether one was replaced.
    pub fn upsert_calendar_year(
        &self,
        year: &YearCalendar,
        checksum: &str,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<bool> {
        let replaced = self.delete_calendar_year(year.year)?;
        let n = &year.notice;
        self.conn.execute(
            "INSERT INTO calendar_year
               (year, notice, issued_on, url, document_no, checksum, loaded_at, loaded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                year.year,
                n.title,
                n.issued_on.to_string(),
                n.url,
                n.document_no,
                checksum,
                timestamp(at),
                by
            ],
        )?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO calendar_day (date, year, kind, festival, swapped_with)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for d in &year.days {
            stmt.execute(params![
                d.date.to_string(),
                year.year,
                d.kind.key(),
                d.festival,
                d.swapped_with.map(|s| s.to_string())
            ])?;
        }
        Ok(replaced)
    }

    /// Removes a loaded year (its days go with it). Returns whether there was one.
    pub fn delete_calendar_year(&self, year: i32) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM calendar_year WHERE year = ?1", [year])? > 0)
    }

    /// Company days, by date.
    pub fn list_company_days(&self) -> Result<Vec<CompanyDay>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT date, kind, note FROM company_day ORDER BY date")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(d, kind, note)| {
                Ok(CompanyDay {
                    date: date(&d)?,
                    kind: CompanyDayKind::from_key(&kind)
                        .ok_or_else(|| corrupt("company day kind", &kind))?,
                    note,
                })
            })
            .collect()
    }

    pub fn get_company_day(&self, on: NaiveDate) -> Result<Option<CompanyDay>> {
        let row = self
            .conn
            .query_row(
                "SELECT kind, note FROM company_day WHERE date = ?1",
                [on.to_string()],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?;
        row.map(|(kind, note)| {
            let kind = CompanyDayKind::from_key(&kind)
                .ok_or_else(|| corrupt("company day kind", &kind))?;
            Ok(CompanyDay { date: on, kind, note })
        })
        .transpose()
    }

    pub fn insert_company_day(&self, day: &CompanyDay, at: DateTime<Utc>, by: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO company_day (date, kind, note, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![day.date.to_string(), day.kind.key(), day.note, timestamp(at), by],
        )?;
        Ok(())
    }

    /// Removes a company day; returns it, or `None` when the date had none.
    pub fn delete_company_day(&self, on: NaiveDate) -> Result<Option<CompanyDay>> {
        let day = self.get_company_day(on)?;
        if day.is_some() {
            self.conn.execute("DELETE FROM company_day WHERE date = ?1", [on.to_string()])?;
        }
        Ok(day)
    }
}
