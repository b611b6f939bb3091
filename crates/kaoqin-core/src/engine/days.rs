//! Which work date a punch belongs to.
//!
//! Each date's span starts at its timetable's day-change time (midnight on a rest day). Where a
//! shift's windows reach into the next date's span (a night shift's check-out window after
//! midnight, or an early shift's check-in window before the previous shift's window has closed),
//! the boundary between the two dates moves:
//! - the windows do not overlap: the boundary is the day-change time, moved out of both windows;
//! - they overlap: the boundary is halfway between the first shift's off time and the second
//!   shift's on time, so each shift keeps the punches nearest to it (the failure mode of
//!   frappe/hrms#3298, a night shift's check-out taken as the next day shift's check-in);
//! - a shift next to a date with no fixed windows (rest, flexible, free) keeps its whole window.
//!
//! Every wall-clock instant belongs to exactly one date of the period.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::{DayPlan, PeriodInput};
use crate::timetable::TimetableRule;

/// The wall-clock span of one work date: `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DaySpan {
    pub(crate) from: NaiveDateTime,
    pub(crate) to: NaiveDateTime,
    /// A boundary was moved because of a neighbouring shift's windows.
    pub(crate) split_with_night_shift: bool,
}

/// Where a date's span would start, and its fixed windows' outer edges.
struct Edge {
    start: NaiveDateTime,
    /// (first on time, first check-in window start)
    head: Option<(NaiveDateTime, NaiveDateTime)>,
    /// (last off time, last check-out window end)
    tail: Option<(NaiveDateTime, NaiveDateTime)>,
}

fn edge(plan: &DayPlan<'_>) -> Edge {
    let midnight = plan.date.and_time(NaiveTime::MIN);
    let at = |m: i64| midnight + Duration::minutes(m);
    let Some((_, timetable)) = plan.timetable else {
        return Edge { start: midnight, head: None, tail: None };
    };
    let start = at(i64::from(timetable.day_change.minutes()));
    match &timetable.rule {
        TimetableRule::Fixed { segments, .. } => {
            let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
                return Edge { start, head: None, tail: None };
            };
            Edge {
                start,
                head: Some((at(i64::from(first.on.minutes())), at(first.check_in_window().0))),
                tail: Some((at(i64::from(last.off.minutes())), at(last.check_out_window().1))),
            }
        }
        _ => Edge { start, head: None, tail: None },
    }
}

fn midnight_after(plan: &DayPlan<'_>) -> Edge {
    let start = (plan.date + Duration::days(1)).and_time(NaiveTime::MIN);
    Edge { start, head: None, tail: None }
}

fn midnight_before(plan: &DayPlan<'_>) -> Edge {
    Edge { start: plan.date.and_time(NaiveTime::MIN), head: None, tail: None }
}

/// The boundary between two consecutive dates, and whether a shift's windows moved it.
fn boundary(prev: &Edge, next: &Edge) -> (NaiveDateTime, bool) {
    let base = next.start;
    match (prev.tail, next.head) {
        (Some((off, out_end)), Some((on, in_start))) => {
            if out_end <= in_start {
                (base.clamp(out_end, in_start), base < out_end)
            } else if off < on {
                (off + (on - off) / 2, true)
            } else {
                (in_start + (out_end - in_start) / 2, true)
            }
        }
        (Some((_, out_end)), None) => (base.max(out_end), out_end > base),
        (None, Some((_, in_start))) => (base.min(in_start), false),
        (None, None) => (base, false),
    }
}

pub(crate) fn day_spans(input: &PeriodInput<'_>) -> Vec<DaySpan> {
    let Some(first) = input.days.first() else { return Vec::new() };
    let Some(last) = input.days.last() else { return Vec::new() };
    let edges: Vec<Edge> = input.days.iter().map(edge).collect();
    let before = input.before.as_ref().map_or_else(|| midnight_before(first), edge);
    let after = input.after.as_ref().map_or_else(|| midnight_after(last), edge);
    // Boundary i is where date i starts; boundary n is where the last date ends.
    let mut bounds = Vec::with_capacity(edges.len() + 1);
    bounds.push(boundary(&before, &edges[0]));
    for pair in edges.windows(2) {
        bounds.push(boundary(&pair[0], &pair[1]));
    }
    bounds.push(boundary(&edges[edges.len() - 1], &after));
    for i in 1..bounds.len() {
        if bounds[i].0 < bounds[i - 1].0 {
            bounds[i].0 = bounds[i - 1].0;
        }
    }
    bounds
        .windows(2)
        .map(|b| DaySpan { from: b[0].0, to: b[1].0, split_with_night_shift: b[0].1 || b[1].1 })
        .collect()
}
