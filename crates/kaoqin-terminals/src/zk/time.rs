//! The terminal's clock on the wire (§12): a `u32` counting seconds in a calendar of 31-day months
//! and 372-day years from 2000-01-01, and the 6-byte `YY MM DD hh mm ss` form of realtime events.
//!
//! The value is the terminal's local wall time with no zone. Because every month has 31 slots a
//! terminal can send dates that do not exist ("2026-02-31"), so decoding is total and gives the
//! raw fields ([`WallTime`]); [`wall_to_naive`] is the separate, fallible step, and its
//! [`ImpossibleTime`] carries the fields so the collector can quarantine the record with a reason.
//! Not here: time zones, clock drift, and the year-2100 wrap (2100 encodes as 2000).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Years [`encode_time`] accepts: the encoding keeps only `year % 100`.
pub const ENCODABLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// Date and time fields exactly as the terminal sent them; they may not form a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WallTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl std::fmt::Display for WallTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// Terminal fields that are not a real date-time (February 31st, hour 24 from a realtime event).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "terminal time {wall} is not a real date-time ({reason}): keep the record aside and check the terminal's clock"
)]
pub struct ImpossibleTime {
    /// The fields as decoded.
    pub wall: WallTime,
    /// What is wrong, in English.
    pub reason: String,
}

/// Splits an encoded time into its fields. Total: every `u32` gives fields with month 1–12,
/// day 1–31, hour 0–23, minute and second 0–59 and year 2000–2133.
pub fn decode_time(raw: u32) -> WallTime {
    let second = raw % 60;
    let t = raw / 60;
    let minute = t % 60;
    let t = t / 60;
    let hour = t % 24;
    let t = t / 24;
    let day = t % 31;
    let t = t / 31;
    let month = t % 12;
    let years = t / 12; // at most 133
    let small = |v: u32| u8::try_from(v).unwrap_or(u8::MAX);
    WallTime {
        year: u16::try_from(years).unwrap_or(u16::MAX).saturating_add(2000),
        month: small(month).saturating_add(1),
        day: small(day).saturating_add(1),
        hour: small(hour),
        minute: small(minute),
        second: small(second),
    }
}

/// The fields as a real date-time, or why they are not one.
pub fn wall_to_naive(w: &WallTime) -> Result<NaiveDateTime, ImpossibleTime> {
    let fail = |reason: String| ImpossibleTime { wall: *w, reason };
    let date = NaiveDate::from_ymd_opt(i32::from(w.year), u32::from(w.month), u32::from(w.day))
        .ok_or_else(|| {
            fail(if (1..=12).contains(&w.month) {
                format!("month {} of {} has no day {}", w.month, w.year, w.day)
            } else {
                format!("there is no month {}", w.month)
            })
        })?;
    let time = NaiveTime::from_hms_opt(u32::from(w.hour), u32::from(w.minute), u32::from(w.second))
        .ok_or_else(|| {
            fail(format!("{:02}:{:02}:{:02} is not a time of day", w.hour, w.minute, w.second))
        })?;
    Ok(date.and_time(time))
}

/// Encodes fields that are in range for the wire (year 2000–2099, month 1–12, day 1–31,
/// hour < 24, minute and second < 60), even if they are not a real date: the simulator uses this
/// to send "2026-02-31". `None` when a field is out of range.
pub fn encode_wall(w: &WallTime) -> Option<u32> {
    let in_range = ENCODABLE_YEARS.contains(&i32::from(w.year))
        && (1..=12).contains(&w.month)
        && (1..=31).contains(&w.day)
        && w.hour < 24
        && w.minute < 60
        && w.second < 60;
    if !in_range {
        return None;
    }
    let years = u32::from(w.year.checked_sub(2000)?);
    let months = years.checked_mul(12)?.checked_add(u32::from(w.month.checked_sub(1)?))?;
    let days = months.checked_mul(31)?.checked_add(u32::from(w.day.checked_sub(1)?))?;
    let minutes = u32::from(w.hour).checked_mul(60)?.checked_add(u32::from(w.minute))?;
    let seconds = minutes.checked_mul(60)?.checked_add(u32::from(w.second))?;
    days.checked_mul(86_400)?.checked_add(seconds)
}

/// Encodes a wall-clock time for `CMD_SET_TIME`; `None` outside 2000–2099 (the encoding keeps
/// only the last two digits of the year). Sub-second parts are dropped.
pub fn encode_time(t: NaiveDateTime) -> Option<u32> {
    let year = u16::try_from(t.year()).ok()?;
    let small = |v: u32| u8::try_from(v).ok();
    encode_wall(&WallTime {
        year,
        month: small(t.month())?,
        day: small(t.day())?,
        hour: small(t.hour())?,
        minute: small(t.minute())?,
        // A leap second is carried in the nanoseconds by chrono; the second itself is ≤ 59.
        second: small(t.second())?,
    })
}

/// Reads the 6-byte realtime form `YY MM DD hh mm ss` (binary bytes, year 2000 + YY). Fields are
/// taken as they are; [`wall_to_naive`] checks them.
pub fn decode_realtime6(b: [u8; 6]) -> WallTime {
    let [yy, month, day, hour, minute, second] = b;
    WallTime { year: 2000_u16.saturating_add(u16::from(yy)), month, day, hour, minute, second }
}

/// The 6-byte realtime form of `w`; `None` when the year is not 2000–2255.
pub fn encode_realtime6(w: &WallTime) -> Option<[u8; 6]> {
    let yy = u8::try_from(w.year.checked_sub(2000)?).ok()?;
    Some([yy, w.month, w.day, w.hour, w.minute, w.second])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn wall(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> WallTime {
        WallTime { year, month, day, hour, minute, second }
    }

    #[test]
    fn zero_is_the_epoch() {
        assert_eq!(decode_time(0), wall(2000, 1, 1, 0, 0, 0));
        assert_eq!(encode_wall(&wall(2000, 1, 1, 0, 0, 0)), Some(0));
    }

    #[test]
    fn month_slots_are_31_days() {
        // 31 days after 2000-01-01 is the first slot of February, whatever January really has.
        assert_eq!(decode_time(31 * 86_400), wall(2000, 2, 1, 0, 0, 0));
        assert_eq!(decode_time(372 * 86_400), wall(2001, 1, 1, 0, 0, 0));
    }

    #[test]
    fn impossible_date_decodes_as_fields_and_is_refused_by_chrono_step() {
        let feb31 = wall(2026, 2, 31, 8, 30, 0);
        let raw = encode_wall(&feb31).unwrap();
        assert_eq!(raw, ((26 * 372 + 31 + 30) * 86_400 + (8 * 60 + 30) * 60) as u32);
        let back = decode_time(raw);
        assert_eq!(back, feb31, "decoding never fails and keeps the fields");
        let err = wall_to_naive(&back).unwrap_err();
        assert_eq!(err.wall, feb31);
        assert!(err.reason.contains("no day 31"), "reason: {}", err.reason);
        assert!(err.to_string().contains("2026-02-31 08:30:00"));
    }

    #[test]
    fn impossible_realtime_fields_are_refused() {
        let w = decode_realtime6([26, 13, 1, 25, 0, 0]);
        assert_eq!(w, wall(2026, 13, 1, 25, 0, 0));
        assert!(wall_to_naive(&w).unwrap_err().reason.contains("no month 13"));
        let w = decode_realtime6([26, 1, 1, 24, 0, 0]);
        assert!(wall_to_naive(&w).unwrap_err().reason.contains("not a time of day"));
    }

    #[test]
    fn encode_refuses_years_outside_the_century() {
        let t = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(encode_time(t(1999)), None);
        assert_eq!(encode_time(t(2100)), None);
        assert_eq!(encode_time(t(2000)), Some(0));
        assert!(encode_time(t(2099)).is_some());
        assert_eq!(encode_wall(&wall(2026, 2, 32, 0, 0, 0)), None);
        assert_eq!(encode_wall(&wall(2026, 0, 1, 0, 0, 0)), None);
    }
}
