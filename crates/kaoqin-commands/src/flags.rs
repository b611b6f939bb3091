//! Review flags (可疑打卡) of a month: computed from the raw punches each time (kaoqin-core's
//! `anomaly`), shown with the people and terminal in words, dismissed with a reason (kept, and
//! in the audit log). Flags never change a result.

use std::collections::HashMap;

use chrono::{Days, NaiveTime};
use kaoqin_core::anomaly::{self, Flag, FlagKind};
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::leave::{Half, LeaveSpan};
use kaoqin_core::{Field, Problem};
use kaoqin_store::Store;
use serde_json::json;

use crate::dto::{FlagDto, Localized};
use crate::error::{Error, Result};
use crate::schedule::month_range;
use crate::{Action, Ctx};

fn kind_name(k: FlagKind) -> Localized {
    let (zh, en) = match k {
        FlagKind::BuddyChain => ("疑似代打卡", "possible buddy punching"),
        FlagKind::SameMinute => ("打卡时间雷同", "same minute every day"),
        FlagKind::VerifyModeChange => ("验证方式突变", "verify mode changed"),
        FlagKind::ImpossibleTravel => ("异地打卡", "two places at once"),
        FlagKind::PunchOnLeave => ("请假期间打卡", "punches on leave"),
        FlagKind::ClockWentBack => ("考勤机时间回拨", "terminal clock went back"),
    };
    Localized::new(zh, en)
}

fn mode_name(mode: i64) -> (String, String) {
    match mode {
        0 => ("密码".into(), "password".into()),
        1 => ("指纹".into(), "fingerprint".into()),
        2 => ("刷卡".into(), "card".into()),
        15 => ("人脸".into(), "face".into()),
        m => (format!("方式 {m}"), format!("mode {m}")),
    }
}

fn text(f: &Flag, names: &str) -> Localized {
    match f.kind {
        FlagKind::BuddyChain => Localized::new(
            format!(
                "{} 人在考勤机 {} 上 {} 秒内接连打卡：{names}",
                f.employees.len(),
                f.terminal,
                f.amount
            ),
            format!(
                "{} people on terminal {} within {} s: {names}",
                f.employees.len(),
                f.terminal,
                f.amount
            ),
        ),
        FlagKind::SameMinute => Localized::new(
            format!("{names} 连续 {} 天都在 {} 打卡（{}）", f.amount, f.detail, f.terminal),
            format!(
                "{names} punched at {} on {} days running ({})",
                f.detail, f.amount, f.terminal
            ),
        ),
        FlagKind::VerifyModeChange => {
            let (now_zh, now_en) = mode_name(f.amount);
            let (usual_zh, usual_en) = mode_name(f.detail.parse().unwrap_or(1));
            Localized::new(
                format!("{names} 平时用{usual_zh}，这次用{now_zh}打卡"),
                format!("{names} usually uses {usual_en}; this punch used {now_en}"),
            )
        }
        FlagKind::ImpossibleTravel => Localized::new(
            format!("{names} {} 分钟内在两地打卡：{}", f.amount, f.detail),
            format!("{names} punched at two places {} min apart: {}", f.amount, f.detail),
        ),
        FlagKind::PunchOnLeave => Localized::new(
            format!("{names} 请假当天有 {} 次打卡", f.punches.len()),
            format!("{names} punched {} times on a day of leave", f.punches.len()),
        ),
        FlagKind::ClockWentBack => Localized::new(
            format!("考勤机 {} 的记录时间倒退了 {} 分钟：它的时钟可能被改过", f.terminal, f.amount),
            format!(
                "terminal {}'s log went back {} min: its clock may have been changed",
                f.terminal, f.amount
            ),
        ),
    }
}

/// The month's review flags (dismissed ones too, marked), in the actor's scope.
pub fn list_flags(store: &Store, ctx: &Ctx, month: &str) -> Result<Vec<FlagDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let (first, last) = month_range(month.trim())?;
    let roster = crate::groups::Roster::load(&store.read())?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let db = store.read();
    let by_pin: HashMap<&str, EmployeeId> =
        roster.employees.iter().filter_map(|e| e.pin.as_deref().map(|p| (p, e.id))).collect();
    let by_no: HashMap<&str, EmployeeId> =
        roster.employees.iter().map(|e| (e.employee_no.as_str(), e.id)).collect();
    let terminals: HashMap<String, (String, String)> = db
        .list_terminals()?
        .into_iter()
        .map(|t| (t.punch_key(), (t.settings.name.clone(), t.settings.location.clone())))
        .collect();
    let from = first.and_time(NaiveTime::MIN);
    let to = last.checked_add_days(Days::new(1)).unwrap_or(last).and_time(NaiveTime::MIN);
    let punches: Vec<anomaly::Punch> = db
        .list_raw_punches(from, to)?
        .into_iter()
        .map(|p| {
            let employee = if p.who_kind == "pin" {
                by_pin.get(p.who.as_str()).copied()
            } else {
                by_no.get(p.who.as_str()).copied()
            };
            let (name, location) = terminals.get(&p.terminal).cloned().unwrap_or_else(|| {
                (
                    if p.terminal.is_empty() {
                        "导入文件".to_owned()
                    } else {
                        p.terminal.clone()
                    },
                    String::new(),
                )
            });
            anomaly::Punch {
                id: p.id,
                employee,
                terminal: name,
                location,
                at: p.term_local,
                verify_mode: p.verify_mode,
            }
        })
        .collect();
    let types: HashMap<i64, bool> =
        db.list_leave_types()?.into_iter().map(|t| (t.id, t.leave_type.on_duty)).collect();
    let mut leave_days: HashMap<EmployeeId, Vec<chrono::NaiveDate>> = HashMap::new();
    for r in db.list_leave_records(first, last)? {
        if r.cancelled.is_some() || types.get(&r.leave_type_id).copied().unwrap_or(true) {
            continue;
        }
        if let LeaveSpan::Days { start, start_half, end, end_half } = r.span {
            let mut d = start;
            while d <= end {
                let whole =
                    (d > start || start_half == Half::Am) && (d < end || end_half == Half::Pm);
                if whole {
                    leave_days.entry(r.employee_id).or_default().push(d);
                }
                d = d.checked_add_days(Days::new(1)).unwrap_or(end + chrono::Duration::days(1));
            }
        }
    }
    let dismissed = db.flag_dismissals()?;
    let visible = |e: &EmployeeId| {
        roster
            .employees
            .iter()
            .find(|r| r.id == *e)
            .is_some_and(|r| scope.as_ref().is_none_or(|s| s.contains(&r.department_id)))
    };
    let label = |e: &EmployeeId| {
        roster
            .employees
            .iter()
            .find(|r| r.id == *e)
            .map_or_else(String::new, |r| format!("{} {}", r.employee_no, r.name))
    };
    Ok(anomaly::flags(&punches, &leave_days)
        .into_iter()
        .filter(|f| f.employees.is_empty() || f.employees.iter().any(visible))
        .map(|f| {
            let people: Vec<String> =
                f.employees.iter().filter(|e| visible(e)).map(label).collect();
            let key = f.key();
            let d = dismissed.get(&key).cloned();
            FlagDto {
                text: text(&f, &people.join("、")),
                kind: f.kind.key().to_owned(),
                kind_name: kind_name(f.kind),
                date: f.date.to_string(),
                people,
                punches: f.punches.clone(),
                terminal: f.terminal.clone(),
                dismissed_reason: d.as_ref().map(|(r, _, _)| r.clone()),
                dismissed_by: d.as_ref().map(|(_, at, by)| format!("{by} {at}")),
                key,
            }
        })
        .collect())
}

/// Dismisses a flag of `month` with a reason.
pub fn dismiss_flag(
    store: &mut Store,
    ctx: &Ctx,
    month: &str,
    key: &str,
    reason: &str,
) -> Result<()> {
    ctx.actor.require(Action::EditRoster)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::field(Field::Reason, Problem::Required, ""));
    }
    if !list_flags(store, ctx, month)?.iter().any(|f| f.key == key) {
        return Err(Error::not_found(crate::error::Entity::Flag, key));
    }
    store.write(|db| -> Result<()> {
        if db.dismiss_flag(key, reason, ctx.now, &ctx.actor.login)? {
            ctx.audit(
                db,
                "flag.dismiss",
                "flag",
                None,
                json!({ "key": key, "month": month, "reason": reason }),
            )?;
        }
        Ok(())
    })
}
