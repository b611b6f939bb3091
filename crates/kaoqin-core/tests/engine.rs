//! The engine, one scenario per line (see kaoqin-testkit's `scenario` module for the DSL).
//! Every expected line was worked out by hand before it was accepted; the working is in the
//! comment above it where it is not obvious.

use expect_test::{Expect, expect};
use kaoqin_testkit::scenario::{Scenario, day, punch_trace};

fn check(line: &str, expected: Expect) {
    expected.assert_eq(&day(line));
}

const DAY: &str = "08:00-12:00 13:00-17:00 grace=5 serious=30 late_absent=120";

#[test]
fn on_time() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:52 12:01 12:55 17:03"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

#[test]
fn late_within_grace_is_forgiven() {
    check(
        &format!("{DAY} | 2026-10-12 | 08:05:59 12:01 12:55 17:03"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

#[test]
fn late_beyond_grace_counts_from_the_on_time() {
    check(
        &format!("{DAY} | 2026-10-12 | 08:06 12:01 12:55 17:03"),
        expect!["exception sched=480 worked=474 late=6 late_n=1 days=1000/1000 | late@1:6[#1]"],
    );
}

#[test]
fn serious_late() {
    check(
        &format!("{DAY} | 2026-10-12 | 08:45 12:01 12:55 17:03"),
        expect![
            "exception sched=480 worked=435 late=45 late_n=1 days=1000/1000 | serious_late@1:45[#1]"
        ],
    );
}

#[test]
fn late_beyond_the_absent_threshold_makes_the_segment_absent() {
    // Threshold 120 minutes: in at 09:59 is 119 minutes late (serious); with a 60-minute
    // threshold the same punch makes the morning absent.
    check(
        &format!("{DAY} | 2026-10-12 | 09:59 12:01 12:55 17:03"),
        expect![
            "exception sched=480 worked=361 late=119 late_n=1 days=1000/1000 | serious_late@1:119[#1]"
        ],
    );
    let strict = "08:00-12:00 13:00-17:00 grace=5 serious=30 late_absent=60";
    check(
        &format!("{strict} | 2026-10-12 | 09:59 12:01 12:55 17:03"),
        expect![
            "exception sched=480 worked=240 absent=240 days=500/1000 absent_days=500 | late_absent@1:240[#1]"
        ],
    );
}

#[test]
fn early_leave() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 16:20"),
        expect![
            "exception sched=480 worked=440 early=40 early_n=1 days=1000/1000 | early_leave@2:40[#4]"
        ],
    );
}

#[test]
fn missing_check_in() {
    check(
        &format!("{DAY} | 2026-10-12 | 12:01 12:55 17:03"),
        expect![
            "exception sched=480 worked=240 missing=240 missing_n=1 days=1000/1000 | missing_check_in@1:240[#1]"
        ],
    );
}

#[test]
fn missing_check_out() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55"),
        expect![
            "exception sched=480 worked=240 missing=240 missing_n=1 days=1000/1000 | missing_check_out@2:240[#3]"
        ],
    );
}

#[test]
fn missing_lunch_punch() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:55 17:03"),
        expect![
            "exception sched=480 worked=240 missing=240 missing_n=1 days=1000/1000 | missing_break_punch@1:240[#1]"
        ],
    );
}

#[test]
fn missing_punch_can_count_as_absent() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:55 17:03 | missing=absent"),
        expect![
            "exception sched=480 worked=240 missing_n=1 absent=240 days=500/1000 absent_days=500 | missing_break_punch@1:240[#1]"
        ],
    );
}

#[test]
fn no_punch_at_all_is_absent() {
    check(
        &format!("{DAY} | 2026-10-12 | "),
        expect![
            "exception sched=480 worked=0 absent=480 days=0/1000 absent_days=1000 | absent:480"
        ],
    );
}

#[test]
fn double_tap_is_collapsed() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55:10 07:55:40 12:01 12:55 17:03"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

#[test]
fn forgotten_check_out_is_not_taken_from_the_next_morning() {
    // The 08:01 punch of the next day is the next day's check-in, not this day's check-out.
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 08:01+1 | next={DAY}"),
        expect![
            "exception sched=480 worked=240 missing=240 missing_n=1 days=1000/1000 | missing_check_out@2:240[#3]"
        ],
    );
}

#[test]
fn stray_punch_is_shown_not_counted() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 10:30 12:01 12:55 17:03"),
        expect!["normal sched=480 worked=480 days=1000/1000 | stray_punch[#2]"],
    );
}

#[test]
fn state_key_is_ignored_unless_trusted() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55/out 12:01 12:55 17:03"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
    check(
        &format!("{DAY} | 2026-10-12 | 07:55/out! 12:01 12:55 17:03"),
        expect![
            "exception sched=480 worked=240 missing=240 missing_n=1 days=1000/1000 | stray_punch[#1] missing_check_in@1:240[#2]"
        ],
    );
}

#[test]
fn punches_before_the_hire_date_are_not_counted() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 17:03 | hired=2026-10-15"),
        expect!["not_yet_hired sched=0 worked=0 days=0/0 | punch_outside_employment[#1,#2]"],
    );
}

#[test]
fn night_shift_across_midnight() {
    check(
        "22:00-06:00+1 | 2026-10-12 | 21:50 06:04+1 | prev=22:00-06:00+1 ; next=22:00-06:00+1",
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

/// frappe/hrms#3298: a night shift followed by a day shift; the 06:30 punch is the night
/// shift's check-out, not the day shift's check-in.
#[test]
fn night_shift_then_day_shift_keeps_its_check_out() {
    let line = "22:00-06:00+1 | 2026-10-12 | 21:50 06:30+1 07:58+1 | next=08:00-17:00";
    check(line, expect!["normal sched=480 worked=480 ot_workday=30 days=1000/1000"]);
    let trace = punch_trace(&Scenario::parse(line).run());
    expect![[r#"
        span 2026-10-12 20:00:00 .. 2026-10-13 07:00:00
        #1 2026-10-12 21:50:00 used CheckIn { segment: 1 }
        #2 2026-10-13 06:30:00 used CheckOut { segment: 1 }
    "#]]
    .assert_eq(&trace);
}

#[test]
fn night_shift_across_a_month_end() {
    check(
        "22:00-06:00+1 | 2026-10-31 | 21:55 06:02+1 | next=22:00-06:00+1",
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

#[test]
fn flexible_hours() {
    check(
        "flex latest=09:30 need=480 grace=10 | 2026-10-12 | 09:20 17:25",
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
    check(
        "flex latest=09:30 need=480 grace=10 | 2026-10-12 | 09:50 18:00",
        expect!["exception sched=480 worked=460 late=20 late_n=1 days=1000/1000 | late@1:20[#1]"],
    );
}

#[test]
fn three_segment_day() {
    check(
        "08:00-11:30 13:00-17:00 18:00-20:00 | 2026-10-12 | 07:55 11:31 12:58 17:01 17:59 20:05",
        expect!["normal sched=570 worked=570 days=1000/1000"],
    );
}

#[test]
fn overtime_after_a_workday_shift() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 19:10"),
        expect!["normal sched=480 worked=480 ot_workday=120 days=1000/1000"],
    );
}

#[test]
fn overtime_on_a_saturday() {
    check(
        "rest | 2026-10-17 | 08:58 18:05",
        expect!["rest sched=0 worked=0 ot_rest=480 days=0/0 | work_on_rest_day:487[#1,#2]"],
    );
}

#[test]
fn make_up_saturday_is_a_working_day() {
    // 2026-10-10 is 调休上班: a normal working day, overtime after the shift is 150%.
    check(
        &format!("{DAY} | 2026-10-10 | 07:55 12:01 12:55 18:40"),
        expect!["normal sched=480 worked=480 ot_workday=90 days=1000/1000"],
    );
}

#[test]
fn substitute_monday_is_a_rest_day() {
    // 2026-10-05 is 补假: work pays 200%.
    check(
        "rest | 2026-10-05 | 09:00 15:00",
        expect!["rest sched=0 worked=0 ot_rest=300 days=0/0 | work_on_rest_day:300[#1,#2]"],
    );
}

#[test]
fn statutory_day_pays_300_percent() {
    check(
        "rest | 2026-10-01 | 09:00 15:00",
        expect!["holiday sched=0 worked=0 ot_holiday=300 days=0/0 | work_on_holiday:300[#1,#2]"],
    );
    check(
        &format!("{DAY} | 2026-10-01 | 07:55 12:01 12:55 17:03"),
        expect!["normal sched=480 worked=480 ot_holiday=480 days=1000/1000"],
    );
}

#[test]
fn rest_day_overtime_can_become_time_off() {
    check(
        "rest | 2026-10-17 | 09:00 12:10 | time_off",
        expect!["rest sched=0 worked=0 time_off=180 days=0/0 | work_on_rest_day:190[#1,#2]"],
    );
}

#[test]
fn half_day_leave_leaves_the_other_half_to_work() {
    check(
        &format!("{DAY} | 2026-10-12 | 12:55 17:03 | leave=annual:am"),
        expect!["normal sched=480 worked=240 leave=240 days=500/1000"],
    );
    check(
        &format!("{DAY} | 2026-10-12 | | leave=annual:am"),
        expect![
            "exception sched=480 worked=0 absent=240 leave=240 days=0/1000 absent_days=500 | absent@2:240"
        ],
    );
}

#[test]
fn hours_of_leave_move_the_check_in() {
    check(
        "08:00-17:00 lunch=12:00-13:00 | 2026-10-12 | 09:58 17:02 | leave=personal:08:00-10:00",
        expect!["normal sched=480 worked=360 leave=120 days=750/1000"],
    );
}

#[test]
fn leave_on_a_rest_day_is_not_counted() {
    check("rest | 2026-10-17 | | leave=annual:full", expect!["rest sched=0 worked=0 days=0/0"]);
    check(
        "rest | 2026-10-17 | | leave=maternity:full",
        expect!["rest sched=0 worked=0 leave_rest_days=1 days=0/0"],
    );
}

#[test]
fn outing_counts_as_attendance() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 | leave=outing:pm"),
        expect!["normal sched=480 worked=240 duty=240 days=1000/1000"],
    );
}

#[test]
fn must_punch_break() {
    let t = "08:00-17:00 must=12:00-13:00 grace=5";
    check(
        &format!("{t} | 2026-10-12 | 07:55 12:01 12:58 17:01"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
    check(
        &format!("{t} | 2026-10-12 | 07:55 17:01"),
        expect![
            "exception sched=480 worked=480 missing_n=1 days=1000/1000 | missing_break_punch@1"
        ],
    );
    check(
        &format!("{t} | 2026-10-12 | 07:55 12:01 13:20 17:01"),
        expect!["exception sched=480 worked=460 late=20 late_n=1 days=1000/1000 | late@1:20[#3]"],
    );
}

#[test]
fn every_pair_counts_time_away() {
    check(
        "08:00-17:00 lunch=12:00-13:00 pairs | 2026-10-12 | 07:58 10:00 10:40 17:00",
        expect!["exception sched=480 worked=440 away=40 days=1000/1000 | away@1:40"],
    );
}

#[test]
fn auto_break_comes_off_the_worked_time() {
    check(
        "08:00-17:00 auto=60/300 | 2026-10-12 | 07:58 17:00",
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
    check(
        "08:00-17:00 auto=60/300 | 2026-10-12 | 07:58 11:00",
        expect![
            "exception sched=480 worked=0 missing=480 missing_n=1 days=1000/1000 | stray_punch[#2] missing_check_out@1:540[#1]"
        ],
    );
}

#[test]
fn approved_overtime_only() {
    check(
        &format!(
            "{DAY} | 2026-10-12 | 07:55 12:01 12:55 20:10 | ot=approved ; approve=17:00-19:00"
        ),
        expect!["normal sched=480 worked=480 ot_workday=120 days=1000/1000"],
    );
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 18:10 | ot=within ; approve=17:00-19:00"),
        expect!["normal sched=480 worked=480 ot_workday=60 days=1000/1000"],
    );
}

#[test]
fn overtime_beyond_three_hours_warns() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 21:30"),
        expect![
            "exception sched=480 worked=480 ot_workday=270 days=1000/1000 | overtime_over_daily_cap:270"
        ],
    );
}

#[test]
fn a_day_not_yet_synced_is_provisional() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 | synced=2026-10-12 15:00"),
        expect![
            "exception sched=480 worked=240 absent=240 days=500/1000 absent_days=500 provisional | absent@2:240"
        ],
    );
}

#[test]
fn free_hours() {
    check("free | 2026-10-12 | 10:00 13:00", expect!["normal sched=480 worked=480 days=1000/1000"]);
    check(
        "free need=360 | 2026-10-12 | 10:00 13:00",
        expect![
            "exception sched=360 worked=180 early=180 early_n=1 days=1000/1000 | early_leave@1:180[#2]"
        ],
    );
}

#[test]
fn comprehensive_hours_count_towards_the_period_not_the_day() {
    // 综合计算工时: 130 minutes after the shift and a Saturday (360 − 60 break) are not paid by
    // the day; they count towards the period, unrounded. A statutory day still pays 300%.
    let o = "hours=comprehensive_month";
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 19:10 | {o}"),
        expect!["normal sched=480 worked=480 period=130 days=1000/1000"],
    );
    check(
        &format!("rest | 2026-10-17 | 09:00 15:00 | {o}"),
        expect!["rest sched=0 worked=0 period=300 days=0/0 | work_on_rest_day:300[#1,#2]"],
    );
    check(
        &format!("rest | 2026-10-01 | 09:00 15:00 | {o}"),
        expect!["holiday sched=0 worked=0 ot_holiday=300 days=0/0 | work_on_holiday:300[#1,#2]"],
    );
}

#[test]
fn non_fixed_hours_compute_no_overtime() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 19:10 | hours=non_fixed"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

#[test]
fn a_monthly_period_pays_the_excess_over_the_standard() {
    use kaoqin_core::engine::{Rules, month_totals};
    // 10-12 and 10-13 are working days (standard 2 × 480 = 960); 10-17 is a Saturday.
    // Worked: 480 + 130 after the shift, 480 + 2 (17:02, raw minutes count towards a period),
    // and 300 on Saturday = 1392; the excess 432 is 420 in 30-minute units, paid at 150%.
    let o = "hours=comprehensive_month";
    let days: Vec<_> = [
        format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 19:10 | {o}"),
        format!("{DAY} | 2026-10-13 | 07:55 12:01 12:55 17:02 | {o}"),
        format!("rest | 2026-10-17 | 09:00 15:00 | {o}"),
    ]
    .iter()
    .map(|line| Scenario::parse(line).run())
    .collect();
    let totals = month_totals(1, &days, &Rules::default());
    let period = totals.period.expect("a comprehensive month");
    assert_eq!(
        (period.worked_minutes, period.standard_minutes, period.excess_minutes),
        (1392, 960, Some(420))
    );
    assert_eq!((totals.overtime.workday, totals.overtime.rest_day), (420, 0));
    // A quarterly period settles at the quarter's end: the month only adds to it.
    let quarterly: Vec<_> = days
        .iter()
        .cloned()
        .map(|mut d| {
            d.hours = kaoqin_core::group::HoursSystem::Comprehensive(
                kaoqin_core::group::SettlementPeriod::Quarter,
            );
            d
        })
        .collect();
    let totals = month_totals(1, &quarterly, &Rules::default());
    assert_eq!(totals.period.and_then(|p| p.excess_minutes), None);
    assert_eq!(totals.overtime.workday, 0);
}

// Corrections (更正): each is worked out against the uncorrected line above it.

#[test]
fn a_make_up_check_out_completes_the_day() {
    // Missing the 17:00 check-out (see missing_check_out); 补卡 17:02 out makes it a full day.
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 | makeup=17:02/out"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
    let r = Scenario::parse(&format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 | makeup=17:02/out"))
        .run();
    assert!(
        punch_trace(&r).contains("#-101 2026-10-12 17:02:00 used CheckOut { segment: 2 }"),
        "the make-up punch carries its correction's id:\n{}",
        punch_trace(&r)
    );
}

#[test]
fn an_ignored_punch_is_left_out_and_named() {
    // Without #4 (17:03) the afternoon has no check-out.
    let line = format!("{DAY} | 2026-10-12 | 07:52 12:01 12:55 17:03 | ignore=4");
    check(
        &line,
        expect![
            "exception sched=480 worked=240 missing=240 missing_n=1 days=1000/1000 | missing_check_out@2:240[#3]"
        ],
    );
    let r = Scenario::parse(&line).run();
    assert!(
        punch_trace(&r).contains("#4 2026-10-12 17:03:00 ignored Corrected { correction: 101 }"),
        "{}",
        punch_trace(&r)
    );
}

#[test]
fn a_flipped_punch_is_taken_the_way_the_clerk_says() {
    // 12:01 taken as a check-in is no check-out: the morning's check-out (the punch between the
    // two segments) is missing, and 12:01 matches nothing.
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 17:03 | flip=2/in"),
        expect![
            "exception sched=480 worked=240 missing=240 missing_n=1 days=1000/1000 | stray_punch[#2] missing_break_punch@1:240[#1]"
        ],
    );
}

#[test]
fn overtime_is_cut_to_what_was_approved() {
    // 270 minutes after the shift (see overtime_beyond_three_hours_warns): 60 approved; the
    // daily-cap warning goes with the minutes.
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 21:30 | keep_ot=60"),
        expect!["normal sched=480 worked=480 ot_workday=60 days=1000/1000"],
    );
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 21:30 | keep_ot=0"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

#[test]
fn accepted_as_worked_turns_lost_minutes_into_worked_ones() {
    // Late 45 (serious) and no check-out: all of it counts as worked.
    check(
        &format!("{DAY} | 2026-10-12 | 08:45 12:01 12:55 | accept"),
        expect!["normal sched=480 worked=480 days=1000/1000"],
    );
}

#[test]
fn marked_absent_counts_everything_but_leave_as_absent() {
    check(
        &format!("{DAY} | 2026-10-12 | 07:55 12:01 12:55 19:10 | leave=annual:am ; mark_absent"),
        expect![
            "exception sched=480 worked=0 absent=240 leave=240 days=0/1000 absent_days=500 | absent:240"
        ],
    );
}

#[test]
fn a_note_changes_nothing_but_the_trace() {
    let plain = Scenario::parse(&format!("{DAY} | 2026-10-12 | 08:45 12:01 12:55 17:03")).run();
    let noted =
        Scenario::parse(&format!("{DAY} | 2026-10-12 | 08:45 12:01 12:55 17:03 | note")).run();
    assert_eq!(
        kaoqin_testkit::scenario::summary(&plain),
        kaoqin_testkit::scenario::summary(&noted)
    );
    assert_eq!(noted.trace.len(), plain.trace.len() + 1, "one step names the note");
}
