//! Punch tables (migration 0006): import batches, the append-only `raw_punch` log, the
//! derived `day_result` rows, and the attendance rule settings.
//!
//! Not here: parsing files (kaoqin-terminals), matching punches to people and days (commands and
//! the engine), permissions.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::engine::DayResult;
use rusqlite::{OptionalExtension, params};

use crate::{Db, Error, Result, from_json, json, timestamp};

const LOCAL_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// One import of a punch file.
#[derive(Debug, Clone, Copy)]
pub struct BatchWrite<'a> {
    /// `csv` or `attlog`.
    pub kind: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub lines: u32,
}

/// A punch to append.
#[derive(Debug, Clone)]
pub struct RawPunchWrite {
    pub terminal: String,
    /// `pin` or `employee_no`.
    pub who_kind: &'static str,
    pub who: String,
    pub term_local: NaiveDateTime,
    pub term_tz: String,
    pub instant: DateTime<Utc>,
    pub verify_mode: Option<u8>,
    pub state: Option<u8>,
    pub work_code: String,
}

/// A stored punch, as the engine's caller needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPunchRow {
    pub id: i64,
    pub terminal: String,
    pub who_kind: String,
    pub who: String,
    pub term_local: NaiveDateTime,
    pub term_tz: String,
    pub instant_utc: String,
    pub state: Option<u8>,
    pub verify_mode: Option<u8>,
}

/// Reads `YYYY-MM-DD HH:MM:SS`, the only form the column's CHECK lets in. By hand: chrono's
/// general `parse_from_str` costs more than the rest of reading a punch.
fn local(value: &str) -> Result<NaiveDateTime> {
    let b = value.as_bytes();
    let n = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?
            .iter()
            .try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let parsed = (|| {
        if b.len() != 19
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b' '
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(i32::try_from(n(0, 4)?).ok()?, n(5, 7)?, n(8, 10)?)?;
        date.and_hms_opt(n(11, 13)?, n(14, 16)?, n(17, 19)?)
    })();
    parsed.ok_or_else(|| Error::Corrupt(format!("raw_punch: bad time {value:?}")))
}

/// `YYYY-MM-DD␣HH:MM:SS` (with `sep` between date and time, then `suffix`), as
/// `chrono::format` would write it for years 0–9999, written by hand: importing a million punches
/// formats two million times, and chrono's general formatter is most of that import's time.
fn wall_text(t: &NaiveDateTime, sep: char, suffix: &str) -> String {
    use chrono::{Datelike, Timelike};
    fn two(out: &mut String, n: u32) {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    let mut out = String::with_capacity(20);
    let year = t.year().clamp(0, 9999) as u32;
    two(&mut out, year / 100);
    two(&mut out, year % 100);
    for (mark, n) in
        [('-', t.month()), ('-', t.day()), (sep, t.hour()), (':', t.minute()), (':', t.second())]
    {
        out.push(mark);
        two(&mut out, n);
    }
    out.push_str(suffix);
    out
}

/// A stored punch with only what the engine's caller reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnginePunch {
    pub id: i64,
    /// The who is a terminal PIN (else an employee number).
    pub by_pin: bool,
    pub who: String,
    pub term_local: NaiveDateTime,
    pub term_tz: String,
    pub state: Option<u8>,
}

impl Db<'_> {
    /// Records an import batch; its `added` count is filled in by [`Db::finish_punch_batch`].
    pub fn insert_punch_batch(
        &self,
        b: &BatchWrite<'_>,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO punch_batch (kind, file_name, sha256, lines, added, imported_at, imported_by)
             VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)",
            params![b.kind, b.file_name, b.sha256, b.lines, timestamp(at), by],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_punch_batch(&self, batch: i64, added: u32) -> Result<()> {
        self.conn
            .execute("UPDATE punch_batch SET added = ?2 WHERE id = ?1", params![batch, added])?;
        Ok(())
    }

    /// Appends punches; ones already stored (same natural key) are skipped. Returns how many
    /// were added.
    pub fn append_raw_punches(&self, batch: i64, punches: &[RawPunchWrite]) -> Result<u32> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO raw_punch
               (terminal, who_kind, who, term_local, term_tz, instant_utc, verify_mode, state,
                work_code, batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut added = 0;
        for p in punches {
            added += stmt.execute(params![
                p.terminal,
                p.who_kind,
                p.who,
                wall_text(&p.term_local, ' ', ""),
                p.term_tz,
                wall_text(&p.instant.naive_utc(), 'T', "Z"),
                p.verify_mode.map_or(-1, i64::from),
                p.state.map_or(-1, i64::from),
                p.work_code,
                batch,
            ])? as u32;
        }
        Ok(added)
    }

    /// Punches with a wall-clock time in `[from, to)`, ordered by time.
    pub fn list_raw_punches(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<RawPunchRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, terminal, who_kind, who, term_local, term_tz, instant_utc, state, verify_mode
             FROM raw_punch WHERE term_local >= ?1 AND term_local < ?2 ORDER BY term_local, id",
        )?;
        let rows = stmt
            .query_map(
                params![from.format(LOCAL_FORMAT).to_string(), to.format(LOCAL_FORMAT).to_string()],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        (r.get::<_, i64>(7)?, r.get::<_, Option<i64>>(8)?),
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, terminal, who_kind, who, t, term_tz, instant_utc, (state, verify))| {
                Ok(RawPunchRow {
                    id,
                    terminal,
                    who_kind,
                    who,
                    term_local: local(&t)?,
                    term_tz,
                    instant_utc,
                    state: u8::try_from(state).ok(),
                    verify_mode: verify.and_then(|v| u8::try_from(v).ok()),
                })
            })
            .collect()
    }

    /// Punches with a wall-clock time in `[from, to)` for evaluating: the lean twin of
    /// [`Db::list_raw_punches`].
    pub fn engine_punches(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<EnginePunch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, who_kind = 'pin', who, term_local, term_tz, state FROM raw_punch
             WHERE term_local >= ?1 AND term_local < ?2",
        )?;
        let mut rows = stmt.query(params![
            from.format(LOCAL_FORMAT).to_string(),
            to.format(LOCAL_FORMAT).to_string()
        ])?;
        let mut out = Vec::new();
        let mut zone = String::new();
        while let Some(r) = rows.next()? {
            let tz = r.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
            if tz != zone {
                zone = tz.to_owned();
            }
            out.push(EnginePunch {
                id: r.get(0)?,
                by_pin: r.get(1)?,
                who: r.get(2)?,
                term_local: local(r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?)?,
                term_tz: zone.clone(),
                state: u8::try_from(r.get::<_, i64>(5)?).ok(),
            });
        }
        Ok(out)
    }

    /// One punch as the engine sees it, by id.
    pub fn raw_punch(&self, id: i64) -> Result<Option<EnginePunch>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, who_kind = 'pin', who, term_local, term_tz, state FROM raw_punch
                 WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, bool>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(id, by_pin, who, t, term_tz, state)| {
            Ok(EnginePunch {
                id,
                by_pin,
                who,
                term_local: local(&t)?,
                term_tz,
                state: u8::try_from(state).ok(),
            })
        })
        .transpose()
    }

    /// The latest wall-clock time of any stored punch: imported punches count as read up to it.
    /// Ids of the punches of one terminal (its key in `raw_punch.terminal`) with a wall-clock
    /// time in `[from, to)`.
    pub fn punch_ids_of_terminal(
        &self,
        terminal: &str,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM raw_punch WHERE terminal = ?1 AND term_local >= ?2 AND term_local < ?3",
        )?;
        let ids = stmt
            .query_map(
                params![terminal, wall_text(&from, ' ', ""), wall_text(&to, ' ', "")],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    pub fn latest_punch_local(&self) -> Result<Option<NaiveDateTime>> {
        let latest: Option<String> =
            self.conn.query_row("SELECT max(term_local) FROM raw_punch", [], |r| r.get(0))?;
        latest.as_deref().map(local).transpose()
    }

    pub fn count_raw_punches(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM raw_punch", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// The saved rule settings (`None`: never saved, the defaults apply).
    pub fn get_attendance_rules(&self) -> Result<Option<kaoqin_core::engine::Rules>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT rules FROM attendance_rules WHERE id = 1", [], |r| r.get(0))
            .map(Some)
            .or_else(
                |e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) },
            )?;
        text.map(|t| from_json("attendance_rules", &t)).transpose()
    }

    pub fn save_attendance_rules(
        &self,
        rules: &kaoqin_core::engine::Rules,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO attendance_rules (id, rules, saved_at, saved_by) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, saved_at = excluded.saved_at,
                                            saved_by = excluded.saved_by",
            params![json(rules)?, timestamp(at), by],
        )?;
        Ok(())
    }

    /// Replaces the results of `employees` on `from..=to` with `results`.
    pub fn replace_day_results(
        &self,
        employees: &[EmployeeId],
        from: NaiveDate,
        to: NaiveDate,
        results: &[DayResult],
    ) -> Result<()> {
        let mut delete = self.conn.prepare_cached(
            "DELETE FROM day_result WHERE employee_id = ?1 AND date BETWEEN ?2 AND ?3",
        )?;
        for e in employees {
            delete.execute(params![e, from.to_string(), to.to_string()])?;
        }
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO day_result (employee_id, date, status, provisional, result)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for r in results {
            insert.execute(params![
                r.employee,
                r.date.to_string(),
                r.status.key(),
                r.provisional,
                json(r)?
            ])?;
        }
        Ok(())
    }

    /// Stored results on `from..=to`, by person and date.
    pub fn list_day_results(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayResult>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT result FROM day_result WHERE date BETWEEN ?1 AND ?2 ORDER BY employee_id, date",
        )?;
        let rows = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.iter().map(|t| from_json("day_result", t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_times_match_chrono() {
        let t = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap().and_hms_opt(4, 5, 6).unwrap();
        assert_eq!(wall_text(&t, ' ', ""), t.format(LOCAL_FORMAT).to_string());
        let utc = t.and_utc();
        assert_eq!(wall_text(&utc.naive_utc(), 'T', "Z"), timestamp(utc));
        let late = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap().and_hms_opt(23, 59, 59).unwrap();
        assert_eq!(wall_text(&late, ' ', ""), "2099-12-31 23:59:59");
    }
}
