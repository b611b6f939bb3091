//! The append-only, tamper-evident `audit_event` log: who did what, when.
//!
//! - **Append-only:** triggers refuse UPDATE and DELETE through any connection of the app.
//! - **Chained:** each event stores `entry_hash = HMAC-SHA256(key, prev_hash ‖ bytes(event))`,
//!   where `prev_hash` is the previous event's hash (32 zero bytes for the first) and
//!   `bytes(event)` is [`canonical_bytes`]: fixed field order, each field length-prefixed, no
//!   JSON re-serialisation. `seq` goes up by exactly 1. The key is kept in the OS keyring (the
//!   commands crate loads it and hands it to [`crate::Store::set_audit_key`]); without it, this
//!   crate refuses to append.
//! - **Verified** by [`Db::verify_audit`], which names the first event that does not hold: an
//!   edited, inserted or reordered event breaks its hash, a deleted one leaves a gap, and a
//!   truncated tail is caught against an anchor (a `(seq, hash)` kept outside the database).
//!   Tamper-evident, not tamper-proof: whoever holds both the file and the key can rewrite it.
//!
//! Events name records by surrogate id and carry a JSON detail without personal values, so the
//! retention purge can delete people while the chain still verifies.
//! The chain is written here by hand (about 40 lines over `hmac` and `sha2`): no crate keeps an
//! HMAC chain inside a SQLite table.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{Db, Error, Result, like_escape, timestamp};

/// The audit log's HMAC key (32 random bytes).
#[derive(Clone)]
pub struct AuditKey(pub [u8; 32]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(…)")
    }
}

/// A hash of the chain.
pub type ChainHash = [u8; 32];

/// The chain's head, or a saved anchor: the last event's number and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: ChainHash,
}

impl AuditHead {
    /// The first 16 hex digits of the hash, as printed on reports.
    pub fn short(&self) -> String {
        hex(&self.hash[..8])
    }

    /// `seq:hex` — how an anchor is kept outside the database.
    pub fn encode(&self) -> String {
        format!("{}:{}", self.seq, hex(&self.hash))
    }

    pub fn decode(text: &str) -> Option<AuditHead> {
        let (seq, h) = text.trim().split_once(':')?;
        let seq = seq.parse().ok()?;
        if h.len() != 64 || !h.is_ascii() {
            return None;
        }
        let mut hash = [0u8; 32];
        for (i, b) in hash.iter_mut().enumerate() {
            *b = u8::from_str_radix(&h[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(AuditHead { seq, hash })
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

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
    /// `None` for events written before the chain existed.
    pub entry_hash: Option<ChainHash>,
}

/// Which events to list: all filters are optional and combine with AND.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// `at_utc` from this instant (inclusive) …
    pub from: Option<DateTime<Utc>>,
    /// … to this instant (exclusive).
    pub to: Option<DateTime<Utc>>,
    pub actor: Option<String>,
    /// The action itself (`period.close`) or its first part (`period`).
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
}

/// The first event where the chain does not hold, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditBreak {
    /// The event's hash is not what its fields and the previous hash give: it was edited,
    /// inserted, moved, or an event before it was replaced.
    Altered { seq: i64 },
    /// Events are missing before this one (deleted): `expected` was the next number.
    Missing { expected: i64, found: i64 },
    /// An event without a hash after the chain began.
    Unsigned { seq: i64 },
    /// The log ends before the anchor: events `anchor.seq` and earlier are gone.
    Truncated { last: i64, anchor: i64 },
    /// The event at the anchor's number is not the one anchored.
    AnchorMismatch { seq: i64 },
}

/// What [`Db::verify_audit`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditVerdict {
    /// Events checked against the key.
    pub signed: u64,
    /// Events written before the chain existed (a prefix; not verifiable).
    pub unsigned: u64,
    pub head: Option<AuditHead>,
    pub broken: Option<AuditBreak>,
}

/// The bytes an event's hash covers: seq, instant, actor, action, entity, entity id, detail, in
/// this order, each prefixed by its length (u32, big-endian); an absent entity id is length 0.
pub fn canonical_bytes(
    seq: i64,
    at_utc: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &str,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + detail.len());
    let mut field = |b: &[u8]| {
        out.extend_from_slice(&(b.len() as u32).to_be_bytes());
        out.extend_from_slice(b);
    };
    field(&seq.to_be_bytes());
    field(at_utc.as_bytes());
    field(actor.as_bytes());
    field(action.as_bytes());
    field(entity.as_bytes());
    match entity_id {
        Some(id) => field(&id.to_be_bytes()),
        None => field(&[]),
    }
    field(detail.as_bytes());
    out
}

fn chain_hash(key: &AuditKey, prev: &ChainHash, bytes: &[u8]) -> ChainHash {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC takes any key length");
    mac.update(prev);
    mac.update(bytes);
    mac.finalize().into_bytes().into()
}

fn to_hash(blob: Option<Vec<u8>>) -> Option<ChainHash> {
    blob.and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
}

const ZERO: ChainHash = [0; 32];

impl Db<'_> {
    /// Appends an event, chained to the last one. Refused without the audit key.
    pub fn append_audit(&self, event: &AuditEvent<'_>) -> Result<i64> {
        let key = self.audit_key.ok_or(Error::AuditKeyMissing)?;
        let last: Option<(i64, Option<Vec<u8>>)> = self
            .conn
            .query_row(
                "SELECT seq, entry_hash FROM audit_event ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let (seq, prev) = match last {
            Some((seq, hash)) => (seq + 1, to_hash(hash).unwrap_or(ZERO)),
            None => (1, ZERO),
        };
        let at = timestamp(event.at);
        let detail = event.detail.to_string();
        let bytes = canonical_bytes(
            seq,
            &at,
            event.actor,
            event.action,
            event.entity,
            event.entity_id,
            &detail,
        );
        let hash = chain_hash(key, &prev, &bytes);
        self.conn.execute(
            "INSERT INTO audit_event
                 (seq, at_utc, actor, action, entity, entity_id, detail, prev_hash, entry_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                seq,
                at,
                event.actor,
                event.action,
                event.entity,
                event.entity_id,
                detail,
                prev.as_slice(),
                hash.as_slice()
            ],
        )?;
        Ok(seq)
    }

    /// The newest `limit` events, newest first.
    pub fn list_audit(&self, limit: u32) -> Result<Vec<AuditRow>> {
        self.find_audit(&AuditFilter::default(), limit, 0)
    }

    /// Events matching `filter`, newest first, a page at a time.
    pub fn find_audit(
        &self,
        filter: &AuditFilter,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<AuditRow>> {
        let (clause, params) = audit_where(filter);
        let sql = format!(
            "SELECT seq, at_utc, actor, action, entity, entity_id, detail, entry_hash
             FROM audit_event {clause} ORDER BY seq DESC LIMIT {limit} OFFSET {offset}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let detail: String = r.get(6)?;
            Ok(AuditRow {
                seq: r.get(0)?,
                at_utc: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
                entry_hash: to_hash(r.get(7)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many events match `filter`.
    pub fn count_audit(&self, filter: &AuditFilter) -> Result<u64> {
        let (clause, params) = audit_where(filter);
        let sql = format!("SELECT count(*) FROM audit_event {clause}");
        Ok(self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(params.iter()), |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// The last event's number and hash (`None` while nothing is signed).
    pub fn audit_head(&self) -> Result<Option<AuditHead>> {
        let row: Option<(i64, Option<Vec<u8>>)> = self
            .conn
            .query_row(
                "SELECT seq, entry_hash FROM audit_event ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        Ok(row.and_then(|(seq, h)| to_hash(h).map(|hash| AuditHead { seq, hash })))
    }

    /// The database's random identity (names its keyring entries).
    pub fn database_uid(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT uid FROM database_identity WHERE id = 1", [], |r| r.get(0))?)
    }

    /// Walks the whole log in order and checks every link against `key`, then the tail
    /// against `anchor` (the last head saved outside the database), and stops at the first
    /// event that does not hold.
    pub fn verify_audit(&self, key: &AuditKey, anchor: Option<AuditHead>) -> Result<AuditVerdict> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at_utc, actor, action, entity, entity_id, detail, prev_hash, entry_hash
             FROM audit_event ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut verdict = AuditVerdict { signed: 0, unsigned: 0, head: None, broken: None };
        let mut expected: Option<i64> = None;
        let mut prev = ZERO;
        let mut at_anchor: Option<ChainHash> = None;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            if let Some(e) = expected
                && seq != e
            {
                verdict.broken = Some(AuditBreak::Missing { expected: e, found: seq });
                return Ok(verdict);
            }
            expected = Some(seq + 1);
            let Some(stored) = to_hash(r.get(8)?) else {
                if verdict.signed > 0 {
                    verdict.broken = Some(AuditBreak::Unsigned { seq });
                    return Ok(verdict);
                }
                verdict.unsigned += 1;
                continue;
            };
            let (at, actor, action, entity): (String, String, String, String) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let bytes = canonical_bytes(
                seq,
                &at,
                &actor,
                &action,
                &entity,
                r.get(5)?,
                &r.get::<_, String>(6)?,
            );
            if chain_hash(key, &prev, &bytes) != stored {
                verdict.broken = Some(AuditBreak::Altered { seq });
                return Ok(verdict);
            }
            prev = stored;
            verdict.signed += 1;
            verdict.head = Some(AuditHead { seq, hash: stored });
            if anchor.is_some_and(|a| a.seq == seq) {
                at_anchor = Some(stored);
            }
        }
        if let Some(a) = anchor {
            let last = verdict.head.map_or(0, |h| h.seq);
            verdict.broken = match at_anchor {
                Some(h) if h == a.hash => None,
                Some(_) => Some(AuditBreak::AnchorMismatch { seq: a.seq }),
                None if last < a.seq => Some(AuditBreak::Truncated { last, anchor: a.seq }),
                None => Some(AuditBreak::AnchorMismatch { seq: a.seq }),
            };
        }
        Ok(verdict)
    }
}

fn audit_where(f: &AuditFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut terms = Vec::new();
    let mut params = Vec::new();
    if let Some(from) = f.from {
        terms.push("at_utc >= ?");
        params.push(Value::Text(timestamp(from)));
    }
    if let Some(to) = f.to {
        terms.push("at_utc < ?");
        params.push(Value::Text(timestamp(to)));
    }
    if let Some(actor) = &f.actor {
        terms.push("actor = ?");
        params.push(Value::Text(actor.clone()));
    }
    if let Some(action) = &f.action {
        terms.push("(action = ? OR action LIKE ? ESCAPE '\\')");
        params.push(Value::Text(action.clone()));
        params.push(Value::Text(format!("{}.%", like_escape(action))));
    }
    if let Some(entity) = &f.entity {
        terms.push("entity = ?");
        params.push(Value::Text(entity.clone()));
    }
    if let Some(id) = f.entity_id {
        terms.push("entity_id = ?");
        params.push(Value::Integer(id));
    }
    let clause =
        if terms.is_empty() { String::new() } else { format!("WHERE {}", terms.join(" AND ")) };
    (clause, params)
}
