//! Closing a month (结账) and re-opening it.
//!
//! - **Status** (`status`): the checklist (results computed, every terminal read past the
//!   month's end, no open exceptions at the chosen severity) and every close and re-open.
//! - **Close** (`close`): refused while a check fails, unless `force` is given with a reason;
//!   then the month's results are frozen: computing and correcting it are refused. The audit
//!   log's head at the close is stored with it (the timesheets print it).
//! - **Re-open** (`reopen`): needs a reason; recorded as an event and in the audit log.
//!
//! Punches that arrive for a closed month are stored as always (raw data is append-only); the
//! inbox of the month shows them once it is re-opened and recomputed.
//! Not here yet: the "all timesheets generated" check (the reports issue adds timesheets).

use chrono::{Days, NaiveTime};
use kaoqin_core::{Field, Problem};
use kaoqin_store::{PeriodEventRow, Store};
use serde_json::json;

use crate::dto::{CloseCheckDto, ExceptionQuery, Localized, PeriodEventDto, PeriodStatusDto};
use crate::error::{Error, Result};
use crate::schedule::month_range;
use crate::{Action, Ctx, corrections};

fn event_dto(e: PeriodEventRow) -> PeriodEventDto {
    PeriodEventDto {
        action: e.action,
        at_utc: e.at_utc,
        actor: e.actor,
        reason: e.reason,
        audit_seq: e.audit_seq,
        audit_head: e.audit_head.map(|h| h.chars().take(16).collect()),
    }
}

fn checks(store: &Store, ctx: &Ctx, month: &str) -> Result<Vec<CloseCheckDto>> {
    let (first, last) = month_range(month)?;
    let db = store.read();
    let computed = !db.list_day_results(first, last)?.is_empty();
    let end = last.checked_add_days(Days::new(1)).unwrap_or(last).and_time(NaiveTime::MIN);
    let offset =
        |tz: &str| i64::from(kaoqin_core::company::utc_offset_seconds(tz).unwrap_or(8 * 3600));
    let synced = match db.terminals_synced_until(offset)? {
        Some(terminals) => terminals,
        None => db.latest_punch_local()?,
    };
    let synced_ok = synced.is_some_and(|s| s >= end);
    let open = corrections::list_exceptions(
        store,
        ctx,
        &ExceptionQuery {
            month: month.to_owned(),
            min_severity: Some("error".into()),
            ..ExceptionQuery::default()
        },
    )?
    .rows
    .len();
    let synced_text =
        synced.map_or_else(|| "—".to_owned(), |s| s.format("%Y-%m-%d %H:%M").to_string());
    Ok(vec![
        CloseCheckDto {
            key: "computed".into(),
            ok: computed,
            text: if computed {
                Localized::new("考勤结果已计算", "the results are computed")
            } else {
                Localized::new("还没有计算本月考勤", "the month has not been computed")
            },
        },
        CloseCheckDto {
            key: "synced".into(),
            ok: synced_ok,
            text: Localized::new(
                format!(
                    "考勤机数据已读到 {synced_text}（需读到 {} 之后）",
                    end.format("%Y-%m-%d %H:%M")
                ),
                format!(
                    "terminals read up to {synced_text} (needed: past {})",
                    end.format("%Y-%m-%d %H:%M")
                ),
            ),
        },
        CloseCheckDto {
            key: "exceptions".into(),
            ok: open == 0,
            text: Localized::new(
                format!("未处理的严重异常：{open} 条"),
                format!("open errors in the inbox: {open}"),
            ),
        },
    ])
}

/// The checklist and history of a month.
pub fn status(store: &Store, ctx: &Ctx, month: &str) -> Result<PeriodStatusDto> {
    ctx.actor.require(Action::ViewRoster)?;
    let month = month.trim();
    let checks = checks(store, ctx, month)?;
    let db = store.read();
    Ok(PeriodStatusDto {
        month: month.to_owned(),
        closed: db.month_closed(month)?,
        checks,
        events: db.period_events(month)?.into_iter().map(event_dto).collect(),
    })
}

/// Closes a month; with `force`, despite failed checks (the reason says why).
pub fn close(
    store: &mut Store,
    ctx: &Ctx,
    month: &str,
    force: bool,
    reason: &str,
) -> Result<PeriodStatusDto> {
    ctx.actor.require(Action::EditRoster)?;
    let month = month.trim();
    let reason = reason.trim();
    if store.read().month_closed(month)? {
        return Err(Error::MonthClosed { month: month.to_owned() });
    }
    let failed: Vec<CloseCheckDto> =
        checks(store, ctx, month)?.into_iter().filter(|c| !c.ok).collect();
    if !failed.is_empty() && !force {
        return Err(Error::CloseChecksFailed { month: month.to_owned(), failed });
    }
    if !failed.is_empty() && reason.is_empty() {
        return Err(Error::field(Field::Reason, Problem::Required, ""));
    }
    store.write(|db| -> Result<()> {
        let failed_keys: Vec<&str> = failed.iter().map(|c| c.key.as_str()).collect();
        ctx.audit(
            db,
            "period.close",
            "period",
            None,
            json!({ "month": month, "forced_past": failed_keys, "reason": reason }),
        )?;
        let head = db.audit_head()?;
        db.append_period_event(month, "close", ctx.now, &ctx.actor.login, reason, head)?;
        Ok(())
    })?;
    status(store, ctx, month)
}

/// Re-opens a closed month; the reason is required and recorded.
pub fn reopen(store: &mut Store, ctx: &Ctx, month: &str, reason: &str) -> Result<PeriodStatusDto> {
    ctx.actor.require(Action::EditRoster)?;
    let month = month.trim();
    let reason = reason.trim();
    month_range(month)?;
    if reason.is_empty() {
        return Err(Error::field(Field::Reason, Problem::Required, ""));
    }
    if !store.read().month_closed(month)? {
        return Err(Error::MonthNotClosed { month: month.to_owned() });
    }
    store.write(|db| -> Result<()> {
        ctx.audit(
            db,
            "period.reopen",
            "period",
            None,
            json!({ "month": month, "reason": reason }),
        )?;
        db.append_period_event(month, "reopen", ctx.now, &ctx.actor.login, reason, None)?;
        Ok(())
    })?;
    status(store, ctx, month)
}
