//! Punches worth a second look (可疑打卡): review flags, never penalties. Each flag names the
//! punches behind it and says why in its own fields; the clerk dismisses it with a reason.
//!
//! - **Buddy chain** (代打卡): three or more people on one terminal, each punch within a few
//!   seconds of the one before.
//! - **Same minute** (雷同时间): one person at the same minute of the day on the same terminal
//!   on three or more days running.
//! - **Verify mode change** (验证方式突变): a password or card punch by someone who otherwise
//!   almost always uses a finger or face.
//! - **Impossible travel** (异地打卡): one person on terminals at two different locations within
//!   minutes.
//! - **Punch on leave** (请假期间打卡): punches on a day of whole-day leave.
//! - **Clock went back** (考勤机时间回拨): a terminal's log going backwards in time.
//!
//! Pure: the caller passes the punches (wall-clock time in the company's zone) and leave days.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::employee::EmployeeId;

/// Seconds between punches of a buddy chain.
pub const CHAIN_SECONDS: i64 = 5;
/// People in a chain before it is flagged.
pub const CHAIN_PEOPLE: usize = 3;
/// Days running at the same minute.
pub const SAME_MINUTE_DAYS: usize = 3;
/// Minutes within which two locations cannot both be reached.
pub const TRAVEL_MINUTES: i64 = 5;
/// Minutes a terminal's log may go back before it is flagged (a few seconds of disorder is
/// normal when punches are written as they are verified).
pub const CLOCK_BACK_MINUTES: i64 = 10;
/// Share of biometric punches above which a password or card punch stands out.
pub const BIOMETRIC_SHARE: f64 = 0.8;
/// Punches a person needs before their usual mode counts.
pub const MODE_MIN_PUNCHES: usize = 5;

/// A punch as the checks see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Punch {
    /// Raw punch id; ids grow in the order terminals' logs were read.
    pub id: i64,
    /// `None` for a PIN nobody has.
    pub employee: Option<EmployeeId>,
    /// The terminal's key (as stored with the punch).
    pub terminal: String,
    /// The terminal's location ('' when unknown).
    pub location: String,
    pub at: NaiveDateTime,
    /// ZKTeco verify mode: 0 password, 1 fingerprint, 2 card, 15 face …
    pub verify_mode: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    BuddyChain,
    SameMinute,
    VerifyModeChange,
    ImpossibleTravel,
    PunchOnLeave,
    ClockWentBack,
}

impl FlagKind {
    pub fn key(self) -> &'static str {
        match self {
            FlagKind::BuddyChain => "buddy_chain",
            FlagKind::SameMinute => "same_minute",
            FlagKind::VerifyModeChange => "verify_mode_change",
            FlagKind::ImpossibleTravel => "impossible_travel",
            FlagKind::PunchOnLeave => "punch_on_leave",
            FlagKind::ClockWentBack => "clock_went_back",
        }
    }
}

/// One flag and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The people concerned (several for a buddy chain, none for a terminal's clock).
    pub employees: Vec<EmployeeId>,
    pub date: NaiveDate,
    pub punches: Vec<i64>,
    pub terminal: String,
    /// Seconds, minutes or days, as the kind says: the chain's span in seconds, the days
    /// running, the minutes between two places, the minutes the clock went back.
    pub amount: i64,
    /// The usual verify mode, or the other location, when the kind has one.
    pub detail: String,
}

impl Flag {
    /// A stable key: the kind and the punches (a dismissal names it).
    pub fn key(&self) -> String {
        let ids: Vec<String> = self.punches.iter().map(i64::to_string).collect();
        format!("{}:{}", self.kind.key(), ids.join(","))
    }
}

fn biometric(mode: u8) -> bool {
    !matches!(mode, 0 | 2 | 3 | 4)
}

/// Every flag of `punches`, ordered by date and kind. `leave_days` are whole days of leave
/// that do not count as work (外出/出差 are not in it).
pub fn flags(punches: &[Punch], leave_days: &HashMap<EmployeeId, Vec<NaiveDate>>) -> Vec<Flag> {
    let mut out = Vec::new();
    let mut by_terminal: BTreeMap<&str, Vec<&Punch>> = BTreeMap::new();
    let mut by_person: BTreeMap<EmployeeId, Vec<&Punch>> = BTreeMap::new();
    for p in punches {
        by_terminal.entry(p.terminal.as_str()).or_default().push(p);
        if let Some(e) = p.employee {
            by_person.entry(e).or_default().push(p);
        }
    }
    for (terminal, list) in &mut by_terminal {
        list.sort_by_key(|p| p.id);
        clock_went_back(terminal, list, &mut out);
        list.sort_by_key(|p| (p.at, p.id));
        buddy_chains(terminal, list, &mut out);
    }
    for (employee, list) in &mut by_person {
        list.sort_by_key(|p| (p.at, p.id));
        same_minute(*employee, list, &mut out);
        verify_mode(*employee, list, &mut out);
        travel(*employee, list, &mut out);
        if let Some(days) = leave_days.get(employee) {
            on_leave(*employee, list, days, &mut out);
        }
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.punches).cmp(&(b.date, b.kind, &b.punches)));
    out
}

fn clock_went_back(terminal: &str, by_id: &[&Punch], out: &mut Vec<Flag>) {
    for pair in by_id.windows(2) {
        let back = (pair[0].at - pair[1].at).num_minutes();
        if back > CLOCK_BACK_MINUTES {
            out.push(Flag {
                kind: FlagKind::ClockWentBack,
                employees: Vec::new(),
                date: pair[1].at.date(),
                punches: vec![pair[0].id, pair[1].id],
                terminal: terminal.to_owned(),
                amount: back,
                detail: String::new(),
            });
        }
    }
}

fn buddy_chains(terminal: &str, by_time: &[&Punch], out: &mut Vec<Flag>) {
    let mut start = 0;
    for i in 1..=by_time.len() {
        let linked =
            i < by_time.len() && (by_time[i].at - by_time[i - 1].at).num_seconds() <= CHAIN_SECONDS;
        if linked {
            continue;
        }
        let chain = &by_time[start..i];
        let mut people: Vec<EmployeeId> = chain.iter().filter_map(|p| p.employee).collect();
        people.sort_unstable();
        people.dedup();
        if people.len() >= CHAIN_PEOPLE {
            out.push(Flag {
                kind: FlagKind::BuddyChain,
                employees: people,
                date: chain[0].at.date(),
                punches: chain.iter().map(|p| p.id).collect(),
                terminal: terminal.to_owned(),
                amount: (chain[chain.len() - 1].at - chain[0].at).num_seconds(),
                detail: String::new(),
            });
        }
        start = i;
    }
}

fn same_minute(employee: EmployeeId, list: &[&Punch], out: &mut Vec<Flag>) {
    // (terminal, minute of day) → the punches, one per date, in date order.
    let mut runs: BTreeMap<(&str, u32), Vec<&Punch>> = BTreeMap::new();
    for p in list {
        let minute = p.at.hour() * 60 + p.at.minute();
        let run = runs.entry((p.terminal.as_str(), minute)).or_default();
        if run.last().is_none_or(|last| last.at.date() != p.at.date()) {
            run.push(p);
        }
    }
    for ((terminal, _), run) in runs {
        let mut start = 0;
        for i in 1..=run.len() {
            let next_day =
                i < run.len() && run[i].at.date().pred_opt() == Some(run[i - 1].at.date());
            if next_day {
                continue;
            }
            let streak = &run[start..i];
            if streak.len() >= SAME_MINUTE_DAYS {
                out.push(Flag {
                    kind: FlagKind::SameMinute,
                    employees: vec![employee],
                    date: streak[0].at.date(),
                    punches: streak.iter().map(|p| p.id).collect(),
                    terminal: terminal.to_owned(),
                    amount: streak.len() as i64,
                    detail: streak[0].at.format("%H:%M").to_string(),
                });
            }
            start = i;
        }
    }
}

fn verify_mode(employee: EmployeeId, list: &[&Punch], out: &mut Vec<Flag>) {
    let modes: Vec<u8> = list.iter().filter_map(|p| p.verify_mode).collect();
    if modes.len() < MODE_MIN_PUNCHES {
        return;
    }
    let bio = modes.iter().filter(|m| biometric(**m)).count();
    if (bio as f64) / (modes.len() as f64) < BIOMETRIC_SHARE {
        return;
    }
    let mut counts: HashMap<u8, usize> = HashMap::new();
    for m in modes.iter().filter(|m| biometric(**m)) {
        *counts.entry(*m).or_default() += 1;
    }
    let usual = counts.into_iter().max_by_key(|(m, n)| (*n, *m)).map_or(1, |(m, _)| m);
    for p in list.iter().filter(|p| p.verify_mode.is_some_and(|m| !biometric(m))) {
        out.push(Flag {
            kind: FlagKind::VerifyModeChange,
            employees: vec![employee],
            date: p.at.date(),
            punches: vec![p.id],
            terminal: p.terminal.clone(),
            amount: i64::from(p.verify_mode.unwrap_or(0)),
            detail: usual.to_string(),
        });
    }
}

fn travel(employee: EmployeeId, list: &[&Punch], out: &mut Vec<Flag>) {
    for pair in list.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let apart = (b.at - a.at).num_minutes();
        if !a.location.is_empty()
            && !b.location.is_empty()
            && a.location != b.location
            && apart <= TRAVEL_MINUTES
        {
            out.push(Flag {
                kind: FlagKind::ImpossibleTravel,
                employees: vec![employee],
                date: b.at.date(),
                punches: vec![a.id, b.id],
                terminal: b.terminal.clone(),
                amount: apart,
                detail: format!("{} → {}", a.location, b.location),
            });
        }
    }
}

fn on_leave(employee: EmployeeId, list: &[&Punch], days: &[NaiveDate], out: &mut Vec<Flag>) {
    let mut by_day: BTreeMap<NaiveDate, Vec<i64>> = BTreeMap::new();
    for p in list.iter().filter(|p| days.contains(&p.at.date())) {
        by_day.entry(p.at.date()).or_default().push(p.id);
    }
    for (date, punches) in by_day {
        let terminal = list.iter().find(|p| p.id == punches[0]).map(|p| p.terminal.clone());
        out.push(Flag {
            kind: FlagKind::PunchOnLeave,
            employees: vec![employee],
            date,
            punches,
            terminal: terminal.unwrap_or_default(),
            amount: 0,
            detail: String::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, day).and_then(|d| d.and_hms_opt(h, m, s)).expect("time")
    }

    fn p(id: i64, who: i64, terminal: &str, t: NaiveDateTime, mode: u8) -> Punch {
        Punch {
            id,
            employee: Some(who),
            terminal: terminal.into(),
            location: if terminal == "canteen" { "食堂".into() } else { "大门".into() },
            at: t,
            verify_mode: Some(mode),
        }
    }

    fn kinds(f: &[Flag]) -> Vec<(FlagKind, Vec<i64>)> {
        f.iter().map(|f| (f.kind, f.punches.clone())).collect()
    }

    #[test]
    fn a_chain_of_three_people_seconds_apart_is_flagged_and_two_are_not() {
        let punches = vec![
            p(1, 10, "gate", at(12, 8, 0, 0), 1),
            p(2, 11, "gate", at(12, 8, 0, 3), 1),
            p(3, 12, "gate", at(12, 8, 0, 7), 1),
            p(4, 13, "gate", at(12, 8, 1, 0), 1),
            p(5, 14, "gate", at(12, 9, 0, 0), 1),
            p(6, 15, "gate", at(12, 9, 0, 2), 1),
        ];
        let f = flags(&punches, &HashMap::new());
        assert_eq!(kinds(&f), [(FlagKind::BuddyChain, vec![1, 2, 3])]);
        assert_eq!((f[0].employees.clone(), f[0].amount), (vec![10, 11, 12], 7));
        assert_eq!(f[0].key(), "buddy_chain:1,2,3");
    }

    #[test]
    fn the_same_minute_three_days_running_is_flagged() {
        let punches = vec![
            p(1, 10, "gate", at(12, 8, 1, 5), 1),
            p(2, 10, "gate", at(13, 8, 1, 40), 1),
            p(3, 10, "gate", at(14, 8, 1, 12), 1),
            // A gap day breaks the run.
            p(4, 10, "gate", at(16, 8, 1, 0), 1),
            p(5, 10, "gate", at(17, 8, 1, 0), 1),
        ];
        let f = flags(&punches, &HashMap::new());
        assert_eq!(kinds(&f), [(FlagKind::SameMinute, vec![1, 2, 3])]);
        assert_eq!((f[0].amount, f[0].detail.as_str()), (3, "08:01"));
    }

    #[test]
    fn a_password_punch_from_a_fingerprint_user_stands_out() {
        let mut punches: Vec<Punch> =
            (1..=6).map(|i| p(i, 10, "gate", at(i as u32 + 5, 8, i as u32 * 3, 0), 1)).collect();
        punches.push(p(7, 10, "gate", at(20, 8, 30, 0), 0));
        let f = flags(&punches, &HashMap::new());
        assert_eq!(kinds(&f), [(FlagKind::VerifyModeChange, vec![7])]);
        assert_eq!((f[0].amount, f[0].detail.as_str()), (0, "1"));
        // Someone who mostly uses a card is not flagged for using it.
        let cards: Vec<Punch> =
            (1..=6).map(|i| p(i, 11, "gate", at(i as u32 + 5, 8, i as u32 * 3, 0), 2)).collect();
        assert!(flags(&cards, &HashMap::new()).is_empty());
    }

    #[test]
    fn two_places_minutes_apart_and_punches_on_leave_are_flagged() {
        let punches = vec![
            p(1, 10, "gate", at(12, 8, 0, 0), 1),
            p(2, 10, "canteen", at(12, 8, 3, 0), 1),
            p(3, 10, "canteen", at(12, 12, 0, 0), 1),
        ];
        let leave = HashMap::from([(10, vec![NaiveDate::from_ymd_opt(2026, 10, 12).expect("d")])]);
        let f = flags(&punches, &leave);
        assert_eq!(
            kinds(&f),
            [(FlagKind::ImpossibleTravel, vec![1, 2]), (FlagKind::PunchOnLeave, vec![1, 2, 3])]
        );
        assert_eq!(f[0].detail, "大门 → 食堂");
    }

    #[test]
    fn a_terminal_log_going_back_in_time_is_flagged() {
        let punches = vec![
            p(1, 10, "gate", at(12, 8, 0, 0), 1),
            p(2, 11, "gate", at(12, 17, 0, 0), 1),
            p(3, 12, "gate", at(12, 9, 0, 0), 1),
            p(4, 13, "gate", at(12, 8, 59, 50), 1),
        ];
        let f = flags(&punches, &HashMap::new());
        assert_eq!(kinds(&f), [(FlagKind::ClockWentBack, vec![2, 3])]);
        assert_eq!(f[0].amount, 480);
    }
}
