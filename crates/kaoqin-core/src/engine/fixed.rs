//! A day on a fixed timetable (固定班次): 1–3 segments, each with check-in and check-out windows.
//!
//! Punches are matched by window, never by the terminal's state key (unless the terminal is
//! trusted). The first segment's check-in window starts where the work date's span starts and
//! the last segment's check-out window ends where the span ends, so an early arrival or a long
//! evening of overtime is still the day's check-in or check-out.
//!
//! Per segment, over the duty minutes left after leave (the "required" minutes, from `a` to `b`):
//! late = required minutes before the check-in, early = required minutes after the check-out,
//! away = required minutes between them not covered by a pair (every-pair mode), worked = the
//! rest. Within the grace, late and early are forgiven and count as worked; beyond the absent
//! threshold the whole segment is absent. One punch missing: the segment is 缺卡 (or absent, as
//! the rules say); both missing: absent.

use super::spans::Spans;
use super::{
    Day, DayMinute, Direction, FindingKind, IgnoredWhy, MissingPunch, Punch, PunchRole, StateKey,
    Step, leave, overtime,
};
use crate::timetable::{BreakKind, Pairing, Segment, Timetable, TimetableRule};

/// How far around a must-punch break its punches are looked for.
const BREAK_SLACK: i64 = 60;

struct Plan<'t> {
    seg: &'t Segment,
    duty: Spans,
    required: Spans,
    check_in: (DayMinute, DayMinute),
    check_out: (DayMinute, DayMinute),
    /// Must-punch breaks inside the segment.
    breaks: Vec<(DayMinute, DayMinute)>,
}

/// What the punches say about one segment.
#[derive(Default)]
struct Seen<'p> {
    check_in: Option<&'p Punch>,
    check_out: Option<&'p Punch>,
    presence: Spans,
    break_punches: Vec<&'p Punch>,
}

pub(crate) fn evaluate(day: &mut Day<'_>, t: &Timetable, punches: &[&Punch]) {
    let TimetableRule::Fixed { segments, breaks, .. } = &t.rule else { return };
    let unpaid_fixed =
        Spans::from_iter(breaks.iter().filter(|b| !b.paid).filter_map(|b| match b.kind {
            BreakKind::Fixed { start, end } | BreakKind::MustPunch { start, end } => {
                Some((i64::from(start.minutes()), i64::from(end.minutes())))
            }
            BreakKind::Auto { .. } => None,
        }));
    let must_punch: Vec<(DayMinute, DayMinute)> = breaks
        .iter()
        .filter_map(|b| match b.kind {
            BreakKind::MustPunch { start, end } => {
                Some((i64::from(start.minutes()), i64::from(end.minutes())))
            }
            _ => None,
        })
        .collect();
    let span_from = day.minute(day.span.from);
    let span_to = day.minute(day.span.to);
    let n = segments.len();
    let mut plans: Vec<Plan<'_>> = segments
        .iter()
        .enumerate()
        .map(|(k, seg)| {
            let on = i64::from(seg.on.minutes());
            let off = i64::from(seg.off.minutes());
            let duty = Spans::one(on, off).minus(&unpaid_fixed);
            let mut check_in = seg.check_in_window();
            let mut check_out = seg.check_out_window();
            if k == 0 {
                check_in.0 = span_from;
            }
            if k + 1 == n {
                check_out.1 = span_to - 1;
            }
            let breaks =
                must_punch.iter().copied().filter(|(s, e)| *s >= on && *e <= off).collect();
            Plan { seg, required: duty.clone(), duty, check_in, check_out, breaks }
        })
        .collect();

    // Leave first: it moves where a segment's required time starts and ends.
    let all_duty = plans.iter().fold(Spans::new(), |acc, p| acc.union(&p.duty));
    let on_leave = leave::apply(day, &all_duty);
    for p in &mut plans {
        p.required = p.duty.minus(&on_leave);
        shift_windows(p);
    }
    let scheduled = all_duty.minutes() as u32;
    let auto_breaks = unpaid_auto_breaks(breaks);
    let auto_total: u32 = auto_breaks.iter().map(|b| b.0).sum();
    day.result.scheduled_minutes = scheduled.saturating_sub(auto_total);
    day.result.day_value = (t.day_value.days() * 1000.0) as u32;
    for (k, p) in plans.iter().enumerate() {
        day.step(Step::Windows {
            segment: k as u8 + 1,
            on: i64::from(p.seg.on.minutes()),
            off: i64::from(p.seg.off.minutes()),
            check_in: p.check_in,
            check_out: p.check_out,
        });
    }
    if unpaid_fixed.minutes() > 0 {
        day.step(Step::BreakDeducted {
            minutes: unpaid_fixed.minutes() as u32,
            auto: false,
            paid: false,
        });
    }

    let seen = match t.pairing {
        Pairing::FirstLast => first_last(day, &plans, punches),
        Pairing::EveryPair => every_pair(day, &plans, punches),
    };
    let mut worked = 0u32;
    for (k, (p, s)) in plans.iter().zip(seen.iter()).enumerate() {
        worked += segment(day, k, n, p, s);
    }
    day.result.worked_minutes = worked;
    merge_absent(day);
    auto_break(day, &auto_breaks);
    day.step(Step::Worked { minutes: day.result.worked_minutes });

    let first_in = seen.first().and_then(|s| s.check_in).map(|p| day.minute(p.at));
    let last_out = seen.last().and_then(|s| s.check_out).map(|p| day.minute(p.at));
    let first_on = segments.first().map(|s| i64::from(s.on.minutes()));
    let last_off = segments.last().map(|s| i64::from(s.off.minutes()));
    let presence = seen.iter().fold(Spans::new(), |acc, s| acc.union(&s.presence));
    overtime::working_day(
        day,
        overtime::Edges { first_in, last_out, first_on, last_off },
        &presence,
        &all_duty,
    );
}

/// Leave at the start (or end) of a segment moves the check-in (check-out) window with it.
fn shift_windows(p: &mut Plan<'_>) {
    let (Some(a), Some(b)) = (p.required.start(), p.required.end()) else { return };
    let on = i64::from(p.seg.on.minutes());
    let off = i64::from(p.seg.off.minutes());
    if a > on {
        p.check_in.1 =
            (a + i64::from(p.seg.check_in_after_minutes)).min(p.check_out.0 - 1).max(p.check_in.1);
    }
    if b < off {
        p.check_out.0 = (b - i64::from(p.seg.check_out_before_minutes))
            .max(p.check_in.1 + 1)
            .min(p.check_out.0);
    }
}

fn is_trusted(p: &Punch, direction: Direction) -> bool {
    matches!(p.state, StateKey::Trust(d) if d == direction)
}

fn first_last<'p>(day: &mut Day<'_>, plans: &[Plan<'_>], punches: &[&'p Punch]) -> Vec<Seen<'p>> {
    let mut seen: Vec<Seen<'p>> = plans.iter().map(|_| Seen::default()).collect();
    let mut outs: Vec<Vec<&'p Punch>> = plans.iter().map(|_| Vec::new()).collect();
    for &punch in punches {
        let m = day.minute(punch.at);
        let within = |w: (DayMinute, DayMinute)| m >= w.0 && m <= w.1;
        if let Some(k) = plans.iter().position(|p| within(p.check_in)) {
            if is_trusted(punch, Direction::Out) {
                day.ignored(punch, IgnoredWhy::WrongDirection { direction: Direction::Out });
            } else if seen[k].check_in.is_none() {
                seen[k].check_in = Some(punch);
                day.used(punch, PunchRole::CheckIn { segment: k as u8 + 1 });
            } else {
                day.ignored(punch, IgnoredWhy::NotFirstOrLast { segment: k as u8 + 1 });
            }
        } else if let Some(k) = plans.iter().position(|p| within(p.check_out)) {
            if is_trusted(punch, Direction::In) {
                day.ignored(punch, IgnoredWhy::WrongDirection { direction: Direction::In });
            } else {
                outs[k].push(punch);
            }
        } else if let Some(k) = plans.iter().position(|p| {
            p.breaks.iter().any(|(s, e)| m >= s - BREAK_SLACK && m <= e + BREAK_SLACK)
        }) {
            seen[k].break_punches.push(punch);
        } else {
            day.ignored(punch, IgnoredWhy::OutsideWindows);
        }
    }
    for (k, list) in outs.into_iter().enumerate() {
        if let Some((last, earlier)) = list.split_last() {
            for p in earlier {
                day.ignored(p, IgnoredWhy::NotFirstOrLast { segment: k as u8 + 1 });
            }
            seen[k].check_out = Some(last);
            day.used(last, PunchRole::CheckOut { segment: k as u8 + 1 });
        }
        if let (Some(i), Some(o)) = (seen[k].check_in, seen[k].check_out) {
            seen[k].presence = Spans::one(day.minute(i.at), day.minute(o.at));
        }
    }
    seen
}

/// Pairs punches in order; a terminal's state key (hinted or trusted) decides which way an
/// ambiguous punch goes. Returns the pairs and the punches left without a partner.
pub(crate) fn pairs<'p>(punches: &[&'p Punch]) -> (Vec<(&'p Punch, &'p Punch)>, Vec<&'p Punch>) {
    let mut pairs = Vec::new();
    let mut single = Vec::new();
    let mut open: Option<&Punch> = None;
    for &p in punches {
        let says = match p.state {
            StateKey::Hint(d) | StateKey::Trust(d) => Some(d),
            StateKey::None => None,
        };
        match (open, says) {
            (None, Some(Direction::Out)) => single.push(p),
            (None, _) => open = Some(p),
            (Some(o), Some(Direction::In)) => {
                single.push(o);
                open = Some(p);
            }
            (Some(o), _) => {
                pairs.push((o, p));
                open = None;
            }
        }
    }
    single.extend(open);
    (pairs, single)
}

fn every_pair<'p>(day: &mut Day<'_>, plans: &[Plan<'_>], punches: &[&'p Punch]) -> Vec<Seen<'p>> {
    let (pairs, single) = pairs(punches);
    let mut seen: Vec<Seen<'p>> = plans.iter().map(|_| Seen::default()).collect();
    let presence =
        Spans::from_iter(pairs.iter().map(|(a, b)| (day.minute(a.at), day.minute(b.at))));
    for (a, b) in &pairs {
        day.used(a, PunchRole::PairStart);
        day.used(b, PunchRole::PairEnd);
    }
    for (k, p) in plans.iter().enumerate() {
        let (lo, hi) = (p.check_in.0, p.check_out.1);
        let mut overlapping =
            pairs.iter().filter(|(a, b)| day.minute(a.at) <= hi && day.minute(b.at) >= lo);
        if let Some(first) = overlapping.next() {
            let last = overlapping.next_back().unwrap_or(first);
            seen[k].check_in = Some(first.0);
            seen[k].check_out = Some(last.1);
            seen[k].presence = presence.clone();
        }
    }
    for p in single {
        let m = day.minute(p.at);
        match plans.iter().position(|x| m >= x.check_in.0 && m <= x.check_out.1) {
            Some(k) if seen[k].presence.is_empty() => {
                if m <= plans[k].check_in.1 {
                    seen[k].check_in = Some(p);
                    day.used(p, PunchRole::CheckIn { segment: k as u8 + 1 });
                } else {
                    seen[k].check_out = Some(p);
                    day.used(p, PunchRole::CheckOut { segment: k as u8 + 1 });
                }
            }
            _ => day.ignored(p, IgnoredWhy::OutsideWindows),
        }
    }
    seen
}

/// Counts one segment; returns its worked minutes.
fn segment(day: &mut Day<'_>, k: usize, n: usize, p: &Plan<'_>, s: &Seen<'_>) -> u32 {
    let label = k as u8 + 1;
    let required = p.required.minutes() as u32;
    trace_breaks(day, label, s, required > 0 && s.check_in.is_some() && s.check_out.is_some());
    if required == 0 {
        return 0;
    }
    let (Some(a), Some(b)) = (p.required.start(), p.required.end()) else { return 0 };
    let (check_in, check_out) = match (s.check_in, s.check_out) {
        (Some(i), Some(o)) => (i, o),
        (None, None) => {
            day.result.absent_minutes += required;
            day.step(Step::SegmentAbsent {
                segment: label,
                minutes: required,
                because: FindingKind::Absent,
            });
            day.find(FindingKind::Absent, Some(label), required, Vec::new());
            return 0;
        }
        (i, o) => {
            let kind = match (i.is_none(), k == 0, k + 1 == n) {
                (true, true, _) => FindingKind::MissingCheckIn,
                (false, _, true) => FindingKind::MissingCheckOut,
                _ => FindingKind::MissingBreakPunch,
            };
            let as_absent = day.input.rules.missing_punch == MissingPunch::Absent;
            if as_absent {
                day.result.absent_minutes += required;
            } else {
                day.result.missing_minutes += required;
            }
            day.result.missing_count += 1;
            day.step(Step::Missing {
                segment: label,
                kind,
                minutes: required,
                counted_as_absent: as_absent,
            });
            day.find(kind, Some(label), required, i.or(o).map(|x| vec![x.id]).unwrap_or_default());
            return 0;
        }
    };
    let i = day.minute(check_in.at);
    let o = day.minute(check_out.at).max(i);
    let seg = p.seg;

    let late_by = p.required.within(a, i).minutes() as u32;
    let mut late = 0;
    if late_by > 0 {
        if late_by <= seg.late_grace_minutes {
            day.step(Step::Grace {
                segment: label,
                late: true,
                minutes: late_by,
                grace: seg.late_grace_minutes,
            });
        } else if seg.late_absent_minutes.is_some_and(|x| late_by > x) {
            return segment_absent(day, label, required, FindingKind::LateAbsent, check_in);
        } else {
            let serious = seg.serious_late_minutes.is_some_and(|x| late_by > x);
            late = late_by;
            day.step(Step::Late { segment: label, minutes: late, serious });
            let kind = if serious { FindingKind::SeriousLate } else { FindingKind::Late };
            day.find(kind, Some(label), late, vec![check_in.id]);
        }
    }
    let early_by = p.required.within(o, b).minutes() as u32;
    let mut early = 0;
    if early_by > 0 {
        if early_by <= seg.early_grace_minutes {
            day.step(Step::Grace {
                segment: label,
                late: false,
                minutes: early_by,
                grace: seg.early_grace_minutes,
            });
        } else if seg.early_absent_minutes.is_some_and(|x| early_by > x) {
            return segment_absent(day, label, required, FindingKind::EarlyAbsent, check_out);
        } else {
            early = early_by;
            day.step(Step::Early { segment: label, minutes: early });
            day.find(FindingKind::EarlyLeave, Some(label), early, vec![check_out.id]);
        }
    }
    let inside = p.required.within(i.max(a), o.min(b));
    let away = if s.presence.is_empty() { 0 } else { inside.minus(&s.presence).minutes() as u32 };
    if away > 0 {
        day.step(Step::Away { segment: label, minutes: away });
        day.find(FindingKind::Away, Some(label), away, Vec::new());
    }
    day.result.away_minutes += away;
    for &(bs, be) in &p.breaks {
        break_punches(day, label, (bs, be), s, (i, o));
    }
    let (late, early) = break_lateness(day, label, p, s, (late, early));
    day.result.late_minutes += late;
    day.result.early_minutes += early;
    if late > 0 {
        day.result.late_count += 1;
    }
    if early > 0 {
        day.result.early_count += 1;
    }
    required - late - early - away
}

fn segment_absent(
    day: &mut Day<'_>,
    label: u8,
    required: u32,
    because: FindingKind,
    punch: &Punch,
) -> u32 {
    day.result.absent_minutes += required;
    day.step(Step::SegmentAbsent { segment: label, minutes: required, because });
    day.find(because, Some(label), required, vec![punch.id]);
    0
}

/// A must-punch break needs a punch out and a punch back in around it (every-pair mode: a gap
/// between pairs that overlaps it).
fn break_punches(
    day: &mut Day<'_>,
    label: u8,
    (bs, be): (DayMinute, DayMinute),
    s: &Seen<'_>,
    (i, o): (DayMinute, DayMinute),
) {
    if !(i < bs && o > be) {
        return;
    }
    let gap = s.presence.items().len() > 1 && s.presence.within(bs, be).minutes() < be - bs;
    let punched = s.break_punches.len() >= 2 || gap;
    if !punched {
        day.result.missing_count += 1;
        day.step(Step::Missing {
            segment: label,
            kind: FindingKind::MissingBreakPunch,
            minutes: 0,
            counted_as_absent: false,
        });
        day.find(
            FindingKind::MissingBreakPunch,
            Some(label),
            0,
            s.break_punches.iter().map(|p| p.id).collect(),
        );
    }
}

/// Leaving for a must-punch break early or coming back late is early leave or lateness.
fn break_lateness(
    day: &mut Day<'_>,
    label: u8,
    p: &Plan<'_>,
    s: &Seen<'_>,
    (late, early): (u32, u32),
) -> (u32, u32) {
    let mut late = late;
    let mut early = early;
    for &(bs, be) in &p.breaks {
        let (Some(out), Some(back)) = (s.break_punches.first(), s.break_punches.last()) else {
            continue;
        };
        if s.break_punches.len() < 2 {
            continue;
        }
        let (om, bm) = (day.minute(out.at), day.minute(back.at));
        let left_early = p.required.within(om, bs).minutes() as u32;
        if left_early > p.seg.early_grace_minutes {
            early += left_early;
            day.step(Step::Early { segment: label, minutes: left_early });
            day.find(FindingKind::EarlyLeave, Some(label), left_early, vec![out.id]);
        }
        let back_late = p.required.within(be, bm).minutes() as u32;
        if back_late > p.seg.late_grace_minutes {
            late += back_late;
            day.step(Step::Late { segment: label, minutes: back_late, serious: false });
            day.find(FindingKind::Late, Some(label), back_late, vec![back.id]);
        }
    }
    (late, early)
}

/// An auto-deducted break comes off the worked time once enough was worked; otherwise it is
/// time the person would have taken during the hours they missed.
fn auto_break(day: &mut Day<'_>, breaks: &[(u32, u32)]) {
    for &(minutes, after) in breaks {
        let r = &mut day.result;
        if r.worked_minutes >= after.max(minutes) {
            r.worked_minutes -= minutes;
            day.step(Step::BreakDeducted { minutes, auto: true, paid: false });
            continue;
        }
        let mut left = minutes;
        for bucket in [
            &mut r.absent_minutes,
            &mut r.missing_minutes,
            &mut r.early_minutes,
            &mut r.late_minutes,
            &mut r.away_minutes,
            &mut r.leave_minutes,
            &mut r.on_duty_minutes,
            &mut r.worked_minutes,
        ] {
            let take = left.min(*bucket);
            *bucket -= take;
            left -= take;
        }
        day.step(Step::BreakFromShortfall { minutes });
    }
}

/// A day absent in every segment is one absence, not one per segment.
fn merge_absent(day: &mut Day<'_>) {
    let findings = &mut day.result.findings;
    let absent: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FindingKind::Absent)
        .map(|(i, _)| i)
        .collect();
    if absent.len() < 2 {
        return;
    }
    let minutes = absent.iter().map(|&i| findings[i].minutes).sum();
    let first = absent[0];
    findings[first].minutes = minutes;
    findings[first].segment = None;
    for &i in absent[1..].iter().rev() {
        findings.remove(i);
    }
}

/// Break punches are used when the segment was worked and both are there; otherwise shown as
/// stray.
fn trace_breaks(day: &mut Day<'_>, label: u8, s: &Seen<'_>, worked: bool) {
    match s.break_punches.as_slice() {
        [out, middle @ .., back] if worked => {
            day.used(out, PunchRole::BreakOut);
            for extra in middle {
                day.ignored(extra, IgnoredWhy::NotFirstOrLast { segment: label });
            }
            day.used(back, PunchRole::BreakIn);
        }
        all => {
            for p in all {
                day.ignored(p, IgnoredWhy::OutsideWindows);
            }
        }
    }
}

/// The unpaid breaks deducted after enough work, as (minutes, after worked minutes).
pub(crate) fn unpaid_auto_breaks(breaks: &[crate::timetable::Break]) -> Vec<(u32, u32)> {
    breaks
        .iter()
        .filter(|b| !b.paid)
        .filter_map(|b| match b.kind {
            BreakKind::Auto { minutes, after_worked_minutes } => {
                Some((minutes, after_worked_minutes))
            }
            _ => None,
        })
        .collect()
}
