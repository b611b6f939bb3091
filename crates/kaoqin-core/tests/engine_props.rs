//! Properties of the engine over random punches, timetables, leave and rules: it never panics,
//! every planned day's minutes balance, days never exceed the day's value, every punch is
//! accounted for in the trace, and evaluating twice gives the same result.

use chrono::{Duration, NaiveDate, NaiveTime};
use kaoqin_core::engine::{
    DayPlan, Direction, LeaveTaken, MissingPunch, PeriodInput, Punch, Rules, StateKey, Step,
    evaluate_period,
};
use kaoqin_core::group::{HoursSystem, SettlementPeriod};
use kaoqin_core::leave::{Half, LeaveSpan};
use kaoqin_core::schedule::PlanSource;
use kaoqin_core::timetable::Timetable;
use kaoqin_testkit::scenario::{calendar, timetable};
use proptest::prelude::*;

const TIMETABLES: &[&str] = &[
    "08:00-12:00 13:00-17:00 grace=5 serious=30 late_absent=120",
    "08:00-17:00 lunch=12:00-13:00 grace=3",
    "08:00-17:00 must=12:00-13:00 grace=5",
    "08:00-17:00 auto=60/300",
    "08:00-17:00 lunch=12:00-13:00 pairs",
    "22:00-06:00+1",
    "08:00-11:30 13:00-17:00 18:00-20:00 late_absent=60",
    "flex latest=09:30 need=480 grace=10",
    "flex latest=09:30 need=480 late_absent=90 auto=60/300",
    "free",
    "free need=360",
    "rest",
];

const HOURS: &[HoursSystem] = &[
    HoursSystem::Standard,
    HoursSystem::Comprehensive(SettlementPeriod::Month),
    HoursSystem::NonFixed,
];

fn arb_punches() -> impl Strategy<Value = Vec<(i64, u8)>> {
    // Seconds from the day before 00:00 to the day after 23:59, and a state key.
    prop::collection::vec((0i64..3 * 86_400, 0u8..5), 0..14)
}

fn state(k: u8) -> StateKey {
    match k {
        1 => StateKey::Hint(Direction::In),
        2 => StateKey::Hint(Direction::Out),
        3 => StateKey::Trust(Direction::In),
        4 => StateKey::Trust(Direction::Out),
        _ => StateKey::None,
    }
}

fn arb_leave() -> impl Strategy<Value = Option<(u8, bool, u32, u32)>> {
    prop::option::of((0u8..4, any::<bool>(), 0u32..24, 1u32..6))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn every_day_balances(
        tt in 0..TIMETABLES.len(),
        prev in 0..TIMETABLES.len(),
        next in 0..TIMETABLES.len(),
        day in 1u32..28,
        raw in arb_punches(),
        leave in arb_leave(),
        missing_absent in any::<bool>(),
        duplicate in 0u32..120,
        hours in 0..HOURS.len(),
    ) {
        let date = NaiveDate::from_ymd_opt(2026, 10, day).unwrap_or_default();
        let start = (date - Duration::days(1)).and_time(NaiveTime::MIN);
        let punches: Vec<Punch> = raw
            .iter()
            .enumerate()
            .map(|(i, (s, k))| Punch { id: i as i64 + 1, at: start + Duration::seconds(*s), state: state(*k) })
            .collect();
        let leave: Vec<LeaveTaken> = leave
            .map(|(kind, on_duty, hour, hours)| {
                let span = match kind {
                    0 => LeaveSpan::Days { start: date, start_half: Half::Am, end: date, end_half: Half::Pm },
                    1 => LeaveSpan::Days { start: date, start_half: Half::Am, end: date, end_half: Half::Am },
                    2 => LeaveSpan::Days { start: date, start_half: Half::Pm, end: date, end_half: Half::Pm },
                    _ => LeaveSpan::Hours {
                        date,
                        from: NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default(),
                        to: NaiveTime::from_hms_opt((hour + hours) % 24, 0, 0).unwrap_or_default(),
                    },
                };
                LeaveTaken { record: 1, type_id: 1, type_name: "年假".into(), on_duty, counts_rest_days: false, span }
            })
            .into_iter()
            .collect();
        let tts: Vec<Option<Timetable>> = [prev, tt, next].iter().map(|&i| timetable(TIMETABLES[i])).collect();
        let cal = calendar();
        let plan = |offset: usize| {
            let d = date + Duration::days(offset as i64 - 1);
            let timetable = tts[offset].as_ref().map(|t| (1, t));
            DayPlan {
                date: d,
                class: cal.day(d).ok().map(|c| c.class),
                source: PlanSource::Week,
                timetable,
                hours: HOURS[hours],
            }
        };
        let mut rules = Rules { duplicate_seconds: duplicate, ..Rules::default() };
        if missing_absent {
            rules.missing_punch = MissingPunch::Absent;
        }
        let input = PeriodInput {
            employee: 7,
            hired_on: None,
            left_on: None,
            before: Some(plan(0)),
            days: vec![plan(1)],
            after: Some(plan(2)),
            punches: &punches,
            leave: &leave,
            approvals: &[],
            corrections: &[],
            synced_until: None,
            rules: &rules,
        };
        let results = evaluate_period(&input);
        prop_assert_eq!(results.len(), 1);
        let r = &results[0];
        prop_assert_eq!(r.accounted_minutes(), r.scheduled_minutes, "balance: {:?}", r);
        prop_assert!(r.attended_days() <= r.day_value);
        prop_assert!(r.absent_days() <= r.day_value);
        // Every punch inside the day's span is either used or ignored, exactly once.
        let (from, to) = r.trace.iter().find_map(|s| match s {
            Step::DaySpan { from, to, .. } => Some((*from, *to)),
            _ => None,
        }).unwrap_or_default();
        let inside = punches.iter().filter(|p| p.at >= from && p.at < to).count();
        let mut seen: Vec<i64> = r.trace.iter().filter_map(|s| match s {
            Step::PunchUsed { punch, .. } | Step::PunchIgnored { punch, .. } => Some(*punch),
            _ => None,
        }).collect();
        seen.sort_unstable();
        let before = seen.len();
        seen.dedup();
        prop_assert_eq!(before, seen.len(), "a punch appears twice in the trace: {:?}", r.trace);
        prop_assert_eq!(seen.len(), inside, "trace: {:?}", r.trace);
        // Deterministic.
        prop_assert_eq!(&evaluate_period(&input), &results);
    }
}
