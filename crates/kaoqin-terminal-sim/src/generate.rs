//! Seeded, plausible data for the fake terminal: a large punch log ([`records`]), a month of
//! realistic behaviour for a small roster ([`month`]), users with Chinese names ([`users`]), and
//! punches with impossible dates ([`impossible`]) for the quarantine tests.
//!
//! The same arguments always give the same output (fastrand with a fixed seed). Not here:
//! anything about the wire (the device encodes these values) and anything that decides what a
//! punch means (kaoqin-core evaluates punches; this only imitates people at a terminal).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use kaoqin_terminals::zk::{WallTime, encode_time, encode_wall};

use crate::device::{SimPunch, SimUser};

/// Verify codes (§13): password, fingerprint, card.
const VERIFY_PASSWORD: u8 = 0;
const VERIFY_FINGER: u8 = 1;
const VERIFY_CARD: u8 = 2;
/// State codes (§13): check-in, check-out.
const STATE_IN: u8 = 0;
const STATE_OUT: u8 = 1;

/// The PIN of the `i`-th generated person: `"1001"`, `"1002"`, … (numeric, so it also fits the
/// 28-byte user layout and the 8- and 16-byte record layouts).
pub fn pin(i: usize) -> String {
    (1001_usize.saturating_add(i)).to_string()
}

/// One person for [`month`]: PIN, shift and the dates they are expected at work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimPerson {
    pub pin: String,
    pub shift_start: NaiveTime,
    /// End of the shift; at or before `shift_start` means the shift ends the next day.
    pub shift_end: NaiveTime,
    pub workdays: Vec<NaiveDate>,
}

/// Chances used by [`month`], in per cent.
pub mod rates {
    /// A punch that should happen but does not (forgotten, finger not read).
    pub const MISSING: u32 = 3;
    /// Of the arrivals that happen: late by 5–40 minutes (the rest are within ±10 minutes of the
    /// shift start).
    pub const LATE: u32 = 12;
    /// Of the departures that happen: staying 15–60 minutes longer (the rest are within
    /// ±10 minutes of the shift end).
    pub const STAY_LATE: u32 = 8;
    /// A punch followed by a second tap of the same person 3–50 seconds later.
    pub const DOUBLE_TAP: u32 = 5;
    /// A punch recorded with the wrong state key (check-out on arrival or the other way round,
    /// or a break/overtime key).
    pub const WRONG_STATE: u32 = 4;
    /// Verify method: fingerprint 85 %, card 10 %, password 5 %.
    pub const CARD: u32 = 10;
    pub const PASSWORD: u32 = 5;
}

fn chance(rng: &mut fastrand::Rng, percent: u32) -> bool {
    rng.u32(0..100) < percent
}

fn verify(rng: &mut fastrand::Rng) -> u8 {
    let roll = rng.u32(0..100);
    if roll < rates::PASSWORD {
        VERIFY_PASSWORD
    } else if roll < rates::PASSWORD.saturating_add(rates::CARD) {
        VERIFY_CARD
    } else {
        VERIFY_FINGER
    }
}

fn seconds(rng: &mut fastrand::Rng, range: std::ops::RangeInclusive<i64>) -> Duration {
    Duration::seconds(rng.i64(range))
}

/// Appends a punch (and maybe its double tap) when the time is encodable.
fn punch(
    out: &mut Vec<SimPunch>,
    rng: &mut fastrand::Rng,
    pin: &str,
    at: NaiveDateTime,
    state: u8,
) {
    let state = if chance(rng, rates::WRONG_STATE) {
        // Mostly the opposite key; sometimes a break or overtime key.
        if rng.bool() { 1 - state.min(1) } else { rng.u8(2..=5) }
    } else {
        state
    };
    let verify = verify(rng);
    if let Some(p) = SimPunch::at(pin, at, verify, state) {
        out.push(p);
    }
    if chance(rng, rates::DOUBLE_TAP) {
        let again = at + seconds(rng, 3..=50);
        if let Some(p) = SimPunch::at(pin, again, verify, state) {
            out.push(p);
        }
    }
}

fn sort(punches: &mut [SimPunch]) {
    punches.sort_by(|a, b| a.time_raw.cmp(&b.time_raw).then_with(|| a.pin.cmp(&b.pin)));
}

/// A month (or any span) of realistic punches for `people`: for each workday an arrival and a
/// departure around the shift, with the rates in [`rates`]: arrivals within ±10 minutes of the
/// start or late by 5–40 minutes, departures within ±10 minutes of the end or 15–60 minutes later,
/// about 3 % of punches missing, 5 % double taps 3–50 s apart, 4 % with a wrong state key.
/// Night shifts (end at or before start) leave the next morning. Sorted by time.
pub fn month(people: &[SimPerson], seed: u64) -> Vec<SimPunch> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = Vec::new();
    for person in people {
        for &day in &person.workdays {
            let start = day.and_time(person.shift_start);
            let end_day = if person.shift_end <= person.shift_start {
                day.succ_opt().unwrap_or(day)
            } else {
                day
            };
            let end = end_day.and_time(person.shift_end);
            if !chance(&mut rng, rates::MISSING) {
                let at = if chance(&mut rng, rates::LATE) {
                    start + seconds(&mut rng, 5 * 60..=40 * 60)
                } else {
                    start + seconds(&mut rng, -10 * 60..=10 * 60)
                };
                punch(&mut out, &mut rng, &person.pin, at, STATE_IN);
            }
            if !chance(&mut rng, rates::MISSING) {
                let at = if chance(&mut rng, rates::STAY_LATE) {
                    end + seconds(&mut rng, 15 * 60..=60 * 60)
                } else {
                    end + seconds(&mut rng, -10 * 60..=10 * 60)
                };
                punch(&mut out, &mut rng, &person.pin, at, STATE_OUT);
            }
        }
    }
    sort(&mut out);
    out
}

/// Exactly `n` punches of many people (about one person per 40 punches, at most 2 000, PINs from
/// [`pin`]), two a day on weekdays from `start_date` on: arrivals 07:30–09:30, departures
/// 16:30–19:30, fingerprint/card/password as in [`rates`]. Sorted by time. Meant for volume
/// (benchmarks, the pyzk cross-check); use [`month`] for behaviour.
pub fn records(n: usize, seed: u64, start_date: NaiveDate) -> Vec<SimPunch> {
    let people = (n / 40).clamp(1, 2_000);
    let pins: Vec<String> = (0..people).map(pin).collect();
    records_for(&pins, n, seed, start_date)
}

/// Like [`records`], for the given PINs (for example the PINs of the device's users). No PINs,
/// no punches.
pub fn records_for(pins: &[String], n: usize, seed: u64, start_date: NaiveDate) -> Vec<SimPunch> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = Vec::with_capacity(n);
    if pins.is_empty() {
        return out;
    }
    let mut day = start_date;
    'days: while out.len() < n {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            let mut today = Vec::with_capacity(pins.len().saturating_mul(2));
            for p in pins {
                let arrive = day.and_time(NaiveTime::MIN)
                    + Duration::minutes(7 * 60 + 30)
                    + seconds(&mut rng, 0..=2 * 3600);
                let leave = day.and_time(NaiveTime::MIN)
                    + Duration::minutes(16 * 60 + 30)
                    + seconds(&mut rng, 0..=3 * 3600);
                for (at, state) in [(arrive, STATE_IN), (leave, STATE_OUT)] {
                    let verify = verify(&mut rng);
                    if let Some(punch) = SimPunch::at(p, at, verify, state) {
                        today.push(punch);
                    }
                }
            }
            sort(&mut today);
            for punch in today {
                if out.len() >= n {
                    break 'days;
                }
                out.push(punch);
            }
        }
        match day.succ_opt() {
            Some(next) if encode_time(next.and_time(NaiveTime::MIN)).is_some() => day = next,
            _ => break,
        }
    }
    out
}

/// Surnames and given names for [`users`]; every character is in GBK.
const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const GIVEN: [&str; 24] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东",
];

/// `n` users with PINs from [`pin`], Chinese names (2–3 characters), a card number for every
/// third person, and an admin (privilege 14) as the first user.
pub fn users(n: usize, seed: u64) -> Vec<SimUser> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n)
        .map(|i| {
            let surname = SURNAMES.get(rng.usize(0..SURNAMES.len())).copied().unwrap_or("王");
            let given = GIVEN.get(rng.usize(0..GIVEN.len())).copied().unwrap_or("伟");
            SimUser {
                pin: pin(i),
                name: format!("{surname}{given}"),
                card: if i % 3 == 0 { rng.u32(1_000_000..16_000_000) } else { 0 },
                privilege: if i == 0 { 14 } else { 0 },
            }
        })
        .collect()
}

/// `n` punches whose raw times are impossible calendar dates the terminal can still produce
/// (31-day months, §12): 2026-02-29, 02-30, 02-31, 04-31, 06-31, 09-31 and 11-31, in turn, at
/// 08:00 plus `i` minutes, PINs cycling through the first five of [`pin`].
pub fn impossible(n: usize) -> Vec<SimPunch> {
    const DATES: [(u8, u8); 7] = [(2, 29), (2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)];
    (0..n)
        .filter_map(|i| {
            let (month, day) = DATES.get(i % DATES.len()).copied()?;
            let minutes = u8::try_from(i / DATES.len() % 60).ok()?;
            let wall = WallTime { year: 2026, month, day, hour: 8, minute: minutes, second: 0 };
            Some(SimPunch {
                pin: pin(i % 5),
                time_raw: encode_wall(&wall)?,
                verify: VERIFY_FINGER,
                state: STATE_IN,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kaoqin_terminals::zk::{decode_time, wall_to_naive};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn records_are_exact_sorted_and_repeatable() {
        let a = records(2_000, 1, d(2026, 3, 2));
        assert_eq!(a.len(), 2_000);
        assert!(a.windows(2).all(|w| w[0].time_raw <= w[1].time_raw));
        assert_eq!(a, records(2_000, 1, d(2026, 3, 2)));
        assert_ne!(a, records(2_000, 2, d(2026, 3, 2)));
        let people: std::collections::BTreeSet<_> = a.iter().map(|p| p.pin.clone()).collect();
        assert_eq!(people.len(), 50);
        for p in &a {
            let t = wall_to_naive(&decode_time(p.time_raw)).unwrap_or_default();
            assert!(!matches!(t.weekday(), Weekday::Sat | Weekday::Sun), "{t}");
        }
    }

    #[test]
    fn month_rates_are_roughly_as_documented() {
        let workdays: Vec<NaiveDate> = (1..=28).map(|day| d(2026, 2, day)).collect();
        let people: Vec<SimPerson> = (0..200)
            .map(|i| SimPerson {
                pin: pin(i),
                shift_start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
                shift_end: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
                workdays: workdays.clone(),
            })
            .collect();
        let punches = month(&people, 42);
        let expected = 200 * 28 * 2;
        // 3 % missing, 5 % doubled: about 1.02 × expected.
        let ratio = punches.len() as f64 / f64::from(expected);
        assert!((0.99..1.05).contains(&ratio), "ratio {ratio}");
        let late = punches
            .iter()
            .filter(|p| {
                let t = wall_to_naive(&decode_time(p.time_raw)).unwrap_or_default();
                t.time() > NaiveTime::from_hms_opt(9, 10, 0).unwrap_or_default()
                    && t.time() < NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()
            })
            .count();
        let late_share = late as f64 / f64::from(200 * 28);
        assert!((0.05..0.15).contains(&late_share), "late share {late_share}");
        assert!(punches.windows(2).all(|w| w[0].time_raw <= w[1].time_raw));
        assert_eq!(punches, month(&people, 42));
    }

    #[test]
    fn night_shift_leaves_the_next_day() {
        let person = SimPerson {
            pin: "7".into(),
            shift_start: NaiveTime::from_hms_opt(22, 0, 0).unwrap_or_default(),
            shift_end: NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default(),
            workdays: vec![d(2026, 3, 10)],
        };
        // Find a seed where both punches happen and are not doubled.
        let punches = (0..50)
            .map(|seed| month(std::slice::from_ref(&person), seed))
            .find(|p| p.len() == 2)
            .unwrap_or_default();
        assert_eq!(punches.len(), 2);
        let last = wall_to_naive(&decode_time(punches[1].time_raw)).unwrap_or_default();
        assert_eq!(last.date(), d(2026, 3, 11));
    }

    #[test]
    fn impossible_dates_do_not_decode() {
        let bad = impossible(14);
        assert_eq!(bad.len(), 14);
        for p in &bad {
            assert!(wall_to_naive(&decode_time(p.time_raw)).is_err(), "{p:?}");
        }
        assert_eq!(decode_time(bad[2].time_raw).day, 31);
    }

    #[test]
    fn users_have_gbk_names_and_pins() {
        let u = users(30, 9);
        assert_eq!(u.len(), 30);
        assert_eq!(u[0].pin, "1001");
        assert_eq!(u[0].privilege, 14);
        assert!(u.iter().all(|x| x.name.chars().count() >= 2));
    }
}
