//! Leave on a work date: which part of the day's duty each leave record covers.
//!
//! A whole day covers all of it; a morning (上午) the first half of the duty minutes and an
//! afternoon the rest, so on an 08:00–12:00 + 13:00–17:00 day the halves meet at 12:00; hours
//! cover their clock span (on a night shift, the hours after midnight are on the next calendar
//! day of the same work date). Records are applied in order and never cover the same minute twice.

use chrono::{NaiveTime, Timelike};

use super::spans::Spans;
use super::{Day, LeaveMinutes, LeaveTaken, Step};
use crate::leave::{Half, LeaveSpan};

/// The leave records touching the date, each with the part of `duty` it covers.
pub(crate) fn covered<'a>(day: &Day<'a>, duty: &Spans) -> Vec<(&'a LeaveTaken, Spans)> {
    let date = day.plan.date;
    let mut taken = Spans::new();
    let mut out = Vec::new();
    for leave in day.input.leave {
        if date < leave.span.first_date() || date > leave.span.last_date() {
            continue;
        }
        let part = match leave.span {
            LeaveSpan::Days { start, start_half, end, end_half } => {
                let total = duty.minutes();
                let noon = duty.point_after(total / 2).unwrap_or(0);
                let (Some(first), Some(last)) = (duty.start(), duty.end()) else { continue };
                let from = if date == start && start_half == Half::Pm { noon } else { first };
                let to = if date == end && end_half == Half::Am { noon } else { last };
                duty.within(from, to)
            }
            LeaveSpan::Hours { from, to, .. } => {
                let m = |t: NaiveTime| i64::from(t.hour() * 60 + t.minute());
                let (a, mut b) = (m(from), m(to));
                if b <= a {
                    b += 1440;
                }
                let same_day = duty.within(a, b);
                if same_day.is_empty() { duty.within(a + 1440, b + 1440) } else { same_day }
            }
        };
        let part = part.minus(&taken);
        taken = taken.union(&part);
        out.push((leave, part));
    }
    out
}

/// Records the leave minutes of a planned day and returns the leave-covered spans.
pub(crate) fn apply(day: &mut Day<'_>, duty: &Spans) -> Spans {
    let mut all = Spans::new();
    for (leave, part) in covered(day, duty) {
        let minutes = part.minutes() as u32;
        if minutes == 0 {
            continue;
        }
        take(day, leave, minutes);
        all = all.union(&part);
    }
    all
}

/// Leave on a date with nothing planned: counted (as a whole day) only for types that count
/// rest days, such as 产假.
pub(crate) fn on_rest_day(day: &mut Day<'_>) {
    let date = day.plan.date;
    for leave in day.input.leave {
        if date < leave.span.first_date() || date > leave.span.last_date() {
            continue;
        }
        if leave.counts_rest_days && matches!(leave.span, LeaveSpan::Days { .. }) {
            day.step(Step::Leave {
                type_name: leave.type_name.clone(),
                minutes: 0,
                on_duty: leave.on_duty,
            });
            add(&mut day.result.leave, leave, 0, 1);
        } else {
            day.step(Step::LeaveNotCounted { type_name: leave.type_name.clone() });
        }
    }
}

/// Counts `minutes` of a leave on the day: its ledger line, its type's total, and the leave or
/// on-duty minutes.
fn take(day: &mut Day<'_>, leave: &LeaveTaken, minutes: u32) {
    day.step(Step::Leave { type_name: leave.type_name.clone(), minutes, on_duty: leave.on_duty });
    add(&mut day.result.leave, leave, minutes, 0);
    if leave.on_duty {
        day.result.on_duty_minutes += minutes;
    } else {
        day.result.leave_minutes += minutes;
    }
}

fn add(list: &mut Vec<LeaveMinutes>, leave: &LeaveTaken, minutes: u32, rest_days: u32) {
    match list.iter_mut().find(|l| l.type_id == leave.type_id) {
        Some(l) => {
            l.minutes += minutes;
            l.rest_days += rest_days;
        }
        None => list.push(LeaveMinutes {
            type_id: leave.type_id,
            minutes,
            on_duty: leave.on_duty,
            rest_days,
        }),
    }
}

/// Leave on a flexible or free day, which has no clock times to cover: a whole day is the
/// required minutes, a half day half of them, hours their clock length; never more than required.
pub(crate) fn apply_unpositioned(day: &mut Day<'_>, required: u32) -> u32 {
    let date = day.plan.date;
    let mut total = 0u32;
    for leave in day.input.leave {
        if date < leave.span.first_date() || date > leave.span.last_date() {
            continue;
        }
        let asked = match leave.span {
            LeaveSpan::Days { start, start_half, end, end_half } => {
                let half_off = u32::from(date == start && start_half == Half::Pm)
                    + u32::from(date == end && end_half == Half::Am);
                required - (required / 2) * half_off.min(2)
            }
            LeaveSpan::Hours { from, to, .. } => {
                let m = |t: NaiveTime| t.hour() * 60 + t.minute();
                let (a, b) = (m(from), m(to));
                if b > a { b - a } else { b + 1440 - a }
            }
        };
        let minutes = asked.min(required - total);
        if minutes == 0 {
            continue;
        }
        total += minutes;
        take(day, leave, minutes);
    }
    total
}
