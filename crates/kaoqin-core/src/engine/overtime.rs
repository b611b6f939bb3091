//! Overtime: where the minutes come from, their rounding, and their pay class.
//!
//! The class comes from the calendar, never from the weekday: a shift on a statutory holiday
//! pays 300% for all of it; time beyond a shift on any other planned day is workday overtime
//! (150%); presence on a date with nothing planned is rest-day overtime (200%, or 调休 when the
//! rules give it back as time off) or holiday overtime (300%) on a statutory day. Caps are
//! warnings, never cuts.

use super::spans::Spans;
use super::{
    Day, DayMinute, FindingKind, IgnoredWhy, OvertimeSource, OvertimeWhy, Punch, PunchRole, Step,
    leave,
};
use crate::calendar::DayClass;
use crate::group::HoursSystem;
use crate::schedule::PlanSource;

/// The day's outer punches and shift times, as work-day minutes.
pub(crate) struct Edges {
    pub(crate) first_in: Option<DayMinute>,
    pub(crate) last_out: Option<DayMinute>,
    pub(crate) first_on: Option<DayMinute>,
    pub(crate) last_off: Option<DayMinute>,
}

/// Approved overtime of the day as work-day minutes, clipped to the day's span.
fn approved(day: &Day<'_>) -> Spans {
    let (from, to) = (day.span.from, day.span.to);
    Spans::from_iter(
        day.input
            .approvals
            .iter()
            .filter(|a| a.from < to && a.to > from)
            .map(|a| (day.minute(a.from.max(from)), day.minute(a.to.min(to)))),
    )
}

/// Overtime on a day with a shift.
pub(crate) fn working_day(day: &mut Day<'_>, e: Edges, presence: &Spans, duty: &Spans) {
    let Some(class) = day.plan.class else {
        day.find(FindingKind::NoCalendar, None, 0, Vec::new());
        return;
    };
    if class == DayClass::Statutory && day.result.worked_minutes > 0 {
        let worked = day.result.worked_minutes;
        record(day, worked, worked, OvertimeWhy::HolidayShift);
    }
    let rules = day.input.rules.overtime;
    match rules.source {
        OvertimeSource::Punches => {
            if let (Some(out), Some(off)) = (e.last_out, e.last_off)
                && out > off
            {
                let raw = (out - off) as u32;
                record(day, raw, day.input.rules.round_overtime(raw), OvertimeWhy::AfterShift);
            }
            if rules.count_before_shift
                && let (Some(first_in), Some(on)) = (e.first_in, e.first_on)
                && first_in < on
            {
                let raw = (on - first_in) as u32;
                record(day, raw, day.input.rules.round_overtime(raw), OvertimeWhy::BeforeShift);
            }
        }
        OvertimeSource::Approved => {
            let raw = approved(day).minus(duty).minutes() as u32;
            record(day, raw, day.input.rules.round_overtime(raw), OvertimeWhy::Approved);
        }
        OvertimeSource::ApprovedWithinPunches => {
            let present = match (e.first_in, e.last_out) {
                (Some(a), Some(b)) => Spans::one(a, b).union(presence),
                _ => presence.clone(),
            };
            let raw = approved(day).intersect(&present).minus(duty).minutes() as u32;
            record(
                day,
                raw,
                day.input.rules.round_overtime(raw),
                OvertimeWhy::ApprovedWithinPunches,
            );
        }
    }
}

/// Flexible and free days: time beyond the required minutes.
pub(crate) fn beyond_required(day: &mut Day<'_>, raw: u32, presence: &Spans) {
    let Some(_) = day.plan.class else {
        day.find(FindingKind::NoCalendar, None, 0, Vec::new());
        return;
    };
    if day.plan.class == Some(DayClass::Statutory) && day.result.worked_minutes > 0 {
        let worked = day.result.worked_minutes;
        record(day, worked, worked, OvertimeWhy::HolidayShift);
    }
    let rules = &day.input.rules;
    let (raw, why) = match rules.overtime.source {
        OvertimeSource::Punches => (raw, OvertimeWhy::BeyondRequired),
        OvertimeSource::Approved => (approved(day).minutes() as u32, OvertimeWhy::Approved),
        OvertimeSource::ApprovedWithinPunches => {
            (approved(day).intersect(presence).minutes() as u32, OvertimeWhy::ApprovedWithinPunches)
        }
    };
    let minutes = day.input.rules.round_overtime(raw);
    record(day, raw, minutes, why);
}

/// A date with nothing planned: presence from the first to the last punch is overtime.
pub(crate) fn rest_day(day: &mut Day<'_>, punches: &[&Punch]) {
    leave::on_rest_day(day);
    let unplanned = matches!(day.plan.source, PlanSource::NoGroup | PlanSource::Unscheduled);
    let ids: Vec<i64> = punches.iter().map(|p| p.id).collect();
    let (first, last) = match punches {
        [] => return,
        [only] => {
            day.ignored(only, IgnoredWhy::Single);
            let kind = if unplanned { FindingKind::UnscheduledPunches } else { work_kind(day) };
            day.find(kind, None, 0, ids);
            return;
        }
        [first, .., last] => (*first, *last),
    };
    day.used(first, PunchRole::PairStart);
    for p in &punches[1..punches.len() - 1] {
        day.ignored(p, IgnoredWhy::Between);
    }
    day.used(last, PunchRole::PairEnd);
    if unplanned {
        day.find(FindingKind::UnscheduledPunches, None, 0, ids);
        return;
    }
    let Some(_) = day.plan.class else {
        day.find(FindingKind::NoCalendar, None, 0, ids);
        return;
    };
    let (a, b) = (day.minute(first.at), day.minute(last.at));
    let rules = day.input.rules.overtime;
    let mut raw = (b - a) as u32;
    if raw > rules.rest_day_break_after_minutes && rules.rest_day_break_minutes > 0 {
        raw = raw.saturating_sub(rules.rest_day_break_minutes);
        day.step(Step::BreakDeducted {
            minutes: rules.rest_day_break_minutes,
            auto: true,
            paid: false,
        });
    }
    let (raw, why) = match rules.source {
        OvertimeSource::Punches => (raw, OvertimeWhy::RestDayPresence),
        OvertimeSource::Approved => (approved(day).minutes() as u32, OvertimeWhy::Approved),
        OvertimeSource::ApprovedWithinPunches => {
            (approved(day).within(a, b).minutes() as u32, OvertimeWhy::ApprovedWithinPunches)
        }
    };
    let kind = work_kind(day);
    day.find(kind, None, raw, ids);
    let minutes = day.input.rules.round_overtime(raw);
    record(day, raw, minutes, why);
}

fn work_kind(day: &Day<'_>) -> FindingKind {
    if day.plan.class == Some(DayClass::Statutory) {
        FindingKind::WorkOnHoliday
    } else {
        FindingKind::WorkOnRestDay
    }
}

/// Adds overtime to the bucket of its class, with its ledger line.
fn record(day: &mut Day<'_>, raw: u32, minutes: u32, reason: OvertimeWhy) {
    if raw == 0 {
        return;
    }
    let class = day.plan.class;
    let comprehensive = matches!(day.plan.hours, HoursSystem::Comprehensive(_));
    if minutes == 0 && !(comprehensive && class != Some(DayClass::Statutory)) {
        let minimum = day.input.rules.overtime.min_minutes;
        day.step(Step::OvertimeBelowMinimum { raw_minutes: raw, minimum });
        return;
    }
    match day.plan.hours {
        HoursSystem::NonFixed => {
            day.step(Step::NoOvertime { raw_minutes: raw });
            return;
        }
        HoursSystem::Comprehensive(_) if class != Some(DayClass::Statutory) => {
            // Settled over the period: the day's raw minutes count, not rounded units.
            day.result.overtime.period += raw;
            day.step(Step::PeriodMinutes { minutes: raw, reason });
            return;
        }
        _ => {}
    }
    let planned = day.plan.timetable.is_some();
    let to_time_off = !planned
        && class == Some(DayClass::RestDay)
        && day.input.rules.overtime.rest_day_to_time_off;
    let ot = &mut day.result.overtime;
    match class {
        Some(DayClass::Statutory) => ot.holiday += minutes,
        _ if planned => ot.workday += minutes,
        _ if to_time_off => ot.time_off += minutes,
        _ => ot.rest_day += minutes,
    }
    day.step(Step::Overtime { raw_minutes: raw, minutes, class, to_time_off, reason });
}

/// Extended hours on a working day beyond the daily cap (3 hours by default, Labour Law art.
/// 41) raise a warning; nothing is cut. Rest-day and holiday work are not extended hours.
pub(crate) fn daily_cap(day: &mut Day<'_>) {
    let cap = day.input.rules.overtime.daily_cap_minutes;
    let extended = day.result.overtime.workday;
    if cap > 0 && extended > cap {
        day.step(Step::OvertimeCap { minutes: extended, cap });
        day.find(FindingKind::OvertimeOverDailyCap, None, extended, Vec::new());
    }
}
