//! Terminals and their pulls (migration 0007): the terminal list, the pull log (`pull_run`),
//! the raw attendance bytes of each distinct pull (`pull_blob`) and quarantined records.
//!
//! A pull is written in steps so that a pull cut short is never taken for a complete one:
//! [`Db::start_pull`] records it as `running`, punches are appended in batches (each its own
//! transaction, see `append_raw_punches`), and [`Db::finish_pull`] or [`Db::fail_pull`] closes it.
//!
//! Not here: talking to terminals (kaoqin-terminals), comm keys (the OS keyring, in
//! kaoqin-commands), validation and permissions.

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use crate::{Db, Result, timestamp};

/// What the clerk sets on a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalWrite {
    pub name: String,
    pub host: String,
    pub port: u16,
    /// `auto`, `tcp` or `udp`.
    pub transport: String,
    pub tz: String,
    pub location: String,
    /// `none`, `hint` or `trust`.
    pub state_key: String,
    /// `gbk`, `utf8`, `windows1252`, `windows1251` or `windows1256`.
    pub name_codec: String,
    pub clear_after_pull: bool,
    pub every_minutes: Option<u16>,
    /// `HH:MM` times, comma-separated.
    pub at_times: String,
    pub enabled: bool,
    pub group_ids: Vec<i64>,
}

/// A stored terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalRow {
    pub id: i64,
    pub settings: TerminalWrite,
    pub serial: Option<String>,
    pub last_transport: Option<String>,
    pub has_comm_key: bool,
    pub key_ref: String,
    /// The last ADMS ATTLOG stamp stored, for a pushing terminal.
    pub push_stamp: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

impl TerminalRow {
    /// The terminal's name in `raw_punch.terminal`: its serial number, or `#id` until the
    /// device has told it.
    pub fn punch_key(&self) -> String {
        self.serial.clone().unwrap_or_else(|| format!("#{}", self.id))
    }
}

/// What a pull learned before reading records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PullDevice {
    pub transport: String,
    pub serial: Option<String>,
    pub firmware: Option<String>,
    pub skew_seconds: Option<i64>,
    pub device_time: Option<NaiveDateTime>,
    pub device_records: Option<i64>,
    pub device_users: Option<i64>,
}

/// The figures of a finished pull.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PullFigures {
    pub record_size: Option<i64>,
    pub bytes: i64,
    pub records_read: i64,
    pub added: i64,
    pub quarantined: i64,
}

/// One row of the sync log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRow {
    pub id: i64,
    pub terminal_id: i64,
    pub batch_id: Option<i64>,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `running`, `ok` or `failed`. `running` on a pull that is not going on any more means it
    /// was cut short (the program stopped).
    pub outcome: String,
    pub error: Option<String>,
    pub started_by: String,
    pub device: PullDevice,
    pub figures: PullFigures,
    pub cleared_at: Option<String>,
}

/// A device that called the ADMS receiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushDeviceRow {
    pub serial: String,
    pub remote: String,
    pub first_seen: String,
    pub last_seen: String,
    pub requests: i64,
    /// The terminal carrying this serial (`None`: waiting for the clerk's approval).
    pub terminal_id: Option<i64>,
    /// Bodies it sent that wait in the inbox.
    pub waiting: i64,
}

/// A record whose time is not a real moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantineWrite {
    pub terminal: String,
    pub who: String,
    pub raw_time: u32,
    /// The decoded fields as text, e.g. `2026-02-31 08:00:00`.
    pub fields: String,
    pub reason: String,
    pub verify_mode: Option<u8>,
    pub state: Option<u8>,
}

/// A stored quarantined record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantineRow {
    pub id: i64,
    pub write: QuarantineWrite,
    pub batch_id: i64,
}

const TERMINAL_COLUMNS: &str = "id, name, host, port, transport, tz, location, state_key, \
    name_codec, clear_after_pull, every_minutes, at_times, enabled, serial, last_transport, \
    has_comm_key, key_ref, created_at, created_by, push_stamp";

fn terminal_row(r: &Row<'_>) -> rusqlite::Result<TerminalRow> {
    Ok(TerminalRow {
        id: r.get(0)?,
        settings: TerminalWrite {
            name: r.get(1)?,
            host: r.get(2)?,
            port: r.get(3)?,
            transport: r.get(4)?,
            tz: r.get(5)?,
            location: r.get(6)?,
            state_key: r.get(7)?,
            name_codec: r.get(8)?,
            clear_after_pull: r.get(9)?,
            every_minutes: r.get(10)?,
            at_times: r.get(11)?,
            enabled: r.get(12)?,
            group_ids: Vec::new(),
        },
        serial: r.get(13)?,
        last_transport: r.get(14)?,
        has_comm_key: r.get(15)?,
        key_ref: r.get(16)?,
        created_at: r.get(17)?,
        created_by: r.get(18)?,
        push_stamp: r.get(19)?,
    })
}

const PULL_COLUMNS: &str = "id, terminal_id, batch_id, started_at, finished_at, outcome, error, \
    started_by, transport, serial, firmware, skew_seconds, device_time, device_records, \
    device_users, record_size, bytes, records_read, added, quarantined, cleared_at";

fn pull_row(r: &Row<'_>) -> rusqlite::Result<PullRow> {
    Ok(PullRow {
        id: r.get(0)?,
        terminal_id: r.get(1)?,
        batch_id: r.get(2)?,
        started_at: r.get(3)?,
        finished_at: r.get(4)?,
        outcome: r.get(5)?,
        error: r.get(6)?,
        started_by: r.get(7)?,
        device: PullDevice {
            transport: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            serial: r.get(9)?,
            firmware: r.get(10)?,
            skew_seconds: r.get(11)?,
            device_time: r
                .get::<_, Option<String>>(12)?
                .and_then(|t| NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S").ok()),
            device_records: r.get(13)?,
            device_users: r.get(14)?,
        },
        figures: PullFigures {
            record_size: r.get(15)?,
            bytes: r.get::<_, Option<i64>>(16)?.unwrap_or(0),
            records_read: r.get::<_, Option<i64>>(17)?.unwrap_or(0),
            added: r.get::<_, Option<i64>>(18)?.unwrap_or(0),
            quarantined: r.get::<_, Option<i64>>(19)?.unwrap_or(0),
        },
        cleared_at: r.get(20)?,
    })
}

impl Db<'_> {
    pub fn insert_terminal(
        &self,
        t: &TerminalWrite,
        key_ref: &str,
        at: DateTime<Utc>,
        by: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO terminal (name, host, port, transport, tz, location, state_key,
                 name_codec, clear_after_pull, every_minutes, at_times, enabled, has_comm_key,
                 key_ref, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14, ?15)",
            params![
                t.name,
                t.host,
                t.port,
                t.transport,
                t.tz,
                t.location,
                t.state_key,
                t.name_codec,
                t.clear_after_pull,
                t.every_minutes,
                t.at_times,
                t.enabled,
                key_ref,
                timestamp(at),
                by
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.set_terminal_groups(id, &t.group_ids)?;
        Ok(id)
    }

    pub fn update_terminal(&self, id: i64, t: &TerminalWrite) -> Result<()> {
        self.conn.execute(
            "UPDATE terminal SET name = ?2, host = ?3, port = ?4, transport = ?5, tz = ?6,
                 location = ?7, state_key = ?8, name_codec = ?9, clear_after_pull = ?10,
                 every_minutes = ?11, at_times = ?12, enabled = ?13
             WHERE id = ?1",
            params![
                id,
                t.name,
                t.host,
                t.port,
                t.transport,
                t.tz,
                t.location,
                t.state_key,
                t.name_codec,
                t.clear_after_pull,
                t.every_minutes,
                t.at_times,
                t.enabled
            ],
        )?;
        self.set_terminal_groups(id, &t.group_ids)
    }

    fn set_terminal_groups(&self, id: i64, groups: &[i64]) -> Result<()> {
        self.conn.execute("DELETE FROM terminal_group WHERE terminal_id = ?1", [id])?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO terminal_group (terminal_id, group_id) VALUES (?1, ?2)",
        )?;
        for g in groups {
            stmt.execute(params![id, g])?;
        }
        Ok(())
    }

    /// Removes a terminal that was never pulled (a pulled one is disabled instead: its pulls and
    /// punches point at it). Returns false when it has pulls.
    pub fn delete_terminal(&self, id: i64) -> Result<bool> {
        let pulls: i64 = self.conn.query_row(
            "SELECT count(*) FROM pull_run WHERE terminal_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if pulls > 0 {
            return Ok(false);
        }
        self.conn.execute("DELETE FROM terminal WHERE id = ?1", [id])?;
        Ok(true)
    }

    pub fn set_terminal_has_comm_key(&self, id: i64, has: bool) -> Result<()> {
        self.conn
            .execute("UPDATE terminal SET has_comm_key = ?2 WHERE id = ?1", params![id, has])?;
        Ok(())
    }

    /// Records what the device said it is and which transport reached it.
    pub fn set_terminal_identity(
        &self,
        id: i64,
        serial: Option<&str>,
        transport: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE terminal SET serial = coalesce(?2, serial), last_transport = ?3 WHERE id = ?1",
            params![id, serial, transport],
        )?;
        Ok(())
    }

    /// The terminal that already carries `serial`, if any.
    pub fn terminal_by_serial(&self, serial: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM terminal WHERE serial = ?1", [serial], |r| r.get(0))
            .optional()?)
    }

    pub fn get_terminal(&self, id: i64) -> Result<Option<TerminalRow>> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {TERMINAL_COLUMNS} FROM terminal WHERE id = ?1"),
                [id],
                terminal_row,
            )
            .optional()?;
        row.map(|r| self.with_groups(r)).transpose()
    }

    pub fn terminal_by_name(&self, name: &str) -> Result<Option<TerminalRow>> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {TERMINAL_COLUMNS} FROM terminal WHERE name = ?1"),
                [name],
                terminal_row,
            )
            .optional()?;
        row.map(|r| self.with_groups(r)).transpose()
    }

    /// Every terminal, by name.
    pub fn list_terminals(&self) -> Result<Vec<TerminalRow>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {TERMINAL_COLUMNS} FROM terminal ORDER BY name"))?;
        let rows = stmt.query_map([], terminal_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(|r| self.with_groups(r)).collect()
    }

    fn with_groups(&self, mut row: TerminalRow) -> Result<TerminalRow> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT group_id FROM terminal_group WHERE terminal_id = ?1 ORDER BY group_id",
        )?;
        row.settings.group_ids =
            stmt.query_map([row.id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(row)
    }

    /// Opens a pull as `running`.
    pub fn start_pull(&self, terminal: i64, at: DateTime<Utc>, by: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO pull_run (terminal_id, started_at, outcome, started_by)
             VALUES (?1, ?2, 'running', ?3)",
            params![terminal, timestamp(at), by],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records what the device told before the read.
    pub fn set_pull_device(&self, pull: i64, d: &PullDevice) -> Result<()> {
        self.conn.execute(
            "UPDATE pull_run SET transport = ?2, serial = ?3, firmware = ?4, skew_seconds = ?5,
                 device_time = ?6, device_records = ?7, device_users = ?8
             WHERE id = ?1",
            params![
                pull,
                d.transport,
                d.serial,
                d.firmware,
                d.skew_seconds,
                d.device_time.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
                d.device_records,
                d.device_users
            ],
        )?;
        Ok(())
    }

    /// Links the pull to the batch its punches go into.
    pub fn set_pull_batch(&self, pull: i64, batch: i64) -> Result<()> {
        self.conn
            .execute("UPDATE pull_run SET batch_id = ?2 WHERE id = ?1", params![pull, batch])?;
        Ok(())
    }

    pub fn finish_pull(&self, pull: i64, f: &PullFigures, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE pull_run SET outcome = 'ok', finished_at = ?2, record_size = ?3, bytes = ?4,
                 records_read = ?5, added = ?6, quarantined = ?7
             WHERE id = ?1",
            params![
                pull,
                timestamp(at),
                f.record_size,
                f.bytes,
                f.records_read,
                f.added,
                f.quarantined
            ],
        )?;
        Ok(())
    }

    pub fn fail_pull(&self, pull: i64, error: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE pull_run SET outcome = 'failed', finished_at = ?2, error = ?3 WHERE id = ?1",
            params![pull, timestamp(at), error],
        )?;
        Ok(())
    }

    pub fn mark_pull_cleared(&self, pull: i64, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE pull_run SET cleared_at = ?2 WHERE id = ?1",
            params![pull, timestamp(at)],
        )?;
        Ok(())
    }

    /// A terminal's pulls, newest first.
    pub fn list_pulls(&self, terminal: i64, limit: u32) -> Result<Vec<PullRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {PULL_COLUMNS} FROM pull_run WHERE terminal_id = ?1 ORDER BY id DESC LIMIT ?2"
        ))?;
        Ok(stmt.query_map(params![terminal, limit], pull_row)?.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_pull(&self, pull: i64) -> Result<Option<PullRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {PULL_COLUMNS} FROM pull_run WHERE id = ?1"),
                [pull],
                pull_row,
            )
            .optional()?)
    }

    /// The terminal's newest pull that ended well.
    pub fn last_ok_pull(&self, terminal: i64) -> Result<Option<PullRow>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {PULL_COLUMNS} FROM pull_run WHERE terminal_id = ?1 AND outcome = 'ok'
                     ORDER BY id DESC LIMIT 1"
                ),
                [terminal],
                pull_row,
            )
            .optional()?)
    }

    /// Keeps a pull's raw attendance bytes once per distinct content. Returns false when the
    /// same bytes were already kept.
    pub fn keep_pull_blob(
        &self,
        sha256: &str,
        terminal: i64,
        pull: i64,
        record_size: i64,
        bytes: &[u8],
    ) -> Result<bool> {
        Ok(self.conn.execute(
            "INSERT OR IGNORE INTO pull_blob (sha256, terminal_id, first_pull_id, record_size, bytes)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![sha256, terminal, pull, record_size, bytes],
        )? == 1)
    }

    /// Whether a finished pull of this terminal already stored exactly these attendance bytes
    /// (the same log, unchanged since): then every record of it is stored already.
    pub fn pulled_before(&self, terminal: i64, sha256: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pull_run r JOIN punch_batch b ON b.id = r.batch_id
             WHERE r.terminal_id = ?1 AND r.outcome = 'ok' AND b.sha256 = ?2)",
            params![terminal, sha256],
            |r| r.get(0),
        )?)
    }

    /// Appends quarantined records; ones already there are skipped. Returns how many were new.
    pub fn append_quarantine(&self, batch: i64, rows: &[QuarantineWrite]) -> Result<u32> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO punch_quarantine
                 (terminal, who, raw_time, fields, reason, verify_mode, state, batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut added = 0;
        for q in rows {
            added += stmt.execute(params![
                q.terminal,
                q.who,
                q.raw_time,
                q.fields,
                q.reason,
                q.verify_mode.map_or(-1, i64::from),
                q.state.map_or(-1, i64::from),
                batch
            ])? as u32;
        }
        Ok(added)
    }

    /// Quarantined records of one terminal key (or all), oldest first.
    pub fn list_quarantine(&self, terminal: Option<&str>) -> Result<Vec<QuarantineRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, terminal, who, raw_time, fields, reason, verify_mode, state, batch_id
             FROM punch_quarantine WHERE ?1 IS NULL OR terminal = ?1 ORDER BY id",
        )?;
        let opt = |v: i64| u8::try_from(v).ok();
        Ok(stmt
            .query_map([terminal], |r| {
                Ok(QuarantineRow {
                    id: r.get(0)?,
                    write: QuarantineWrite {
                        terminal: r.get(1)?,
                        who: r.get(2)?,
                        raw_time: r.get(3)?,
                        fields: r.get(4)?,
                        reason: r.get(5)?,
                        verify_mode: opt(r.get(6)?),
                        state: opt(r.get(7)?),
                    },
                    batch_id: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// How far the punch log is known to be complete, when terminals are set up: the earliest,
    /// over enabled terminals, of the terminal clock at its last finished pull, or for a pushing
    /// terminal the last time it called (in its zone, `offset` giving a zone's seconds from UTC).
    /// `Some(None)` when an enabled terminal has never been pulled or heard from; `None` when no
    /// terminal is enabled.
    pub fn terminals_synced_until(
        &self,
        offset: impl Fn(&str) -> i64,
    ) -> Result<Option<Option<NaiveDateTime>>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.transport, t.tz,
                 (SELECT r.device_time FROM pull_run r
                  WHERE r.terminal_id = t.id AND r.outcome = 'ok'
                  ORDER BY r.id DESC LIMIT 1),
                 (SELECT d.last_seen FROM push_device d WHERE d.serial = t.serial)
             FROM terminal t WHERE t.enabled = 1",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if rows.is_empty() {
            return Ok(None);
        }
        let until =
            |(transport, tz, pulled, seen): &(String, String, Option<String>, Option<String>)| {
                if transport == "push" {
                    let seen = DateTime::parse_from_rfc3339(seen.as_deref()?).ok()?;
                    Some(seen.naive_utc() + chrono::Duration::seconds(offset(tz)))
                } else {
                    NaiveDateTime::parse_from_str(pulled.as_deref()?, "%Y-%m-%d %H:%M:%S").ok()
                }
            };
        let all: Option<Vec<NaiveDateTime>> = rows.iter().map(until).collect();
        Ok(Some(all.and_then(|t| t.into_iter().min())))
    }

    /// Punches stored for one terminal key.
    pub fn count_terminal_punches(&self, terminal: &str) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM raw_punch WHERE terminal = ?1",
            [terminal],
            |r| r.get(0),
        )?)
    }

    /// Records that a device called the ADMS receiver.
    pub fn push_seen(&self, serial: &str, remote: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO push_device (serial, remote, first_seen, last_seen, requests)
             VALUES (?1, ?2, ?3, ?3, 1)
             ON CONFLICT (serial) DO UPDATE SET remote = ?2, last_seen = ?3,
                 requests = requests + 1",
            params![serial, remote, timestamp(at)],
        )?;
        Ok(())
    }

    /// Every device that called, newest first, with its terminal (if approved).
    pub fn list_push_devices(&self) -> Result<Vec<PushDeviceRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.serial, d.remote, d.first_seen, d.last_seen, d.requests, t.id,
                 (SELECT count(*) FROM push_inbox i
                  WHERE i.serial = d.serial AND i.stored_batch IS NULL)
             FROM push_device d LEFT JOIN terminal t ON t.serial = d.serial
             ORDER BY d.last_seen DESC",
        )?;
        Ok(stmt
            .query_map([], |r| {
                Ok(PushDeviceRow {
                    serial: r.get(0)?,
                    remote: r.get(1)?,
                    first_seen: r.get(2)?,
                    last_seen: r.get(3)?,
                    requests: r.get(4)?,
                    terminal_id: r.get(5)?,
                    waiting: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps a body from a device that is not approved (yet).
    pub fn push_inbox_add(
        &self,
        serial: &str,
        remote: &str,
        at: DateTime<Utc>,
        table: &str,
        body: &[u8],
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO push_inbox (serial, remote, received_at, table_name, body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![serial, remote, timestamp(at), table, body],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Waiting ATTLOG bodies of a device, oldest first: (id, body).
    pub fn push_inbox_waiting(&self, serial: &str) -> Result<Vec<(i64, Vec<u8>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, body FROM push_inbox
             WHERE serial = ?1 AND stored_batch IS NULL AND table_name = 'ATTLOG' ORDER BY id",
        )?;
        Ok(stmt
            .query_map([serial], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn push_inbox_stored(&self, id: i64, batch: i64) -> Result<()> {
        self.conn
            .execute("UPDATE push_inbox SET stored_batch = ?2 WHERE id = ?1", params![id, batch])?;
        Ok(())
    }

    pub fn set_push_stamp(&self, terminal: i64, stamp: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE terminal SET push_stamp = ?2 WHERE id = ?1",
            params![terminal, stamp],
        )?;
        Ok(())
    }

    /// The address the device with this serial last called from.
    pub fn push_device_remote(&self, serial: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT remote FROM push_device WHERE serial = ?1", [serial], |r| r.get(0))
            .optional()?)
    }

    /// When the device with this serial last called the receiver.
    pub fn push_last_seen(&self, serial: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT last_seen FROM push_device WHERE serial = ?1", [serial], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets the serial of a pushing terminal the clerk approved (or entered).
    pub fn set_terminal_serial(&self, id: i64, serial: &str) -> Result<()> {
        self.conn.execute("UPDATE terminal SET serial = ?2 WHERE id = ?1", params![id, serial])?;
        Ok(())
    }

    /// Whether the desktop app runs the ADMS receiver, and where: `None` until first set.
    pub fn push_receiver(&self) -> Result<Option<(bool, String)>> {
        Ok(self
            .conn
            .query_row("SELECT enabled, listen FROM push_receiver WHERE id = 1", [], |r| {
                Ok((r.get::<_, i64>(0)? == 1, r.get(1)?))
            })
            .optional()?)
    }

    pub fn set_push_receiver(&self, enabled: bool, listen: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO push_receiver (id, enabled, listen, updated_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET enabled = ?1, listen = ?2, updated_at = ?3",
            params![i64::from(enabled), listen, timestamp(at)],
        )?;
        Ok(())
    }
}
