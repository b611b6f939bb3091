//! Timetables (班次): when a work day starts and ends, when punches count as check-in and
//! check-out, how late is late, and which breaks are taken off the worked time.
//!
//! Three kinds, as clerks know them from DingTalk and ZKTime:
//! - **fixed** (固定班次): 1–3 work segments, each with on/off times, check-in and check-out
//!   windows, grace minutes and thresholds (serious late, late or early counted as absent), plus
//!   breaks that are deducted on schedule, deducted after N hours worked, or must be punched;
//! - **flexible** (弹性班次): arrive by a latest time, stay the required minutes;
//! - **free** (自由工时): no times at all, only where the day starts and (optionally) how long to work.
//!
//! Times are [`DayTime`]s, minutes after the work date's midnight, so a night segment 22:00–06:00
//! is `22:00`–`06:00+1` and keeps its order. Every timetable also has a day-change time: the work
//! day runs from it for 24 hours, and every punch window must fit inside, so a punch always
//! belongs to exactly one work day of a given timetable.
//!
//! `validate` turns a [`TimetableForm`] (text and numbers as typed in the UI or a setup file) into
//! a [`Timetable`], filling unset windows with defaults that never overlap, and reports every
//! problem at once. Not here: matching punches to timetables (the engine), storage, versions.

use serde::{Deserialize, Serialize};

use crate::validation::{self, Field, FieldError, Place, Problem};

/// Surrogate key of a timetable row.
pub type TimetableId = i64;

pub const CODE_MAX_CHARS: usize = 8;
pub const NAME_MAX_CHARS: usize = 30;
pub const MAX_SEGMENTS: usize = 3;
pub const MAX_BREAKS: usize = 3;
/// The longest window or threshold, in minutes (12 hours).
pub const MAX_WINDOW_MINUTES: i64 = 720;
const DAY: u32 = 1440;

/// A time within a work day: minutes after the work date's midnight. 1440 and later are on the
/// next calendar day, written `06:00+1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DayTime(u32);

impl DayTime {
    /// Times run to the end of the next calendar day.
    pub const END: u32 = 2 * DAY;

    pub fn from_minutes(minutes: u32) -> Option<DayTime> {
        (minutes < Self::END).then_some(DayTime(minutes))
    }

    pub fn hm(hours: u32, minutes: u32) -> DayTime {
        DayTime(hours * 60 + minutes)
    }

    pub fn minutes(self) -> u32 {
        self.0
    }

    /// Parses `9:00`, `09:00`, `22:30`, `06:00+1`, `次日06:00` or `24:00` (= `00:00+1`).
    pub fn parse(value: &str) -> Option<DayTime> {
        let s = value.trim();
        let (s, next_day) = match (s.strip_suffix("+1"), s.strip_prefix("次日")) {
            (Some(rest), _) => (rest.trim_end(), true),
            (None, Some(rest)) => (rest.trim_start(), true),
            (None, None) => (s, false),
        };
        let (h, m) = s.split_once(':').or_else(|| s.split_once('：'))?;
        if !(1..=2).contains(&h.len()) || m.len() != 2 {
            return None;
        }
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        let base = match (h, m) {
            (24, 0) => DAY,
            (0..=23, 0..=59) => h * 60 + m,
            _ => return None,
        };
        let minutes = base + if next_day { DAY } else { 0 };
        DayTime::from_minutes(minutes)
    }

    /// True when the time is on the calendar day after the work date.
    pub fn is_next_day(self) -> bool {
        self.0 >= DAY
    }
}

impl std::fmt::Display for DayTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = self.0 % DAY;
        write!(f, "{:02}:{:02}", m / 60, m % 60)?;
        if self.is_next_day() { f.write_str("+1") } else { Ok(()) }
    }
}

/// How much of a day a timetable counts for (出勤天数).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayValue {
    Half,
    Full,
}

impl DayValue {
    pub fn days(self) -> f64 {
        match self {
            DayValue::Half => 0.5,
            DayValue::Full => 1.0,
        }
    }
}

/// One work segment of a fixed timetable. Windows are minutes around the on and off times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub on: DayTime,
    pub off: DayTime,
    /// A punch this long before `on` already counts as the check-in.
    pub check_in_before_minutes: u32,
    /// … and until this long after `on` (later than the grace, it is late).
    pub check_in_after_minutes: u32,
    pub check_out_before_minutes: u32,
    pub check_out_after_minutes: u32,
    pub late_grace_minutes: u32,
    pub early_grace_minutes: u32,
    /// Late by more than this is 严重迟到.
    pub serious_late_minutes: Option<u32>,
    /// Late by more than this counts the segment as absent (旷工).
    pub late_absent_minutes: Option<u32>,
    /// Leaving earlier than this counts the segment as absent.
    pub early_absent_minutes: Option<u32>,
}

impl Segment {
    pub fn minutes(&self) -> u32 {
        self.off.0 - self.on.0
    }

    /// The check-in window as minutes of the work day (may start before midnight: negative).
    pub fn check_in_window(&self) -> (i64, i64) {
        let on = i64::from(self.on.0);
        (on - i64::from(self.check_in_before_minutes), on + i64::from(self.check_in_after_minutes))
    }

    pub fn check_out_window(&self) -> (i64, i64) {
        let off = i64::from(self.off.0);
        (
            off - i64::from(self.check_out_before_minutes),
            off + i64::from(self.check_out_after_minutes),
        )
    }
}

/// How a break is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BreakKind {
    /// Taken at fixed times without punching; deducted on schedule (午休 12:00–13:00).
    Fixed { start: DayTime, end: DayTime },
    /// Taken at fixed times; people punch out and back in.
    MustPunch { start: DayTime, end: DayTime },
    /// No fixed time: `minutes` are deducted once more than `after_worked_minutes` were worked.
    Auto { minutes: u32, after_worked_minutes: u32 },
}

impl BreakKind {
    pub const KEYS: &'static [&'static str] = &["fixed", "must_punch", "auto"];

    pub fn key(self) -> &'static str {
        match self {
            BreakKind::Fixed { .. } => "fixed",
            BreakKind::MustPunch { .. } => "must_punch",
            BreakKind::Auto { .. } => "auto",
        }
    }

    fn span(self) -> Option<(DayTime, DayTime)> {
        match self {
            BreakKind::Fixed { start, end } | BreakKind::MustPunch { start, end } => {
                Some((start, end))
            }
            BreakKind::Auto { .. } => None,
        }
    }

    fn minutes(self) -> u32 {
        match self {
            BreakKind::Fixed { start, end } | BreakKind::MustPunch { start, end } => {
                end.0 - start.0
            }
            BreakKind::Auto { minutes, .. } => minutes,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    #[serde(flatten)]
    pub kind: BreakKind,
    /// A paid break counts as worked time and is not deducted.
    pub paid: bool,
}

/// What a timetable asks of people, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimetableRule {
    Fixed {
        segments: Vec<Segment>,
        breaks: Vec<Break>,
        /// Minutes that make a full day (default: the segments minus unpaid breaks).
        required_minutes: u32,
    },
    Flexible {
        /// Arrivals before this are counted from this time (`None`: from the day change).
        earliest_arrival: Option<DayTime>,
        /// Arriving later than this (plus the grace) is late.
        latest_arrival: DayTime,
        late_grace_minutes: u32,
        late_absent_minutes: Option<u32>,
        /// Minutes to stay after arriving, breaks not included.
        required_minutes: u32,
        /// Only auto-deducted breaks: a flexible day has no fixed times to take one at.
        breaks: Vec<Break>,
    },
    Free {
        /// Minutes that make a full day, if the company sets a minimum.
        required_minutes: Option<u32>,
    },
}

impl TimetableRule {
    pub fn kind_key(&self) -> &'static str {
        match self {
            TimetableRule::Fixed { .. } => "fixed",
            TimetableRule::Flexible { .. } => "flexible",
            TimetableRule::Free { .. } => "free",
        }
    }
}

/// The kinds' keys, in the order forms list them.
pub const KIND_KEYS: &[&str] = &["fixed", "flexible", "free"];

/// How the punches of a day are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pairing {
    /// 首末打卡: the first punch of a check-in window and the last of a check-out window count;
    /// punches in between are shown but not counted (the default).
    #[default]
    FirstLast,
    /// 成对打卡: punches pair up in order (in, out, in, out …); time between pairs is away.
    EveryPair,
}

impl Pairing {
    pub const KEYS: &'static [&'static str] = &["first_last", "every_pair"];

    pub fn key(self) -> &'static str {
        match self {
            Pairing::FirstLast => "first_last",
            Pairing::EveryPair => "every_pair",
        }
    }
}

/// A validated timetable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timetable {
    /// Short code shown in the 排班 grid (早, 中, 夜, A1 …); unique.
    pub code: String,
    pub name: String,
    /// `#RRGGBB`, the cell colour in the grid.
    pub color: Option<String>,
    pub day_value: DayValue,
    /// The work day runs from this time for 24 hours; every punch window fits inside.
    pub day_change: DayTime,
    pub rule: TimetableRule,
    #[serde(default)]
    pub pairing: Pairing,
}

impl Timetable {
    /// The scheduled presence as spans of the work day, for conflict checks between shifts:
    /// fixed segments as they are, a flexible day from its latest arrival for the required time
    /// and its breaks, nothing for free hours.
    pub fn work_spans(&self) -> Vec<(u32, u32)> {
        match &self.rule {
            TimetableRule::Fixed { segments, .. } => {
                segments.iter().map(|s| (s.on.0, s.off.0)).collect()
            }
            TimetableRule::Flexible { latest_arrival, required_minutes, breaks, .. } => {
                let pause: u32 = breaks.iter().map(|b| b.kind.minutes()).sum();
                let start = latest_arrival.0;
                vec![(start, start + required_minutes + pause)]
            }
            TimetableRule::Free { .. } => Vec::new(),
        }
    }

    /// Minutes a full day asks for.
    pub fn required_minutes(&self) -> Option<u32> {
        match &self.rule {
            TimetableRule::Fixed { required_minutes, .. }
            | TimetableRule::Flexible { required_minutes, .. } => Some(*required_minutes),
            TimetableRule::Free { required_minutes } => *required_minutes,
        }
    }
}

/// A segment as typed: times as text, numbers optional (`None`: the default).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SegmentForm {
    pub on: String,
    pub off: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_in_before_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_in_after_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_out_before_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_out_after_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late_grace_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub early_grace_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serious_late_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late_absent_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub early_absent_minutes: Option<i64>,
}

/// A break as typed. `start`/`end` for fixed and must-punch breaks, `minutes` and
/// `after_worked_minutes` for auto-deducted ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BreakForm {
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub start: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub end: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_worked_minutes: Option<i64>,
    pub paid: bool,
}

/// A timetable as typed in the UI or a setup file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimetableForm {
    pub code: String,
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub color: String,
    /// `fixed`, `flexible` or `free`.
    pub kind: String,
    /// 1 or 0.5; empty means 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_value: Option<f64>,
    /// Empty: fixed starts at its first check-in window, the others at 00:00.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub day_change: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentForm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<BreakForm>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub earliest_arrival: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub latest_arrival: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late_grace_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late_absent_minutes: Option<i64>,
    /// `first_last` (empty) or `every_pair`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pairing: String,
}

/// Default windows: up to 2 hours before on and after on (at most half the segment), up to
/// 2 hours before off, up to 4 hours after off; between two segments each side gets half the gap.
pub const DEFAULT_CHECK_IN_BEFORE: u32 = 120;
pub const DEFAULT_CHECK_IN_AFTER: u32 = 120;
pub const DEFAULT_CHECK_OUT_BEFORE: u32 = 120;
pub const DEFAULT_CHECK_OUT_AFTER: u32 = 240;

/// Checks a timetable form; returns the timetable or every problem found.
pub fn validate(form: &TimetableForm) -> Result<Timetable, Vec<FieldError>> {
    let mut errors = Vec::new();
    let code = validation::text(Field::Code, &form.code, true, CODE_MAX_CHARS, &mut errors);
    let name = validation::text(Field::Name, &form.name, true, NAME_MAX_CHARS, &mut errors);
    let color = color(&form.color, &mut errors);
    let day_value = match form.day_value {
        None => Some(DayValue::Full),
        Some(1.0) => Some(DayValue::Full),
        Some(0.5) => Some(DayValue::Half),
        Some(v) => {
            let choices = Problem::NotOneOf { choices: &["1", "0.5"] };
            errors.push(FieldError::new(Field::DayValue, choices, v.to_string()));
            None
        }
    };
    let day_change = if form.day_change.trim().is_empty() {
        None
    } else {
        match DayTime::parse(&form.day_change) {
            Some(t) if !t.is_next_day() => Some(t),
            _ => {
                errors.push(FieldError::new(Field::DayChange, Problem::BadTime, &form.day_change));
                None
            }
        }
    };
    let pairing = match form.pairing.trim() {
        "" | "first_last" => Some(Pairing::FirstLast),
        "every_pair" => Some(Pairing::EveryPair),
        other => {
            let problem = Problem::NotOneOf { choices: Pairing::KEYS };
            errors.push(FieldError::new(Field::Pairing, problem, other));
            None
        }
    };
    let ruled = match form.kind.as_str() {
        "fixed" => fixed(form, day_change, &mut errors),
        "flexible" => flexible(form, day_change, &mut errors),
        "free" => {
            let required = minutes(
                Field::RequiredMinutes,
                form.required_minutes,
                1,
                i64::from(DAY),
                &mut errors,
            );
            Some((
                TimetableRule::Free { required_minutes: required },
                day_change.unwrap_or(DayTime(0)),
            ))
        }
        other => {
            let problem = Problem::NotOneOf { choices: KIND_KEYS };
            errors.push(FieldError::new(Field::TimetableKind, problem, other));
            None
        }
    };
    match (code, name, day_value, ruled, pairing) {
        (Some(code), Some(name), Some(day_value), Some((rule, day_change)), Some(pairing))
            if errors.is_empty() =>
        {
            Ok(Timetable { code, name, color, day_value, day_change, rule, pairing })
        }
        _ => Err(errors),
    }
}

fn color(value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    let ok = value.len() == 7
        && value.starts_with('#')
        && value[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Some(value.to_ascii_lowercase())
    } else {
        errors.push(FieldError::new(Field::Color, Problem::BadColor, value));
        None
    }
}

/// An optional whole number of minutes within `min..=max`.
fn minutes(
    field: Field,
    value: Option<i64>,
    min: i64,
    max: i64,
    errors: &mut Vec<FieldError>,
) -> Option<u32> {
    let v = value?;
    if (min..=max).contains(&v) {
        u32::try_from(v).ok()
    } else {
        errors.push(FieldError::new(field, Problem::OutOfRange { min, max }, v.to_string()));
        None
    }
}

fn time(field: Field, value: &str, errors: &mut Vec<FieldError>) -> Option<DayTime> {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, Problem::Required, value));
        return None;
    }
    let t = DayTime::parse(value);
    if t.is_none() {
        errors.push(FieldError::new(field, Problem::BadTime, value));
    }
    t
}

/// Errors of one list item, located.
fn located(place: Place, errors: Vec<FieldError>, into: &mut Vec<FieldError>) {
    into.extend(errors.into_iter().map(|e| e.at(place)));
}

fn window_text(from: i64, to: i64) -> String {
    let show = |m: i64| match u32::try_from(m).ok().and_then(DayTime::from_minutes) {
        Some(t) => t.to_string(),
        None => format!("{m}"),
    };
    format!("{}–{}", show(from), show(to))
}

/// Grace and thresholds: grace < serious late < late as absent, grace < early as absent.
struct Thresholds {
    late_grace: u32,
    early_grace: u32,
    serious_late: Option<u32>,
    late_absent: Option<u32>,
    early_absent: Option<u32>,
}

fn thresholds(s: &SegmentForm, errors: &mut Vec<FieldError>) -> Thresholds {
    let m = |f, v, e: &mut Vec<FieldError>| minutes(f, v, 0, MAX_WINDOW_MINUTES, e);
    let late_grace = m(Field::LateGraceMinutes, s.late_grace_minutes, errors).unwrap_or(0);
    let early_grace = m(Field::EarlyGraceMinutes, s.early_grace_minutes, errors).unwrap_or(0);
    let serious_late = m(Field::SeriousLateMinutes, s.serious_late_minutes, errors);
    let late_absent = m(Field::LateAbsentMinutes, s.late_absent_minutes, errors);
    let early_absent = m(Field::EarlyAbsentMinutes, s.early_absent_minutes, errors);
    let mut above = |field: Field, value: Option<u32>, other: Field, floor: u32| {
        if let Some(v) = value
            && v <= floor
        {
            let problem = Problem::NotAbove { other, other_value: floor.to_string() };
            errors.push(FieldError::new(field, problem, v.to_string()));
        }
    };
    above(Field::SeriousLateMinutes, serious_late, Field::LateGraceMinutes, late_grace);
    match serious_late {
        Some(s) => above(Field::LateAbsentMinutes, late_absent, Field::SeriousLateMinutes, s),
        None => above(Field::LateAbsentMinutes, late_absent, Field::LateGraceMinutes, late_grace),
    }
    above(Field::EarlyAbsentMinutes, early_absent, Field::EarlyGraceMinutes, early_grace);
    Thresholds { late_grace, early_grace, serious_late, late_absent, early_absent }
}

fn fixed(
    form: &TimetableForm,
    day_change: Option<DayTime>,
    errors: &mut Vec<FieldError>,
) -> Option<(TimetableRule, DayTime)> {
    let start_errors = errors.len();
    if form.segments.is_empty() {
        errors.push(FieldError::new(Field::Segments, Problem::Empty, ""));
        return None;
    }
    if form.segments.len() > MAX_SEGMENTS {
        let problem = Problem::TooMany { max: MAX_SEGMENTS };
        errors.push(FieldError::new(Field::Segments, problem, form.segments.len().to_string()));
        return None;
    }
    // Times first: the default windows depend on the gaps between segments.
    let mut times: Vec<Option<(DayTime, DayTime)>> = Vec::new();
    let mut previous_off: Option<DayTime> = None;
    for (i, s) in form.segments.iter().enumerate() {
        let mut own = Vec::new();
        let on = time(Field::On, &s.on, &mut own);
        let off = time(Field::Off, &s.off, &mut own);
        if let (Some(prev), Some(on)) = (previous_off, on)
            && on < prev
        {
            let problem = Problem::NotAfter { other: Field::Off, other_value: prev.to_string() };
            own.push(FieldError::new(Field::On, problem, &s.on));
        }
        let pair = match (on, off) {
            (Some(on), Some(off)) if off <= on => {
                let problem = Problem::NotAfter { other: Field::On, other_value: on.to_string() };
                own.push(FieldError::new(Field::Off, problem, &s.off));
                None
            }
            (Some(on), Some(off)) => Some((on, off)),
            _ => None,
        };
        previous_off = off.or(previous_off);
        located(Place::Segment(i), own, errors);
        times.push(pair);
    }
    if errors.len() > start_errors {
        return None;
    }
    let times: Vec<(DayTime, DayTime)> = times.into_iter().flatten().collect();
    let mut segments = Vec::new();
    for (i, (s, &(on, off))) in form.segments.iter().zip(&times).enumerate() {
        let mut own = Vec::new();
        let length = off.0 - on.0;
        let gap_before = i.checked_sub(1).map(|p| on.0 - times[p].1.0);
        let gap_after = times.get(i + 1).map(|n| n.0.0 - off.0);
        let half = |gap: Option<u32>, default: u32| gap.map_or(default, |g| default.min(g / 2));
        let in_before_default = match gap_before {
            // The previous segment's check-out window takes the first half of the gap.
            Some(g) => DEFAULT_CHECK_IN_BEFORE.min(g - g / 2),
            None => DEFAULT_CHECK_IN_BEFORE.min(on.0),
        };
        let in_after_default = DEFAULT_CHECK_IN_AFTER.min(length / 2);
        let out_before_default = DEFAULT_CHECK_OUT_BEFORE.min(length - in_after_default);
        let out_after_default = half(gap_after, DEFAULT_CHECK_OUT_AFTER);
        let w = |f, v, d: u32, e: &mut Vec<FieldError>| {
            minutes(f, v, 0, MAX_WINDOW_MINUTES, e).unwrap_or(if v.is_some() { 0 } else { d })
        };
        let segment = Segment {
            on,
            off,
            check_in_before_minutes: w(
                Field::CheckInBeforeMinutes,
                s.check_in_before_minutes,
                in_before_default,
                &mut own,
            ),
            check_in_after_minutes: w(
                Field::CheckInAfterMinutes,
                s.check_in_after_minutes,
                in_after_default,
                &mut own,
            ),
            check_out_before_minutes: w(
                Field::CheckOutBeforeMinutes,
                s.check_out_before_minutes,
                out_before_default,
                &mut own,
            ),
            check_out_after_minutes: w(
                Field::CheckOutAfterMinutes,
                s.check_out_after_minutes,
                out_after_default,
                &mut own,
            ),
            late_grace_minutes: 0,
            early_grace_minutes: 0,
            serious_late_minutes: None,
            late_absent_minutes: None,
            early_absent_minutes: None,
        };
        let t = thresholds(s, &mut own);
        let segment = Segment {
            late_grace_minutes: t.late_grace,
            early_grace_minutes: t.early_grace,
            serious_late_minutes: t.serious_late,
            late_absent_minutes: t.late_absent,
            early_absent_minutes: t.early_absent,
            ..segment
        };
        let (in_from, in_to) = segment.check_in_window();
        let (out_from, out_to) = segment.check_out_window();
        if in_to > out_from {
            let problem = Problem::WindowsOverlap { other: window_text(out_from, out_to) };
            let value = segment.check_in_after_minutes.to_string();
            own.push(FieldError::new(Field::CheckInAfterMinutes, problem, value));
        }
        if let Some(prev) = segments.last().map(Segment::check_out_window)
            && in_from < prev.1
        {
            let problem = Problem::WindowsOverlap { other: window_text(prev.0, prev.1) };
            let value = segment.check_in_before_minutes.to_string();
            own.push(FieldError::new(Field::CheckInBeforeMinutes, problem, value));
        }
        located(Place::Segment(i), own, errors);
        segments.push(segment);
    }
    if errors.len() > start_errors {
        return None;
    }
    let first_in = segments[0].check_in_window().0;
    let last_out = segments[segments.len() - 1].check_out_window().1;
    let day_change = match day_change {
        Some(dc) => dc,
        None if first_in < 0 => {
            let problem = Problem::OutOfRange { min: 0, max: i64::from(segments[0].on.0) };
            let value = segments[0].check_in_before_minutes.to_string();
            errors.push(
                FieldError::new(Field::CheckInBeforeMinutes, problem, value).at(Place::Segment(0)),
            );
            return None;
        }
        None => DayTime(u32::try_from(first_in).unwrap_or(0)),
    };
    let dc = i64::from(day_change.0);
    if first_in < dc {
        let problem = Problem::OutsideWorkDay { day_change: day_change.to_string() };
        errors.push(FieldError::new(Field::DayChange, problem, window_text(first_in, last_out)));
        return None;
    }
    if last_out > dc + i64::from(DAY) {
        let last = segments.len() - 1;
        let problem = Problem::LongerThanDay;
        let value = window_text(dc, last_out);
        errors.push(
            FieldError::new(Field::CheckOutAfterMinutes, problem, value).at(Place::Segment(last)),
        );
        return None;
    }
    let breaks = breaks(&form.breaks, Some(&segments), errors);
    let scheduled: u32 = segments.iter().map(Segment::minutes).sum();
    let default_required = breaks.as_ref().map_or(scheduled, |b| net_minutes(scheduled, b));
    let required =
        minutes(Field::RequiredMinutes, form.required_minutes, 1, i64::from(scheduled), errors)
            .unwrap_or(default_required);
    let breaks = breaks?;
    (errors.len() == start_errors).then_some((
        TimetableRule::Fixed { segments, breaks, required_minutes: required },
        day_change,
    ))
}

/// Scheduled minutes less unpaid breaks: fixed and must-punch ones always, auto ones when the
/// day is longer than their threshold.
fn net_minutes(scheduled: u32, breaks: &[Break]) -> u32 {
    let mut net = scheduled;
    for b in breaks.iter().filter(|b| !b.paid) {
        if let BreakKind::Fixed { .. } | BreakKind::MustPunch { .. } = b.kind {
            net = net.saturating_sub(b.kind.minutes());
        }
    }
    for b in breaks.iter().filter(|b| !b.paid) {
        if let BreakKind::Auto { minutes, after_worked_minutes } = b.kind
            && net > after_worked_minutes
        {
            net = net.saturating_sub(minutes);
        }
    }
    net.max(1)
}

/// Breaks; `segments` is `None` for flexible timetables, which take auto breaks only.
fn breaks(
    forms: &[BreakForm],
    segments: Option<&[Segment]>,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<Break>> {
    if forms.len() > MAX_BREAKS {
        let problem = Problem::TooMany { max: MAX_BREAKS };
        errors.push(FieldError::new(Field::BreakKind, problem, forms.len().to_string()));
        return None;
    }
    let start_errors = errors.len();
    let mut out: Vec<Break> = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        let mut own = Vec::new();
        let kind = match (f.kind.as_str(), segments) {
            ("fixed" | "must_punch", Some(segments)) => {
                let start = time(Field::BreakStart, &f.start, &mut own);
                let end = time(Field::BreakEnd, &f.end, &mut own);
                match (start, end) {
                    (Some(s), Some(e)) if e <= s => {
                        let problem = Problem::NotAfter {
                            other: Field::BreakStart,
                            other_value: s.to_string(),
                        };
                        own.push(FieldError::new(Field::BreakEnd, problem, &f.end));
                        None
                    }
                    (Some(start), Some(end)) => {
                        if !segments.iter().any(|seg| seg.on <= start && end <= seg.off) {
                            let problem = Problem::BreakOutsideSegments;
                            own.push(FieldError::new(
                                Field::BreakStart,
                                problem,
                                format!("{start}–{end}"),
                            ));
                        }
                        let clash = out
                            .iter()
                            .filter_map(|b| b.kind.span())
                            .find(|&(s, e)| s < end && start < e);
                        if let Some((s, e)) = clash {
                            let problem = Problem::WindowsOverlap { other: format!("{s}–{e}") };
                            own.push(FieldError::new(
                                Field::BreakStart,
                                problem,
                                format!("{start}–{end}"),
                            ));
                        }
                        Some(if f.kind == "fixed" {
                            BreakKind::Fixed { start, end }
                        } else {
                            BreakKind::MustPunch { start, end }
                        })
                    }
                    _ => None,
                }
            }
            ("auto", _) => {
                let m = minutes(Field::BreakMinutes, f.minutes, 1, 240, &mut own);
                let after = minutes(
                    Field::AfterWorkedMinutes,
                    f.after_worked_minutes,
                    1,
                    i64::from(DAY),
                    &mut own,
                );
                if f.minutes.is_none() {
                    own.push(FieldError::new(Field::BreakMinutes, Problem::Required, ""));
                }
                if f.after_worked_minutes.is_none() {
                    own.push(FieldError::new(Field::AfterWorkedMinutes, Problem::Required, ""));
                }
                match (m, after) {
                    (Some(minutes), Some(after_worked_minutes)) => {
                        Some(BreakKind::Auto { minutes, after_worked_minutes })
                    }
                    _ => None,
                }
            }
            (other, segments) => {
                let choices = if segments.is_some() { BreakKind::KEYS } else { &["auto"] };
                own.push(FieldError::new(Field::BreakKind, Problem::NotOneOf { choices }, other));
                None
            }
        };
        located(Place::Break(i), own, errors);
        if let Some(kind) = kind {
            out.push(Break { kind, paid: f.paid });
        }
    }
    (errors.len() == start_errors).then_some(out)
}

fn flexible(
    form: &TimetableForm,
    day_change: Option<DayTime>,
    errors: &mut Vec<FieldError>,
) -> Option<(TimetableRule, DayTime)> {
    let start_errors = errors.len();
    let earliest = if form.earliest_arrival.trim().is_empty() {
        None
    } else {
        time(Field::EarliestArrival, &form.earliest_arrival, errors)
    };
    let latest = time(Field::LatestArrival, &form.latest_arrival, errors);
    let late_grace =
        minutes(Field::LateGraceMinutes, form.late_grace_minutes, 0, MAX_WINDOW_MINUTES, errors);
    let late_absent =
        minutes(Field::LateAbsentMinutes, form.late_absent_minutes, 1, MAX_WINDOW_MINUTES, errors);
    if form.required_minutes.is_none() {
        errors.push(FieldError::new(Field::RequiredMinutes, Problem::Required, ""));
    }
    let required =
        minutes(Field::RequiredMinutes, form.required_minutes, 1, i64::from(DAY), errors);
    let breaks = breaks(&form.breaks, None, errors);
    let day_change = day_change.unwrap_or(DayTime(0));
    if let (Some(e), Some(l)) = (earliest, latest)
        && l < e
    {
        let problem =
            Problem::NotAfter { other: Field::EarliestArrival, other_value: e.to_string() };
        errors.push(FieldError::new(Field::LatestArrival, problem, &form.latest_arrival));
    }
    if let Some(first) = earliest.or(latest)
        && first < day_change
    {
        let problem = Problem::OutsideWorkDay { day_change: day_change.to_string() };
        let field = if earliest.is_some() { Field::EarliestArrival } else { Field::LatestArrival };
        errors.push(FieldError::new(field, problem, first.to_string()));
    }
    let (Some(latest_arrival), Some(required_minutes), Some(breaks)) = (latest, required, breaks)
    else {
        return None;
    };
    (errors.len() == start_errors).then_some((
        TimetableRule::Flexible {
            earliest_arrival: earliest,
            latest_arrival,
            late_grace_minutes: late_grace.unwrap_or(0),
            late_absent_minutes: late_absent,
            required_minutes,
            breaks,
        },
        day_change,
    ))
}

/// The form that gives back `timetable` when validated: for editing and for setup files.
/// Every default is written out, so what is saved is what is shown.
pub fn to_form(t: &Timetable) -> TimetableForm {
    let mut form = TimetableForm {
        code: t.code.clone(),
        name: t.name.clone(),
        color: t.color.clone().unwrap_or_default(),
        kind: t.rule.kind_key().to_owned(),
        day_value: Some(t.day_value.days()),
        day_change: t.day_change.to_string(),
        pairing: if t.pairing == Pairing::FirstLast {
            String::new()
        } else {
            t.pairing.key().to_owned()
        },
        ..TimetableForm::default()
    };
    let n = |v: u32| Some(i64::from(v));
    let break_form = |b: &Break| {
        let mut f =
            BreakForm { kind: b.kind.key().to_owned(), paid: b.paid, ..BreakForm::default() };
        match b.kind {
            BreakKind::Fixed { start, end } | BreakKind::MustPunch { start, end } => {
                f.start = start.to_string();
                f.end = end.to_string();
            }
            BreakKind::Auto { minutes, after_worked_minutes } => {
                f.minutes = n(minutes);
                f.after_worked_minutes = n(after_worked_minutes);
            }
        }
        f
    };
    match &t.rule {
        TimetableRule::Fixed { segments, breaks, required_minutes } => {
            form.required_minutes = n(*required_minutes);
            form.segments = segments
                .iter()
                .map(|s| SegmentForm {
                    on: s.on.to_string(),
                    off: s.off.to_string(),
                    check_in_before_minutes: n(s.check_in_before_minutes),
                    check_in_after_minutes: n(s.check_in_after_minutes),
                    check_out_before_minutes: n(s.check_out_before_minutes),
                    check_out_after_minutes: n(s.check_out_after_minutes),
                    late_grace_minutes: n(s.late_grace_minutes),
                    early_grace_minutes: n(s.early_grace_minutes),
                    serious_late_minutes: s.serious_late_minutes.and_then(n),
                    late_absent_minutes: s.late_absent_minutes.and_then(n),
                    early_absent_minutes: s.early_absent_minutes.and_then(n),
                })
                .collect();
            form.breaks = breaks.iter().map(break_form).collect();
        }
        TimetableRule::Flexible {
            earliest_arrival,
            latest_arrival,
            late_grace_minutes,
            late_absent_minutes,
            required_minutes,
            breaks,
        } => {
            form.earliest_arrival = earliest_arrival.map(|t| t.to_string()).unwrap_or_default();
            form.latest_arrival = latest_arrival.to_string();
            form.late_grace_minutes = n(*late_grace_minutes);
            form.late_absent_minutes = late_absent_minutes.and_then(n);
            form.required_minutes = n(*required_minutes);
            form.breaks = breaks.iter().map(break_form).collect();
        }
        TimetableRule::Free { required_minutes } => {
            form.required_minutes = required_minutes.and_then(n);
        }
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(on: &str, off: &str) -> SegmentForm {
        SegmentForm { on: on.into(), off: off.into(), ..SegmentForm::default() }
    }

    fn fixed_form(segments: Vec<SegmentForm>) -> TimetableForm {
        TimetableForm {
            code: "D".into(),
            name: "白班".into(),
            kind: "fixed".into(),
            segments,
            ..TimetableForm::default()
        }
    }

    fn problems(form: &TimetableForm) -> Vec<String> {
        match validate(form) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| format!("{} {:?}", e.path(), e.problem)).collect(),
        }
    }

    #[test]
    fn day_times_parse_and_print() {
        for (text, minutes, shown) in [
            ("9:00", 540, "09:00"),
            ("22:30", 1350, "22:30"),
            ("06:00+1", 1800, "06:00+1"),
            ("次日06:00", 1800, "06:00+1"),
            ("24:00", 1440, "00:00+1"),
            ("12：00", 720, "12:00"),
        ] {
            let t = DayTime::parse(text).unwrap_or_else(|| panic!("{text} should parse"));
            assert_eq!((t.minutes(), t.to_string().as_str()), (minutes, shown), "{text}");
        }
        for bad in ["", "9", "25:00", "09:60", "9:5", "23:59+2", "24:01", "a:bc", "24:00+1"] {
            assert_eq!(DayTime::parse(bad), None, "{bad:?} is not a time");
        }
    }

    #[test]
    fn office_day_with_lunch_gets_default_windows_and_required_minutes() {
        let mut form = fixed_form(vec![seg("09:00", "18:00")]);
        form.breaks = vec![BreakForm {
            kind: "fixed".into(),
            start: "12:00".into(),
            end: "13:00".into(),
            ..BreakForm::default()
        }];
        let t = validate(&form).expect("valid");
        let TimetableRule::Fixed { segments, required_minutes, .. } = &t.rule else {
            panic!("fixed")
        };
        assert_eq!(*required_minutes, 480, "9 hours less an unpaid lunch hour");
        assert_eq!(segments[0].check_in_window(), (420, 660), "07:00–11:00");
        assert_eq!(segments[0].check_out_window(), (960, 1320), "16:00–22:00");
        assert_eq!(t.day_change, DayTime::hm(7, 0), "the work day starts at the first window");
        assert_eq!(validate(&to_form(&t)), Ok(t), "the form of a timetable gives it back");
    }

    #[test]
    fn night_shift_crosses_midnight() {
        let t = validate(&fixed_form(vec![seg("22:00", "06:00+1")])).expect("valid");
        assert_eq!(t.work_spans(), vec![(1320, 1800)]);
        assert_eq!(t.required_minutes(), Some(480));
        let problems = problems(&fixed_form(vec![seg("22:00", "06:00")]));
        assert_eq!(
            problems,
            vec![r#"segments.0.off NotAfter { other: On, other_value: "22:00" }"#]
        );
    }

    #[test]
    fn split_shift_defaults_share_the_gap() {
        let t = validate(&fixed_form(vec![seg("08:00", "12:00"), seg("14:00", "18:00")])).unwrap();
        let TimetableRule::Fixed { segments, required_minutes, .. } = &t.rule else { panic!() };
        assert_eq!(segments[0].check_out_window().1, 780, "first segment keeps 12:00–13:00");
        assert_eq!(segments[1].check_in_window().0, 780, "second starts at 13:00");
        assert_eq!(*required_minutes, 480);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let mut form = fixed_form(vec![
            SegmentForm {
                late_grace_minutes: Some(10),
                serious_late_minutes: Some(5),
                check_in_after_minutes: Some(400),
                ..seg("09:00", "12:00")
            },
            seg("11:00", "bad"),
        ]);
        form.code = String::new();
        form.day_value = Some(0.7);
        assert_eq!(
            problems(&form),
            vec![
                "code Required",
                r#"day_value NotOneOf { choices: ["1", "0.5"] }"#,
                "segments.1.off BadTime",
                r#"segments.1.on NotAfter { other: Off, other_value: "12:00" }"#,
            ],
            "times are checked first; windows wait until the times are right"
        );
        form.segments[1] = seg("13:00", "18:00");
        form.code = "D".into();
        form.day_value = Some(0.5);
        assert_eq!(
            problems(&form),
            vec![
                r#"segments.0.serious_late_minutes NotAbove { other: LateGraceMinutes, other_value: "10" }"#,
                r#"segments.0.check_in_after_minutes WindowsOverlap { other: "10:30–12:30" }"#,
            ]
        );
    }

    #[test]
    fn windows_must_fit_in_one_work_day() {
        let long = SegmentForm { check_out_after_minutes: Some(720), ..seg("08:00", "20:00") };
        assert_eq!(
            problems(&fixed_form(vec![long])),
            vec![r#"segments.0.check_out_after_minutes LongerThanDay"#]
        );
        let mut late_change = fixed_form(vec![seg("09:00", "18:00")]);
        late_change.day_change = "08:00".into();
        assert_eq!(
            problems(&late_change),
            vec![r#"day_change OutsideWorkDay { day_change: "08:00" }"#]
        );
        assert_eq!(problems(&fixed_form(vec![])), vec!["segments Empty"]);
        let four = fixed_form(vec![seg("01:00", "02:00"); 4]);
        assert_eq!(problems(&four), vec!["segments TooMany { max: 3 }"]);
    }

    #[test]
    fn breaks_must_sit_inside_segments_and_not_overlap() {
        let mut form = fixed_form(vec![seg("09:00", "18:00")]);
        let b = |kind: &str, start: &str, end: &str| BreakForm {
            kind: kind.into(),
            start: start.into(),
            end: end.into(),
            ..BreakForm::default()
        };
        form.breaks = vec![
            b("fixed", "12:00", "13:00"),
            b("must_punch", "12:30", "12:45"),
            b("fixed", "18:00", "19:00"),
        ];
        assert_eq!(
            problems(&form),
            vec![
                r#"breaks.1.start WindowsOverlap { other: "12:00–13:00" }"#,
                r#"breaks.2.start BreakOutsideSegments"#,
            ]
        );
        form.breaks = vec![BreakForm {
            kind: "auto".into(),
            minutes: Some(30),
            after_worked_minutes: Some(360),
            ..BreakForm::default()
        }];
        assert_eq!(validate(&form).unwrap().required_minutes(), Some(510), "9 h less 30 min");
        form.breaks[0].paid = true;
        assert_eq!(validate(&form).unwrap().required_minutes(), Some(540), "a paid break counts");
    }

    #[test]
    fn flexible_and_free() {
        let flex = TimetableForm {
            code: "F".into(),
            name: "弹性".into(),
            kind: "flexible".into(),
            earliest_arrival: "07:30".into(),
            latest_arrival: "10:00".into(),
            required_minutes: Some(480),
            breaks: vec![BreakForm {
                kind: "auto".into(),
                minutes: Some(60),
                after_worked_minutes: Some(300),
                ..BreakForm::default()
            }],
            ..TimetableForm::default()
        };
        let t = validate(&flex).expect("valid");
        assert_eq!(t.work_spans(), vec![(600, 600 + 480 + 60)], "from the latest arrival");
        assert_eq!(validate(&to_form(&t)), Ok(t));
        let mut bad = flex.clone();
        bad.breaks[0].kind = "fixed".into();
        bad.required_minutes = None;
        assert_eq!(
            problems(&bad),
            vec!["required_minutes Required", r#"breaks.0.kind NotOneOf { choices: ["auto"] }"#,]
        );
        let free = TimetableForm {
            code: "Z".into(),
            name: "自由".into(),
            kind: "free".into(),
            day_change: "05:00".into(),
            ..TimetableForm::default()
        };
        let t = validate(&free).expect("valid");
        assert_eq!((t.day_change, t.work_spans()), (DayTime::hm(5, 0), vec![]));
        assert_eq!(
            problems(&TimetableForm { kind: "x".into(), ..free }),
            vec![r#"kind NotOneOf { choices: ["fixed", "flexible", "free"] }"#]
        );
    }
}
