//! Company settings (公司设置): the company name printed on every report, and the time zone
//! terminals and punches default to.
//!
//! Time zones are a short list of named zones with fixed offsets: mainland China has had no
//! daylight saving time since 1991, and Xinjiang sites may run on UTC+6. Sites elsewhere need
//! a tz database, which arrives when a customer needs it.

use crate::validation::{self, Field, FieldError, Problem};

pub const NAME_MAX_CHARS: usize = 100;
pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

/// Supported zones and their offset from UTC in seconds.
pub const TIMEZONES: &[(&str, i32)] = &[
    ("Asia/Shanghai", 8 * 3600),
    ("Asia/Urumqi", 6 * 3600),
    ("Asia/Hong_Kong", 8 * 3600),
    ("Asia/Macau", 8 * 3600),
    ("Asia/Taipei", 8 * 3600),
];
pub const TIMEZONE_NAMES: &[&str] =
    &["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei"];

/// Validated company settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanySettings {
    pub name: String,
    pub timezone: String,
}

/// Validates both fields and returns every problem.
pub fn validate(name: &str, timezone: &str) -> Result<CompanySettings, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = validation::text(Field::CompanyName, name, true, NAME_MAX_CHARS, &mut errors);
    let tz = if TIMEZONE_NAMES.contains(&timezone) {
        Some(timezone.to_owned())
    } else {
        errors.push(FieldError::new(
            Field::Timezone,
            Problem::UnknownTimezone { supported: TIMEZONE_NAMES },
            timezone,
        ));
        None
    };
    match (name, tz) {
        (Some(name), Some(timezone)) => Ok(CompanySettings { name, timezone }),
        _ => Err(errors),
    }
}

/// Offset from UTC in seconds of a supported zone.
pub fn utc_offset_seconds(timezone: &str) -> Option<i32> {
    TIMEZONES.iter().find(|(n, _)| *n == timezone).map(|(_, off)| *off)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_zones() {
        assert!(validate("某某电子厂", "Asia/Shanghai").is_ok());
        let errs = validate("", "Europe/Paris").expect_err("both fields are wrong");
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[1].field, Field::Timezone);
        assert_eq!(utc_offset_seconds("Asia/Urumqi"), Some(6 * 3600));
        assert_eq!(TIMEZONES.len(), TIMEZONE_NAMES.len());
    }
}
