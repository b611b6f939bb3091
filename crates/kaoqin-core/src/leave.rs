//! Leave (请假): leave types with their unit and rules, how much a leave takes, and balances.
//!
//! A leave type says its unit (day, half day, hour), whether rest days inside a leave count
//! (产假 counts calendar days; 年假 does not — 职工带薪年休假条例 Art. 3), whether the person is
//! on duty meanwhile (外出, 出差), and whether it draws on a balance granted each year, with an
//! optional carry-over that expires.
//!
//! Amounts are integers in thousandths of the type's unit ([`Amount`]: 1 day = 1000, half a day
//! = 500, 1.5 hours = 1500), so sums are exact. A balance is a ledger: grants (annual, carried
//! over, adjustments) each valid from a date and maybe expiring, and leaves taken, consumed
//! first from the grant that expires first ([`balance`]).
//!
//! Not here: which days are working days for a person (the caller passes the plan), storage.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::validation::{self, Field, FieldError, Problem};

pub type LeaveTypeId = i64;

/// Thousandths of a leave type's unit.
pub type Amount = i64;
pub const ONE: Amount = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveUnit {
    Day,
    HalfDay,
    Hour,
}

impl LeaveUnit {
    pub const KEYS: &'static [&'static str] = &["day", "half_day", "hour"];

    pub fn key(self) -> &'static str {
        match self {
            LeaveUnit::Day => "day",
            LeaveUnit::HalfDay => "half_day",
            LeaveUnit::Hour => "hour",
        }
    }

    pub fn from_key(key: &str) -> Option<LeaveUnit> {
        [LeaveUnit::Day, LeaveUnit::HalfDay, LeaveUnit::Hour].into_iter().find(|u| u.key() == key)
    }
}

/// A validated leave type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveType {
    /// Short stable key (`annual`, `sick` …) or a company's own.
    pub code: String,
    pub name: String,
    pub unit: LeaveUnit,
    /// Rest days inside the leave count as leave (产假, 陪产假 count calendar days).
    pub counts_rest_days: bool,
    /// The person counts as at work (外出, 出差).
    pub on_duty: bool,
    pub paid: bool,
    /// Leave draws on a balance (年假, 调休假).
    pub tracks_balance: bool,
    /// Granted to everyone on the books each year (pro rata for the first year).
    pub annual_grant: Option<Amount>,
    /// At most this much of last year's balance carries over.
    pub max_carry_over: Option<Amount>,
    /// Carried-over balance expires after this month and day of the new year (e.g. 3-31).
    pub carry_over_expires: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LeaveTypeForm {
    pub code: String,
    pub name: String,
    /// `day`, `half_day` or `hour`.
    pub unit: String,
    pub counts_rest_days: bool,
    pub on_duty: bool,
    pub paid: bool,
    pub tracks_balance: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_grant: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_carry_over: Option<f64>,
    /// `MM-DD`, e.g. `03-31`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub carry_over_expires: String,
}

/// The leave types every new database starts with (a company may change or add to them).
pub const BUILTIN_CODES: &[&str] = &[
    "annual",
    "sick",
    "personal",
    "marriage",
    "maternity",
    "paternity",
    "bereavement",
    "time_off",
    "outing",
    "business_trip",
];

/// An amount typed in units (`1`, `0.5`, `1.5`) as thousandths, if it is a multiple of the
/// unit's step (half a day for day units, a quarter hour for hours).
pub fn amount_from_units(value: f64, unit: LeaveUnit) -> Option<Amount> {
    if !value.is_finite() || !(0.0..=10_000.0).contains(&value) {
        return None;
    }
    let milli = (value * 1000.0).round() as Amount;
    let step = match unit {
        LeaveUnit::Day | LeaveUnit::HalfDay => 500,
        LeaveUnit::Hour => 250,
    };
    (milli % step == 0).then_some(milli)
}

/// An amount as a clerk reads it: `3`, `0.5`, `1.25`.
pub fn amount_text(a: Amount) -> String {
    let whole = a / 1000;
    let frac = (a % 1000).abs();
    if frac == 0 {
        whole.to_string()
    } else {
        let sign = if a < 0 && whole == 0 { "-" } else { "" };
        format!("{sign}{whole}.{}", format!("{frac:03}").trim_end_matches('0'))
    }
}

pub fn validate_type(form: &LeaveTypeForm) -> Result<LeaveType, Vec<FieldError>> {
    let mut errors = Vec::new();
    let code = validation::text(Field::Code, &form.code, true, 20, &mut errors);
    if let Some(c) = &code
        && !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
    {
        let problem = Problem::BadCharacters { allowed: validation::CharSet::EmployeeNo };
        errors.push(FieldError::new(Field::Code, problem, c.clone()));
    }
    let name = validation::text(Field::Name, &form.name, true, 20, &mut errors);
    let unit = LeaveUnit::from_key(&form.unit);
    if unit.is_none() {
        errors.push(FieldError::new(
            Field::Unit,
            Problem::NotOneOf { choices: LeaveUnit::KEYS },
            &form.unit,
        ));
    }
    let amount = |field, v: Option<f64>, errors: &mut Vec<FieldError>| {
        let (v, u) = (v?, unit?);
        let a = amount_from_units(v, u);
        if a.is_none() {
            errors.push(FieldError::new(
                field,
                Problem::OutOfRange { min: 0, max: 10_000 },
                v.to_string(),
            ));
        }
        a
    };
    let annual_grant = amount(Field::AnnualGrant, form.annual_grant, &mut errors);
    let max_carry_over = amount(Field::MaxCarryOver, form.max_carry_over, &mut errors);
    let carry_over_expires = match form.carry_over_expires.trim() {
        "" => None,
        text => {
            let parsed = text
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
                .filter(|&(m, d)| NaiveDate::from_ymd_opt(2024, m, d).is_some());
            if parsed.is_none() {
                errors.push(FieldError::new(Field::CarryOverExpires, Problem::BadDate, text));
            }
            parsed
        }
    };
    let balance_only = [
        (Field::AnnualGrant, form.annual_grant.is_some()),
        (Field::MaxCarryOver, form.max_carry_over.is_some()),
        (Field::CarryOverExpires, !form.carry_over_expires.trim().is_empty()),
    ];
    if !form.tracks_balance {
        for (field, given) in balance_only {
            if given {
                errors.push(FieldError::new(field, Problem::OnlyWithBalance, ""));
            }
        }
    }
    match (code, name, unit) {
        (Some(code), Some(name), Some(unit)) if errors.is_empty() => Ok(LeaveType {
            code,
            name,
            unit,
            counts_rest_days: form.counts_rest_days,
            on_duty: form.on_duty,
            paid: form.paid,
            tracks_balance: form.tracks_balance,
            annual_grant,
            max_carry_over,
            carry_over_expires,
        }),
        _ => Err(errors),
    }
}

pub fn type_form(t: &LeaveType) -> LeaveTypeForm {
    let units = |a: Amount| a as f64 / 1000.0;
    LeaveTypeForm {
        code: t.code.clone(),
        name: t.name.clone(),
        unit: t.unit.key().to_owned(),
        counts_rest_days: t.counts_rest_days,
        on_duty: t.on_duty,
        paid: t.paid,
        tracks_balance: t.tracks_balance,
        annual_grant: t.annual_grant.map(units),
        max_carry_over: t.max_carry_over.map(units),
        carry_over_expires: t
            .carry_over_expires
            .map(|(m, d)| format!("{m:02}-{d:02}"))
            .unwrap_or_default(),
    }
}

/// Morning or afternoon, for leaves in half days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    Am,
    Pm,
}

/// When a leave runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LeaveSpan {
    /// Whole days, `start..=end`; for half-day types the first day may start in the afternoon
    /// and the last day may end at noon.
    Days { start: NaiveDate, start_half: Half, end: NaiveDate, end_half: Half },
    /// Hours on one date.
    Hours { date: NaiveDate, from: NaiveTime, to: NaiveTime },
}

impl LeaveSpan {
    pub fn first_date(&self) -> NaiveDate {
        match *self {
            LeaveSpan::Days { start, .. } => start,
            LeaveSpan::Hours { date, .. } => date,
        }
    }

    pub fn last_date(&self) -> NaiveDate {
        match *self {
            LeaveSpan::Days { end, .. } => end,
            LeaveSpan::Hours { date, .. } => date,
        }
    }

    /// True when the two spans share time (same dates; half days and hours compared).
    pub fn overlaps(&self, other: &LeaveSpan) -> bool {
        let key = |s: &LeaveSpan| match *s {
            LeaveSpan::Days { start, start_half, end, end_half } => {
                let a = (start, if start_half == Half::Am { 0 } else { 720 });
                let b = (end, if end_half == Half::Am { 720 } else { 1440 });
                (a, b)
            }
            LeaveSpan::Hours { date, from, to } => {
                let m = |t: NaiveTime| t.hour() * 60 + t.minute();
                ((date, m(from)), (date, m(to)))
            }
        };
        let ((a0, a1), (b0, b1)) = (key(self), key(other));
        a0 < b1 && b0 < a1
    }
}

/// How much a leave takes. `working` says whether the person is planned to work on a date
/// (consulted only when rest days do not count). Hours are the clock hours asked for.
pub fn amount(t: &LeaveType, span: &LeaveSpan, working: impl Fn(NaiveDate) -> bool) -> Amount {
    match *span {
        LeaveSpan::Hours { from, to, .. } => {
            let minutes = i64::from((to - from).num_minutes().max(0) as i32);
            minutes * 1000 / 60
        }
        LeaveSpan::Days { start, start_half, end, end_half } => {
            let mut total = 0;
            for d in start.iter_days().take_while(|d| *d <= end) {
                if !t.counts_rest_days && !working(d) {
                    continue;
                }
                let mut day = ONE;
                if d == start && start_half == Half::Pm {
                    day -= 500;
                }
                if d == end && end_half == Half::Am {
                    day -= 500;
                }
                total += day.max(0);
            }
            total
        }
    }
}

/// The first year's grant for someone hired during the year: the share of the year left, in
/// whole days, rounded down (企业职工带薪年休假实施办法 Art. 5: less than one day is not granted).
pub fn pro_rata(annual: Amount, year: i32, hired_on: NaiveDate) -> Amount {
    if hired_on.year() < year {
        return annual;
    }
    if hired_on.year() > year {
        return 0;
    }
    let days_in_year = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() { 366 } else { 365 };
    let left = i64::from(days_in_year - hired_on.ordinal0());
    let share = annual * left / days_in_year as i64;
    share / ONE * ONE
}

/// One entry of the balance ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub amount: Amount,
    pub valid_from: NaiveDate,
    pub expires_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Balance {
    pub granted: Amount,
    pub taken: Amount,
    pub expired: Amount,
    /// What is left on `as_of` (negative when more was taken than granted).
    pub remaining: Amount,
}

/// The balance on `as_of`: leaves taken (by date) consume the valid grant that expires first;
/// what is left of an expired grant is lost.
pub fn balance(grants: &[Grant], taken: &[(NaiveDate, Amount)], as_of: NaiveDate) -> Balance {
    let mut left: Vec<(Grant, Amount)> = grants.iter().map(|g| (*g, g.amount)).collect();
    left.sort_by_key(|(g, _)| (g.expires_on.unwrap_or(NaiveDate::MAX), g.valid_from));
    let mut taken_sorted: Vec<_> = taken.iter().filter(|(d, _)| *d <= as_of).copied().collect();
    taken_sorted.sort();
    let mut overdrawn = 0;
    for (date, mut need) in taken_sorted {
        for (g, rest) in left.iter_mut() {
            let valid = g.valid_from <= date && g.expires_on.is_none_or(|e| date <= e);
            if need == 0 || !valid || *rest <= 0 {
                continue;
            }
            let used = need.min(*rest);
            *rest -= used;
            need -= used;
        }
        overdrawn += need;
    }
    let granted = grants.iter().filter(|g| g.valid_from <= as_of).map(|g| g.amount).sum();
    let expired: Amount = left
        .iter()
        .filter(|(g, _)| g.expires_on.is_some_and(|e| e < as_of))
        .map(|(_, rest)| *rest)
        .sum();
    let available: Amount = left
        .iter()
        .filter(|(g, _)| g.valid_from <= as_of && g.expires_on.is_none_or(|e| e >= as_of))
        .map(|(_, rest)| *rest)
        .sum();
    let taken = taken.iter().filter(|(d, _)| *d <= as_of).map(|(_, a)| a).sum();
    Balance { granted, taken, expired, remaining: available - overdrawn }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::date::parse(s).expect("date")
    }

    fn annual() -> LeaveType {
        validate_type(&LeaveTypeForm {
            code: "annual".into(),
            name: "年假".into(),
            unit: "half_day".into(),
            paid: true,
            tracks_balance: true,
            annual_grant: Some(5.0),
            max_carry_over: Some(5.0),
            carry_over_expires: "03-31".into(),
            ..Default::default()
        })
        .expect("valid")
    }

    #[test]
    fn types_validate_and_round_trip() {
        let t = annual();
        assert_eq!((t.annual_grant, t.carry_over_expires), (Some(5000), Some((3, 31))));
        assert_eq!(validate_type(&type_form(&t)), Ok(t));
        let bad = LeaveTypeForm {
            code: "年假".into(),
            name: "".into(),
            unit: "week".into(),
            annual_grant: Some(1.0),
            ..Default::default()
        };
        let problems: Vec<String> = validate_type(&bad)
            .unwrap_err()
            .iter()
            .map(|e| format!("{} {:?}", e.path(), e.problem))
            .collect();
        assert_eq!(
            problems,
            [
                "code BadCharacters { allowed: EmployeeNo }",
                "name Required",
                r#"unit NotOneOf { choices: ["day", "half_day", "hour"] }"#,
                "annual_grant OnlyWithBalance",
            ]
        );
    }

    #[test]
    fn amounts_skip_rest_days_unless_they_count() {
        // 2026-10-08 (Thu) to 2026-10-12 (Mon): Sat 10 is 调休上班 (working), Sun 11 rest.
        let working = |x: NaiveDate| x != d("2026-10-11");
        let span = LeaveSpan::Days {
            start: d("2026-10-08"),
            start_half: Half::Pm,
            end: d("2026-10-12"),
            end_half: Half::Am,
        };
        assert_eq!(amount(&annual(), &span, working), 3000, "½ + 1 + 1 + ½, Sunday skipped");
        let maternity = LeaveType { counts_rest_days: true, ..annual() };
        assert_eq!(amount(&maternity, &span, working), 4000, "calendar days count");
        let hours = LeaveSpan::Hours {
            date: d("2026-10-09"),
            from: NaiveTime::from_hms_opt(14, 0, 0).expect("t"),
            to: NaiveTime::from_hms_opt(15, 30, 0).expect("t"),
        };
        assert_eq!(amount(&annual(), &hours, working), 1500);
        assert!(
            span.overlaps(&hours)
                && !hours.overlaps(&LeaveSpan::Hours {
                    date: d("2026-10-09"),
                    from: NaiveTime::from_hms_opt(15, 30, 0).expect("t"),
                    to: NaiveTime::from_hms_opt(16, 0, 0).expect("t"),
                })
        );
        assert_eq!(
            [amount_text(3000), amount_text(500), amount_text(1250), amount_text(-500)],
            ["3", "0.5", "1.25", "-0.5"]
        );
    }

    #[test]
    fn pro_rata_rounds_down_to_whole_days() {
        assert_eq!(pro_rata(5000, 2026, d("2020-03-01")), 5000);
        assert_eq!(pro_rata(5000, 2026, d("2026-07-01")), 2000, "184/365 × 5 = 2.52 → 2");
        assert_eq!(pro_rata(5000, 2026, d("2027-01-01")), 0);
    }

    #[test]
    fn carry_over_is_used_first_and_expires() {
        let grants = [
            Grant { amount: 5000, valid_from: d("2026-01-01"), expires_on: None },
            Grant { amount: 3000, valid_from: d("2026-01-01"), expires_on: Some(d("2026-03-31")) },
        ];
        let taken = [(d("2026-02-10"), 2000), (d("2026-05-06"), 1000)];
        assert_eq!(
            balance(&grants, &taken, d("2026-03-01")),
            Balance { granted: 8000, taken: 2000, expired: 0, remaining: 6000 }
        );
        assert_eq!(
            balance(&grants, &taken, d("2026-06-01")),
            Balance { granted: 8000, taken: 3000, expired: 1000, remaining: 4000 },
            "2 days came from the carry-over, 1 expired, May's day came from this year's 5"
        );
        let over = [(d("2026-06-01"), 9000)];
        assert_eq!(balance(&grants, &over, d("2026-06-02")).remaining, -4000);
    }
}
