//! Calendar dates as clerks type them: `2026-03-01`, `2026/3/1`, `2026.03.01`, `2026年3月1日`
//! or `20260301`. Output is always ISO 8601 (`2026-03-01`).
//!
//! Not here: times of day and zones (they arrive with punches, in a later module).

use chrono::{Datelike, NaiveDate};

use crate::validation::{Field, FieldError, Problem};

/// Years the product accepts for roster dates (hire, leave). Wider than any real roster,
/// narrow enough to catch a mistyped century.
pub const MIN_YEAR: i32 = 1950;
pub const MAX_YEAR: i32 = 2099;

/// Parses a date in one of the accepted formats, or `None`.
pub fn parse(value: &str) -> Option<NaiveDate> {
    let s = value.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let normalised: String = s
        .trim_end_matches('日')
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            other => other,
        })
        .collect();
    let mut parts = normalised.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Validates a date field; records a problem and returns `None` when it is not acceptable.
pub fn field(
    field: Field,
    value: &str,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        if required {
            errors.push(FieldError::new(field, Problem::Required, value));
        }
        return None;
    }
    match parse(value) {
        None => {
            errors.push(FieldError::new(field, Problem::BadDate, value));
            None
        }
        Some(d) if !(MIN_YEAR..=MAX_YEAR).contains(&d.year()) => {
            errors.push(FieldError::new(
                field,
                Problem::DateOutOfRange { min_year: MIN_YEAR, max_year: MAX_YEAR },
                value,
            ));
            None
        }
        Some(d) => Some(d),
    }
}

/// ISO 8601 form of a date, the one form used in storage, DTOs and output.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_formats() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 1);
        for s in ["2026-03-01", "2026-3-1", "2026/3/1", "2026.03.01", "2026年3月1日", "20260301"]
        {
            assert_eq!(parse(s), want, "{s} should parse as 2026-03-01");
        }
    }

    #[test]
    fn rejected_formats() {
        for s in ["", "2026-02-30", "2026-13-01", "26-3-1", "2026-03", "2026-03-01-02", "三月一日"]
        {
            assert_eq!(parse(s), None, "{s:?} is not a date");
        }
    }

    #[test]
    fn range_is_checked() {
        let mut errors = Vec::new();
        assert_eq!(field(Field::HiredOn, "1900-01-01", true, &mut errors), None);
        assert_eq!(
            errors[0].problem,
            Problem::DateOutOfRange { min_year: MIN_YEAR, max_year: MAX_YEAR }
        );
    }
}
