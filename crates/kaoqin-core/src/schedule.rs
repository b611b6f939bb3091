//! The plan (排班): which timetable a person should work on a date, where that comes from, and
//! the conflicts a clerk must see in the grid.
//!
//! A date's plan is, in order: an entry in the 排班 grid (painted, filled from a rotation, or
//! swapped between two people; for a fixed group it is a temporary override), else the group's
//! weekly pattern adjusted by the holiday calendar when the group follows it, else "unscheduled"
//! (a 排班制 group with nothing painted) or "no group". [`planned_day`] is a pure function of the
//! entry, the group version in force and the calendar day, so the grid and the engine agree.
//!
//! Conflicts ([`conflicts`]): two shifts overlapping across midnight, less rest between two shifts
//! than the group asks for, and more working days in a row than allowed (the State Council asks
//! for no more than 6 around holidays).
//!
//! Not here: storage of entries, choosing people, the grid's layout.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarDay, CompanyDayKind, DayClass, DaySource};
use crate::employee::EmployeeId;
use crate::group::{GroupKind, GroupRule, Rotation};
use crate::timetable::{Timetable, TimetableId};

/// How an entry got into the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntrySource {
    /// Painted by the clerk (or copied from another week).
    Paint,
    /// Filled from a rotation.
    Rotation,
    /// Exchanged with another person's day.
    Swap,
}

impl EntrySource {
    pub const KEYS: &'static [&'static str] = &["paint", "rotation", "swap"];

    pub fn key(self) -> &'static str {
        match self {
            EntrySource::Paint => "paint",
            EntrySource::Rotation => "rotation",
            EntrySource::Swap => "swap",
        }
    }

    pub fn from_key(key: &str) -> Option<EntrySource> {
        [EntrySource::Paint, EntrySource::Rotation, EntrySource::Swap]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// One cell of the grid: the person works `timetable` on `date`, or rests (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleEntry {
    pub employee: EmployeeId,
    pub date: NaiveDate,
    pub timetable: Option<TimetableId>,
    pub source: EntrySource,
}

/// Where a day's plan comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanSource {
    /// An entry of the grid.
    Entry { source: EntrySource },
    /// The group's weekly pattern.
    Week,
    /// The pattern says work, but the calendar says 法定节假日 or 休息日 and the group follows it.
    Holiday,
    /// 调休上班 or a company working day on a pattern rest day: worked with the group's timetable.
    MakeUpDay,
    /// A 排班制 group, and nothing is painted on this date.
    Unscheduled,
    /// The person is in no group on this date.
    NoGroup,
}

/// What a person should do on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedDay {
    pub date: NaiveDate,
    /// `None`: a rest day, or nothing planned (see `source`).
    pub timetable: Option<TimetableId>,
    pub source: PlanSource,
    pub class: DayClass,
}

/// Monday = 0 … Sunday = 6.
pub fn weekday_index(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

/// The timetable a group works on a make-up working day that its pattern leaves free: the one of
/// the weekday it was swapped with, else the first weekday (Monday to Friday) that has one.
fn make_up_timetable(rule: &GroupRule, day: &CalendarDay) -> Option<TimetableId> {
    day.swapped_with
        .and_then(|other| rule.week[weekday_index(other)])
        .or_else(|| rule.week[..5].iter().flatten().next().copied())
}

/// 调休上班, or a company working day on what would be a rest day.
fn is_extra_working_day(day: &CalendarDay) -> bool {
    day.class == DayClass::MakeUpWorkday
        || matches!(day.source, DaySource::Company(CompanyDayKind::WorkingDay))
}

/// The plan of one person on one date.
pub fn planned_day(
    entry: Option<&ScheduleEntry>,
    group: Option<&GroupRule>,
    day: &CalendarDay,
) -> PlannedDay {
    let plan =
        |timetable, source| PlannedDay { date: day.date, timetable, source, class: day.class };
    if let Some(e) = entry {
        return plan(e.timetable, PlanSource::Entry { source: e.source });
    }
    let Some(rule) = group else { return plan(None, PlanSource::NoGroup) };
    if rule.kind == GroupKind::Scheduled {
        return plan(None, PlanSource::Unscheduled);
    }
    let pattern = rule.week[weekday_index(day.date)];
    if !rule.follow_holidays {
        return plan(pattern, PlanSource::Week);
    }
    match (pattern, day.class.is_working_day()) {
        (Some(_), false) => plan(None, PlanSource::Holiday),
        (None, true) if is_extra_working_day(day) => match make_up_timetable(rule, day) {
            Some(t) => plan(Some(t), PlanSource::MakeUpDay),
            None => plan(None, PlanSource::Week),
        },
        (p, _) => plan(p, PlanSource::Week),
    }
}

/// The rotation's timetable on `date`, when its first day falls on `anchor` (before or after).
pub fn rotation_day(
    rotation: &Rotation,
    anchor: NaiveDate,
    date: NaiveDate,
) -> Option<TimetableId> {
    let len = i64::try_from(rotation.days.len()).ok().filter(|&n| n > 0)?;
    let offset = (date - anchor).num_days().rem_euclid(len);
    rotation.days[usize::try_from(offset).ok()?]
}

/// A problem of the plan, on the later of the days involved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    /// This day's shift starts before the previous day's ends.
    Overlap { date: NaiveDate, minutes: u32 },
    /// Less rest than the group asks for between the previous shift and this one.
    ShortRest { date: NaiveDate, rest_minutes: u32, min_rest_minutes: u32 },
    /// This is working day number `days` in a row, more than `max_days`.
    TooManyDays { date: NaiveDate, days: u32, max_days: u32 },
}

impl Conflict {
    pub fn date(&self) -> NaiveDate {
        match *self {
            Conflict::Overlap { date, .. }
            | Conflict::ShortRest { date, .. }
            | Conflict::TooManyDays { date, .. } => date,
        }
    }
}

/// One day of a person's plan as the conflict check needs it.
pub struct PlanDay<'a> {
    pub date: NaiveDate,
    pub timetable: Option<&'a Timetable>,
}

/// Conflicts in a run of consecutive days of one person. Days must be sorted and without gaps;
/// pass a few days before the month so runs that start earlier are counted.
pub fn conflicts(days: &[PlanDay<'_>], min_rest_minutes: u32, max_days: u32) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut run = 0u32;
    for (i, day) in days.iter().enumerate() {
        if day.timetable.is_none() {
            run = 0;
            continue;
        }
        run += 1;
        if run > max_days {
            out.push(Conflict::TooManyDays { date: day.date, days: run, max_days });
        }
        let previous = i.checked_sub(1).map(|p| &days[p]);
        let (Some(prev), Some(today)) = (previous.and_then(|p| p.timetable), day.timetable) else {
            continue;
        };
        let (Some(&(_, prev_end)), Some(&(start, _))) =
            (prev.work_spans().last(), today.work_spans().first())
        else {
            continue;
        };
        // Minutes from the previous work date's midnight.
        let start = i64::from(start) + 1440;
        let prev_end = i64::from(prev_end);
        if start < prev_end {
            let minutes = u32::try_from(prev_end - start).unwrap_or(u32::MAX);
            out.push(Conflict::Overlap { date: day.date, minutes });
        } else if start - prev_end < i64::from(min_rest_minutes) {
            let rest_minutes = u32::try_from(start - prev_end).unwrap_or(u32::MAX);
            out.push(Conflict::ShortRest { date: day.date, rest_minutes, min_rest_minutes });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::{self, SegmentForm, TimetableForm};

    fn d(s: &str) -> NaiveDate {
        crate::date::parse(s).expect("date")
    }

    fn day(date: &str, class: DayClass, swapped_with: Option<&str>) -> CalendarDay {
        CalendarDay {
            date: d(date),
            class,
            source: DaySource::Weekday,
            festival: None,
            swapped_with: swapped_with.map(d),
            note: None,
        }
    }

    fn office() -> GroupRule {
        GroupRule {
            kind: GroupKind::Fixed,
            week: [Some(1), Some(1), Some(1), Some(1), Some(2), None, None],
            follow_holidays: true,
            min_rest_minutes: 480,
            max_consecutive_days: 6,
            hours: crate::group::HoursSystem::Standard,
        }
    }

    #[test]
    fn fixed_group_follows_the_calendar() {
        let g = office();
        let plan = |cd: &CalendarDay| {
            let p = planned_day(None, Some(&g), cd);
            (p.timetable, p.source)
        };
        // 2026-10-01 (Thursday) is 国庆节: the pattern says work, the calendar says holiday.
        assert_eq!(
            plan(&day("2026-10-01", DayClass::Statutory, None)),
            (None, PlanSource::Holiday)
        );
        // 2026-09-28 is a Monday: the pattern's Monday timetable.
        assert_eq!(plan(&day("2026-09-28", DayClass::Workday, None)), (Some(1), PlanSource::Week));
        // A 调休上班 Saturday swapped with Friday 2026-10-09 works Friday's timetable (2).
        let makeup = day("2026-10-10", DayClass::MakeUpWorkday, Some("2026-10-09"));
        assert_eq!(plan(&makeup), (Some(2), PlanSource::MakeUpDay));
        let no_pair = day("2026-10-10", DayClass::MakeUpWorkday, None);
        assert_eq!(plan(&no_pair), (Some(1), PlanSource::MakeUpDay), "else the first weekday's");

        let plant = GroupRule { follow_holidays: false, ..office() };
        let p = planned_day(None, Some(&plant), &day("2026-10-01", DayClass::Statutory, None));
        assert_eq!(
            (p.timetable, p.source),
            (Some(1), PlanSource::Week),
            "a plant that runs through"
        );
    }

    #[test]
    fn entries_win_and_scheduled_groups_need_them() {
        let scheduled = GroupRule { kind: GroupKind::Scheduled, week: [None; 7], ..office() };
        let cd = day("2026-10-12", DayClass::Workday, None);
        assert_eq!(planned_day(None, Some(&scheduled), &cd).source, PlanSource::Unscheduled);
        assert_eq!(planned_day(None, None, &cd).source, PlanSource::NoGroup);
        let entry = ScheduleEntry {
            employee: 7,
            date: cd.date,
            timetable: Some(9),
            source: EntrySource::Paint,
        };
        let p = planned_day(Some(&entry), Some(&office()), &cd);
        assert_eq!(
            (p.timetable, p.source),
            (Some(9), PlanSource::Entry { source: EntrySource::Paint })
        );
        let rest = ScheduleEntry { timetable: None, ..entry };
        assert_eq!(
            planned_day(Some(&rest), Some(&office()), &cd).timetable,
            None,
            "a painted rest"
        );
    }

    #[test]
    fn rotation_repeats_from_its_anchor_both_ways() {
        let r = Rotation { name: "做二休一".into(), days: vec![Some(1), Some(1), None] };
        let anchor = d("2026-10-01");
        let got: Vec<_> =
            (0..6).map(|i| rotation_day(&r, anchor, anchor + chrono::Days::new(i))).collect();
        assert_eq!(got, [Some(1), Some(1), None, Some(1), Some(1), None]);
        assert_eq!(rotation_day(&r, anchor, d("2026-09-30")), None, "the day before is day 3");
        assert_eq!(rotation_day(&r, anchor, d("2026-09-29")), Some(1));
    }

    fn shift(on: &str, off: &str) -> Timetable {
        timetable::validate(&TimetableForm {
            code: on.into(),
            name: on.into(),
            kind: "fixed".into(),
            segments: vec![SegmentForm { on: on.into(), off: off.into(), ..Default::default() }],
            ..Default::default()
        })
        .expect("valid")
    }

    #[test]
    fn conflicts_overlap_short_rest_and_long_runs() {
        let (night, early, late) =
            (shift("22:00", "06:00+1"), shift("06:00", "14:00"), shift("14:00", "22:00"));
        let start = d("2026-10-01");
        let run = |list: &[Option<&Timetable>]| -> Vec<Conflict> {
            let days: Vec<PlanDay<'_>> = list
                .iter()
                .enumerate()
                .map(|(i, t)| PlanDay { date: start + chrono::Days::new(i as u64), timetable: *t })
                .collect();
            conflicts(&days, 480, 6)
        };
        assert_eq!(
            run(&[Some(&night), Some(&early)]),
            vec![Conflict::ShortRest {
                date: d("2026-10-02"),
                rest_minutes: 0,
                min_rest_minutes: 480
            }]
        );
        let early_night = shift("04:00", "12:00");
        assert_eq!(
            run(&[Some(&night), Some(&early_night)]),
            vec![Conflict::Overlap { date: d("2026-10-02"), minutes: 120 }]
        );
        assert_eq!(run(&[Some(&late), Some(&early)]), vec![], "22:00 to 06:00 is 8 hours: enough");
        let seven = [Some(&early); 7];
        assert_eq!(
            run(&seven),
            vec![Conflict::TooManyDays { date: d("2026-10-07"), days: 7, max_days: 6 }]
        );
        let broken = [Some(&early), Some(&early), None, Some(&early)];
        assert!(run(&broken).is_empty(), "a rest day resets the run");
    }
}
