//! The audit log's key, anchor, verification, viewer and export.
//!
//! - **Unlock** ([`unlock`]): the desktop and the CLI call it right after opening a database. It
//!   loads the database's HMAC key from the OS keyring, or makes one for a log nothing has
//!   signed yet, and gives it to the store; without it nothing can be written. A database whose
//!   log is signed but whose key this PC does not have is refused with [`Error::AuditKeyLost`].
//! - **Anchor** ([`Anchor::save`]): after each successful command, the log's head (last number
//!   and hash) is saved in the keyring, so a log cut short behind the app's back no longer
//!   reaches it. The head is also stored with each closed month.
//! - **Verify** ([`verify`]), **view** ([`list`]) and **export** ([`export`], logged as an event).
//!
//! Not here: the chain itself (kaoqin-store::audit).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use kaoqin_store::{AuditBreak, AuditFilter, AuditHead, AuditRow, Store};
use serde_json::json;

use crate::dto::{AuditExport, AuditPage, AuditQuery, AuditRowDto, AuditVerifyDto, Localized};
use crate::error::{Error, Result};
use crate::{Action, Ctx, secrets};

/// Loads (or, for a log nothing has signed yet, makes) the audit key and gives it to `store`.
pub fn unlock(store: &mut Store) -> Result<()> {
    let uid = store.read().database_uid()?;
    let key = match secrets::get_audit_key(&uid)? {
        Some(key) => key,
        None if store.read().audit_head()?.is_some() => return Err(Error::AuditKeyLost),
        None => secrets::create_audit_key(&uid)?,
    };
    store.set_audit_key(key);
    Ok(())
}

/// Keeps the keyring's anchor at the log's head; remembers what it saved last, so a command
/// that wrote nothing costs one query.
#[derive(Debug, Default)]
pub struct Anchor {
    saved: Option<AuditHead>,
}

impl Anchor {
    pub fn save(&mut self, store: &Store) -> Result<()> {
        let head = store.read().audit_head()?;
        if head.is_none() || head == self.saved {
            return Ok(());
        }
        if let Some(head) = head {
            secrets::set_audit_anchor(&store.read().database_uid()?, head)?;
        }
        self.saved = head;
        Ok(())
    }
}

/// Checks every event's signature and the tail against this PC's anchor.
pub fn verify(store: &Store, ctx: &Ctx) -> Result<AuditVerifyDto> {
    ctx.actor.require(Action::ViewAudit)?;
    let db = store.read();
    let uid = db.database_uid()?;
    let key = match store.audit_key() {
        Some(key) => key.clone(),
        None => secrets::get_audit_key(&uid)?.ok_or(Error::AuditKeyLost)?,
    };
    let anchor = secrets::get_audit_anchor(&uid)?;
    let v = db.verify_audit(&key, anchor)?;
    let head = v.head;
    let message = match v.broken {
        None => {
            let before = if v.unsigned > 0 {
                Localized::new(
                    format!("；另有 {} 条早于签名功能的记录无法校验", v.unsigned),
                    format!("; {} events written before signing cannot be checked", v.unsigned),
                )
            } else {
                Localized::new("", "")
            };
            match head {
                Some(h) => Localized::new(
                    format!(
                        "审计记录完整：{} 条签名全部正确，链头 #{} {}{}",
                        v.signed,
                        h.seq,
                        h.short(),
                        before.zh
                    ),
                    format!(
                        "the audit log is intact: {} signatures hold, head #{} {}{}",
                        v.signed,
                        h.seq,
                        h.short(),
                        before.en
                    ),
                ),
                None => Localized::new(
                    format!("审计记录中还没有签名的记录{}", before.zh),
                    format!("the audit log has no signed events yet{}", before.en),
                ),
            }
        }
        Some(b) => broken_message(b),
    };
    Ok(AuditVerifyDto {
        ok: v.broken.is_none(),
        signed: v.signed,
        unsigned: v.unsigned,
        head_seq: head.map(|h| h.seq),
        head_hash: head.map(|h| h.short()),
        anchor_seq: anchor.map(|a| a.seq),
        broken_seq: v.broken.map(broken_seq),
        message,
    })
}

fn broken_seq(b: AuditBreak) -> i64 {
    match b {
        AuditBreak::Altered { seq }
        | AuditBreak::Unsigned { seq }
        | AuditBreak::AnchorMismatch { seq } => seq,
        AuditBreak::Missing { expected, .. } => expected,
        AuditBreak::Truncated { last, .. } => last + 1,
    }
}

fn broken_message(b: AuditBreak) -> Localized {
    match b {
        AuditBreak::Altered { seq } => Localized::new(
            format!(
                "第 {seq} 条审计记录被改动过：它的签名与内容不符（记录被修改，或在它的位置插入、调换过记录）"
            ),
            format!(
                "audit event #{seq} was altered: its signature does not match (edited, or an event was inserted or moved there)"
            ),
        ),
        AuditBreak::Missing { expected, found } => Localized::new(
            format!(
                "第 {expected} 条审计记录被删除：第 {} 条之后紧接着是第 {found} 条",
                expected - 1
            ),
            format!(
                "audit event #{expected} was deleted: #{} is followed by #{found}",
                expected - 1
            ),
        ),
        AuditBreak::Unsigned { seq } => Localized::new(
            format!("第 {seq} 条审计记录没有签名：它不是 Kaoqin 写入的"),
            format!("audit event #{seq} is not signed: Kaoqin did not write it"),
        ),
        AuditBreak::Truncated { last, anchor } => Localized::new(
            format!(
                "审计记录被截断：最后一条是第 {last} 条，本机保存的锚点是第 {anchor} 条，第 {}–{anchor} 条已被删除",
                last + 1
            ),
            format!(
                "the audit log was cut short: it ends at #{last}, this PC's anchor is #{anchor}; #{}–#{anchor} were deleted",
                last + 1
            ),
        ),
        AuditBreak::AnchorMismatch { seq } => Localized::new(
            format!("第 {seq} 条审计记录与本机保存的锚点不一致：记录被删除后又重写过"),
            format!(
                "audit event #{seq} differs from this PC's anchor: the log was cut and rewritten"
            ),
        ),
    }
}

/// The company's UTC offset in seconds.
fn offset(store: &Store) -> Result<i64> {
    let zone = store.read().get_company()?.map(|c| c.timezone);
    Ok(i64::from(
        zone.as_deref().and_then(kaoqin_core::company::utc_offset_seconds).unwrap_or(8 * 3600),
    ))
}

fn day_start(
    date: Option<&str>,
    field: kaoqin_core::Field,
    offset: i64,
    days_after: i64,
) -> Result<Option<chrono::DateTime<Utc>>> {
    let Some(text) = date.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::field(field, kaoqin_core::Problem::BadDate, text))?;
    let local = d.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::days(days_after);
    Ok(Some(Utc.from_utc_datetime(&(local - Duration::seconds(offset)))))
}

fn filter(store: &Store, q: &AuditQuery) -> Result<AuditFilter> {
    let offset = offset(store)?;
    let text = |s: &Option<String>| {
        s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
    };
    Ok(AuditFilter {
        from: day_start(q.from.as_deref(), kaoqin_core::Field::Start, offset, 0)?,
        to: day_start(q.to.as_deref(), kaoqin_core::Field::End, offset, 1)?,
        actor: text(&q.actor),
        action: text(&q.action),
        entity: text(&q.entity),
        entity_id: q.entity_id,
    })
}

fn row_dto(r: AuditRow, offset: i64) -> AuditRowDto {
    let at_local = chrono::DateTime::parse_from_rfc3339(&r.at_utc)
        .map(|t| {
            (t.naive_utc() + Duration::seconds(offset)).format("%Y-%m-%d %H:%M:%S").to_string()
        })
        .unwrap_or_else(|_| r.at_utc.clone());
    AuditRowDto {
        seq: r.seq,
        at_utc: r.at_utc,
        at_local,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entity_id: r.entity_id,
        detail: r.detail.to_string(),
        signed: r.entry_hash.is_some(),
    }
}

/// A page of events matching the filters, newest first.
pub fn list(store: &Store, ctx: &Ctx, q: AuditQuery) -> Result<AuditPage> {
    ctx.actor.require(Action::ViewAudit)?;
    let f = filter(store, &q)?;
    let page_size = q.page_size.unwrap_or(50).clamp(1, 500);
    let page = q.page.unwrap_or(1).max(1);
    let db = store.read();
    let total = db.count_audit(&f)? as u32;
    let offset_s = offset(store)?;
    let rows = db
        .find_audit(&f, page_size, (page - 1) * page_size)?
        .into_iter()
        .map(|r| row_dto(r, offset_s))
        .collect();
    Ok(AuditPage { rows, total, page, page_size })
}

/// Every event matching the filters as CSV (oldest first), and an `audit.export` event naming
/// the filters and the count.
pub fn export(store: &mut Store, ctx: &Ctx, q: AuditQuery) -> Result<AuditExport> {
    ctx.actor.require(Action::ViewAudit)?;
    let f = filter(store, &q)?;
    let offset_s = offset(store)?;
    let total = store.read().count_audit(&f)?;
    let mut rows = store.read().find_audit(&f, u32::try_from(total).unwrap_or(u32::MAX), 0)?;
    rows.reverse();
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| Error::Internal(format!("writing CSV: {e}"));
    w.write_record(["序号", "时间", "UTC", "操作人", "操作", "对象", "对象编号", "详情", "已签名"])
        .map_err(csv_error)?;
    for r in rows.iter().cloned() {
        let d = row_dto(r, offset_s);
        w.write_record([
            d.seq.to_string(),
            d.at_local,
            d.at_utc,
            d.actor,
            d.action,
            d.entity,
            d.entity_id.map(|i| i.to_string()).unwrap_or_default(),
            d.detail,
            if d.signed { "是" } else { "否" }.to_owned(),
        ])
        .map_err(csv_error)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Internal(format!("writing CSV: {e}")))?;
    let csv = format!("\u{feff}{}", String::from_utf8_lossy(&bytes));
    let count = rows.len() as u32;
    store.write(|db| {
        ctx.audit(
            db,
            "audit.export",
            "audit_event",
            None,
            json!({ "rows": count, "from": q.from, "to": q.to, "actor": q.actor, "action": q.action }),
        )
    })?;
    let day = (ctx.now + Duration::seconds(offset_s)).format("%Y%m%d");
    Ok(AuditExport { file_name: format!("审计记录-{day}.csv"), csv, rows: count })
}
