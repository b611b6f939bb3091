//! Flexible (弹性) and free-hours (自由工时) days: no segments, only presence.
//!
//! Presence is first-in to last-out, or the sum of pairs in every-pair mode. A flexible day is
//! late when the first punch is after the latest arrival plus the grace; the late minutes (up to
//! the required time) are missed time, and staying too short on top of that is early leave.
//! Arrivals before the earliest arrival count from it. A free day with no set length counts as
//! a standard 8-hour day when the person punched at all.

use super::spans::Spans;
use super::{Day, FindingKind, MissingPunch, Punch, PunchRole, Step, leave, overtime};
use crate::timetable::{Pairing, Timetable, TimetableRule};

/// Latest arrival (work-day minute), grace, and the late-as-absent threshold.
type LateRule = (i64, u32, Option<u32>);

/// Required minutes, the late rule, the earliest arrival and the auto breaks (minutes, after).
type Shape = (u32, Option<LateRule>, Option<i64>, Vec<(u32, u32)>);

/// The standard day (8 hours) a free timetable without a length is counted as.
const STANDARD_DAY: u32 = 480;

pub(crate) fn evaluate(day: &mut Day<'_>, t: &Timetable, punches: &[&Punch]) {
    let (required, late_rule, earliest, breaks): Shape = match &t.rule {
        TimetableRule::Flexible {
            earliest_arrival,
            latest_arrival,
            late_grace_minutes,
            late_absent_minutes,
            required_minutes,
            breaks,
        } => (
            *required_minutes,
            Some((i64::from(latest_arrival.minutes()), *late_grace_minutes, *late_absent_minutes)),
            earliest_arrival.map(|e| i64::from(e.minutes())),
            super::fixed::unpaid_auto_breaks(breaks),
        ),
        TimetableRule::Free { required_minutes } => {
            (required_minutes.unwrap_or(STANDARD_DAY), None, None, Vec::new())
        }
        TimetableRule::Fixed { .. } => return,
    };
    let counts_presence_only = matches!(t.rule, TimetableRule::Free { required_minutes: None });
    day.result.day_value = (t.day_value.days() * 1000.0) as u32;
    day.result.scheduled_minutes = required;
    let off = leave::apply_unpositioned(day, required);
    let left = required - off;

    let presence = presence(day, t.pairing, punches);
    if left == 0 {
        if let [only] = punches {
            day.ignored(only, super::IgnoredWhy::OutsideWindows);
        }
        return;
    }
    let (Some(first), Some(last)) = (presence.start(), presence.end()) else {
        if let Some(only) = punches.first() {
            let as_absent = day.input.rules.missing_punch == MissingPunch::Absent;
            if as_absent {
                day.result.absent_minutes += left;
            } else {
                day.result.missing_minutes += left;
            }
            day.result.missing_count += 1;
            day.used(only, PunchRole::CheckIn { segment: 1 });
            for extra in &punches[1..] {
                day.ignored(extra, super::IgnoredWhy::NotFirstOrLast { segment: 1 });
            }
            day.step(Step::Missing {
                segment: 1,
                kind: FindingKind::MissingCheckOut,
                minutes: left,
                counted_as_absent: as_absent,
            });
            day.find(FindingKind::MissingCheckOut, Some(1), left, vec![only.id]);
        } else {
            day.result.absent_minutes += left;
            day.step(Step::SegmentAbsent {
                segment: 1,
                minutes: left,
                because: FindingKind::Absent,
            });
            day.find(FindingKind::Absent, None, left, Vec::new());
        }
        return;
    };
    let counted_from = earliest.map_or(first, |e| first.max(e));
    let mut actual = presence.within(counted_from, last + 1).minutes() as u32;
    for (minutes, after) in breaks {
        if actual >= after.max(minutes) {
            actual -= minutes;
            day.step(Step::BreakDeducted { minutes, auto: true, paid: false });
        }
    }
    if counts_presence_only {
        day.result.worked_minutes = left;
        day.step(Step::Worked { minutes: left });
        return;
    }
    let mut late = 0;
    if let Some((latest, grace, absent_after)) = late_rule {
        day.step(Step::FlexibleArrival { arrived: first, latest, counted_from });
        let late_by = (first - latest).max(0) as u32;
        if late_by > 0 && late_by <= grace {
            day.step(Step::Grace { segment: 1, late: true, minutes: late_by, grace });
        } else if late_by > grace {
            if absent_after.is_some_and(|x| late_by > x) {
                day.result.absent_minutes += left;
                day.step(Step::SegmentAbsent {
                    segment: 1,
                    minutes: left,
                    because: FindingKind::LateAbsent,
                });
                let id = punches.first().map(|p| p.id);
                day.find(FindingKind::LateAbsent, Some(1), left, id.into_iter().collect());
                return;
            }
            late = late_by.min(left);
            day.result.late_count += 1;
            day.result.late_minutes += late;
            day.step(Step::Late { segment: 1, minutes: late_by, serious: false });
            let id = punches.first().map(|p| p.id);
            day.find(FindingKind::Late, Some(1), late_by, id.into_iter().collect());
        }
    }
    let early = (left - late).saturating_sub(actual);
    if early > 0 {
        day.result.early_count += 1;
        day.result.early_minutes += early;
        day.step(Step::Early { segment: 1, minutes: early });
        let id = punches.last().map(|p| p.id);
        day.find(FindingKind::EarlyLeave, Some(1), early, id.into_iter().collect());
    }
    day.result.worked_minutes = left - late - early;
    day.step(Step::Worked { minutes: day.result.worked_minutes });
    let raw = actual.saturating_sub(left).saturating_sub(late);
    overtime::beyond_required(day, raw, &presence);
}

/// Presence spans from the punches, marking each punch used.
fn presence(day: &mut Day<'_>, pairing: Pairing, punches: &[&Punch]) -> Spans {
    match (pairing, punches) {
        (_, [] | [_]) => Spans::new(),
        (Pairing::FirstLast, [first, .., last]) => {
            if day.minute(first.at) == day.minute(last.at) {
                return Spans::new();
            }
            day.used(first, PunchRole::PairStart);
            for p in &punches[1..punches.len() - 1] {
                day.ignored(p, super::IgnoredWhy::Between);
            }
            day.used(last, PunchRole::PairEnd);
            Spans::one(day.minute(first.at), day.minute(last.at))
        }
        (Pairing::EveryPair, _) => {
            let (pairs, single) = super::fixed::pairs(punches);
            let spans =
                Spans::from_iter(pairs.iter().map(|(a, b)| (day.minute(a.at), day.minute(b.at))));
            if spans.is_empty() {
                return spans;
            }
            for (a, b) in &pairs {
                day.used(a, PunchRole::PairStart);
                day.used(b, PunchRole::PairEnd);
            }
            for p in single {
                day.ignored(p, super::IgnoredWhy::OutsideWindows);
            }
            spans
        }
    }
}
