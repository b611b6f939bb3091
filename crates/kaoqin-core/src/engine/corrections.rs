//! The clerk's corrections (更正) as the engine applies them, each leaving a step in the trace.
//!
//! Corrections never edit a raw punch: the caller turns a 补卡 into an extra punch whose id is
//! the negative of the correction's id (see [`made_up_punch`]) and a direction change into a
//! trusted state key; the engine itself handles the rest:
//! - **ignore a punch**: it is left out, with the correction named in the trace;
//! - **overtime** (核定加班): the day's overtime is cut to what was approved (0 rejects it);
//! - **accept as worked** (按出勤处理, e.g. a company event): the late, early, away, missing and
//!   absent minutes count as worked, and their findings go;
//! - **mark absent** (按旷工处理): everything but leave counts as absent, overtime too;
//! - **note** (仅备注): the trace says so; nothing changes.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Day, Direction, FindingKind, Overtime, Punch, PunchId, Severity, StateKey, Step};

/// What a correction does to a day, as the engine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fix {
    /// 补卡: the caller adds the punch ([`made_up_punch`]); the trace names it.
    MakeUp {
        at: NaiveDateTime,
        direction: Direction,
    },
    IgnorePunch {
        punch: PunchId,
    },
    /// The caller sets the punch's key to a trusted `direction`; the trace names it.
    FlipPunch {
        punch: PunchId,
        direction: Direction,
    },
    /// Overtime of the day kept at most at `minutes` (0: rejected).
    Overtime {
        minutes: u32,
    },
    AcceptWorked,
    MarkAbsent,
    Note,
}

/// A correction in force on a work date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub id: i64,
    pub date: NaiveDate,
    pub fix: Fix,
}

/// The punch a 补卡 adds: its id is the correction's id negated, so the trace and the ledger can
/// tell it from a terminal's punch.
pub fn made_up_punch(correction: i64, at: NaiveDateTime, direction: Direction) -> Punch {
    Punch { id: -correction, at, state: StateKey::Trust(direction) }
}

/// The correction that ignores `punch`, if any.
pub(crate) fn ignoring(corrections: &[Correction], punch: PunchId) -> Option<i64> {
    corrections.iter().find_map(|c| match c.fix {
        Fix::IgnorePunch { punch: p } if p == punch => Some(c.id),
        _ => None,
    })
}

/// Applies the day-level corrections of the date, in the order they were made.
pub(crate) fn apply(day: &mut Day<'_>) {
    let date = day.plan.date;
    let todays: Vec<Correction> =
        day.input.corrections.iter().filter(|c| c.date == date).copied().collect();
    for c in todays {
        day.step(Step::Corrected { correction: c.id, fix: c.fix });
        match c.fix {
            Fix::Overtime { minutes } => keep_overtime(day, minutes),
            Fix::AcceptWorked => accept_worked(day),
            Fix::MarkAbsent => mark_absent(day),
            Fix::MakeUp { .. } | Fix::IgnorePunch { .. } | Fix::FlipPunch { .. } | Fix::Note => {}
        }
    }
}

fn keep_overtime(day: &mut Day<'_>, keep: u32) {
    let o = &mut day.result.overtime;
    let mut cut = (o.total() + o.period).saturating_sub(keep);
    for field in [&mut o.workday, &mut o.rest_day, &mut o.holiday, &mut o.time_off, &mut o.period] {
        let take = (*field).min(cut);
        *field -= take;
        cut -= take;
    }
    if day.result.overtime.workday <= day.input.rules.overtime.daily_cap_minutes {
        day.result.findings.retain(|f| f.kind != FindingKind::OvertimeOverDailyCap);
    }
}

fn accept_worked(day: &mut Day<'_>) {
    let r = &mut day.result;
    r.worked_minutes +=
        r.late_minutes + r.early_minutes + r.away_minutes + r.missing_minutes + r.absent_minutes;
    (r.late_minutes, r.early_minutes, r.away_minutes, r.missing_minutes, r.absent_minutes) =
        (0, 0, 0, 0, 0);
    (r.late_count, r.early_count, r.missing_count) = (0, 0, 0);
    r.findings.retain(|f| {
        f.severity == Severity::Info
            || matches!(f.kind, FindingKind::NoCalendar | FindingKind::OvertimeOverDailyCap)
    });
}

fn mark_absent(day: &mut Day<'_>) {
    let r = &mut day.result;
    r.absent_minutes += r.worked_minutes
        + r.on_duty_minutes
        + r.late_minutes
        + r.early_minutes
        + r.away_minutes
        + r.missing_minutes;
    (r.worked_minutes, r.on_duty_minutes, r.late_minutes, r.early_minutes) = (0, 0, 0, 0);
    (r.away_minutes, r.missing_minutes) = (0, 0);
    (r.late_count, r.early_count, r.missing_count) = (0, 0, 0);
    r.overtime = Overtime::default();
    r.findings.retain(|f| f.kind == FindingKind::NoCalendar);
    if r.absent_minutes > 0 {
        let minutes = r.absent_minutes;
        day.find(FindingKind::Absent, None, minutes, Vec::new());
    }
}
