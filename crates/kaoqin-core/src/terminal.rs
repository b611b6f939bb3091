//! Terminal settings (考勤机): what the clerk enters for each device on the LAN, validated in one
//! pass that reports every problem. Also the clock-drift rule every pull applies.
//!
//! Not here: talking to devices (kaoqin-terminals), the comm key's storage (the OS keyring), and
//! the schedule's timing (the collector).

use chrono::{NaiveDateTime, NaiveTime};

use crate::company;
use crate::validation::{self, Field, FieldError, Problem};

pub const NAME_MAX_CHARS: usize = 40;
pub const HOST_MAX_CHARS: usize = 253;
pub const LOCATION_MAX_CHARS: usize = 100;
/// The ZK port every terminal ships with.
pub const DEFAULT_PORT: u16 = 4370;
/// Clock drift beyond this is shown as a warning on every pull (product.md asks for 60 s).
pub const DRIFT_WARNING_SECONDS: i64 = 60;
/// Fixed pull times per day, at most.
pub const MAX_AT_TIMES: usize = 12;

/// `push`: the terminal sends its punches over ADMS (HTTP) and is never pulled.
pub const TRANSPORTS: &[&str] = &["auto", "tcp", "udp", "push"];
pub const STATE_KEYS: &[&str] = &["none", "hint", "trust"];
pub const NAME_CODECS: &[&str] = &["gbk", "utf8", "windows1252", "windows1251", "windows1256"];

/// The settings as entered (text from a form or a command line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsInput {
    pub name: String,
    pub host: String,
    pub port: u32,
    pub transport: String,
    pub tz: String,
    pub location: String,
    pub state_key: String,
    pub name_codec: String,
    pub every_minutes: Option<u32>,
    /// `HH:MM` each.
    pub at_times: Vec<String>,
    /// Digits, when the clerk sets or changes the comm key.
    pub comm_key: Option<String>,
}

/// Validated settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub transport: String,
    pub tz: String,
    pub location: String,
    pub state_key: String,
    pub name_codec: String,
    pub every_minutes: Option<u16>,
    /// Sorted, without repeats.
    pub at_times: Vec<NaiveTime>,
    /// `Some(0)` removes a comm key.
    pub comm_key: Option<u32>,
}

fn choice(
    field: Field,
    value: &str,
    choices: &'static [&'static str],
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    if choices.contains(&value) {
        Some(value.to_owned())
    } else {
        errors.push(FieldError::new(field, Problem::NotOneOf { choices }, value));
        None
    }
}

/// A host name or IPv4/IPv6 address: letters, digits, `.`, `-`, `:` and `_`.
fn host(value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let host = validation::text(Field::Host, value, true, HOST_MAX_CHARS, errors)?;
    // A colon belongs only in an IPv6 address: `192.168.1.201:4370` is an address with a port.
    let ok = if host.contains(':') {
        host.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    if ok {
        Some(host)
    } else {
        errors.push(FieldError::new(
            Field::Host,
            Problem::BadCharacters { allowed: validation::CharSet::HostName },
            value,
        ));
        None
    }
}

/// The port terminals push to unless the clerk picks another (the port ZKTeco's own ADMS
/// software suggests).
pub const DEFAULT_RECEIVER_PORT: u16 = 8081;

/// Where the ADMS receiver listens: `host` is one of this PC's IP addresses, empty for all of
/// them; `port` 1–65535.
pub fn receiver_address(host: &str, port: u32) -> Result<std::net::SocketAddr, Vec<FieldError>> {
    let mut errors = Vec::new();
    let ip = if host.trim().is_empty() {
        Some(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    } else {
        match host.trim().parse::<std::net::IpAddr>() {
            Ok(ip) => Some(ip),
            Err(_) => {
                errors.push(FieldError::new(Field::Host, Problem::NotIpAddress, host));
                None
            }
        }
    };
    let port = match u16::try_from(port) {
        Ok(p) if p > 0 => Some(p),
        _ => {
            errors.push(FieldError::new(
                Field::Port,
                Problem::OutOfRange { min: 1, max: 65535 },
                port.to_string(),
            ));
            None
        }
    };
    match (ip, port) {
        (Some(ip), Some(port)) => Ok(std::net::SocketAddr::new(ip, port)),
        _ => Err(errors),
    }
}

/// Validates every field and returns every problem.
pub fn validate(input: &SettingsInput) -> Result<Settings, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = validation::text(Field::Name, &input.name, true, NAME_MAX_CHARS, &mut errors);
    let host = host(&input.host, &mut errors);
    let port = match u16::try_from(input.port) {
        Ok(p) if p > 0 => Some(p),
        _ => {
            errors.push(FieldError::new(
                Field::Port,
                Problem::OutOfRange { min: 1, max: 65535 },
                input.port.to_string(),
            ));
            None
        }
    };
    let transport = choice(Field::Transport, &input.transport, TRANSPORTS, &mut errors);
    let tz = if company::utc_offset_seconds(&input.tz).is_some() {
        Some(input.tz.clone())
    } else {
        errors.push(FieldError::new(
            Field::Timezone,
            Problem::UnknownTimezone { supported: company::TIMEZONE_NAMES },
            &input.tz,
        ));
        None
    };
    let before = errors.len();
    let location =
        validation::text(Field::Location, &input.location, false, LOCATION_MAX_CHARS, &mut errors);
    // An empty location is fine: it is just not known.
    let location = (errors.len() == before).then(|| location.unwrap_or_default());
    let state_key = choice(Field::StateKey, &input.state_key, STATE_KEYS, &mut errors);
    let name_codec = choice(Field::NameCodec, &input.name_codec, NAME_CODECS, &mut errors);
    let every_minutes = match input.every_minutes {
        None => Some(None),
        Some(m) if (1..=1440).contains(&m) => Some(u16::try_from(m).ok()),
        Some(m) => {
            errors.push(FieldError::new(
                Field::EveryMinutes,
                Problem::OutOfRange { min: 1, max: 1440 },
                m.to_string(),
            ));
            None
        }
    };
    let mut at_times = Vec::new();
    for text in &input.at_times {
        match NaiveTime::parse_from_str(text.trim(), "%H:%M") {
            Ok(t) => at_times.push(t),
            Err(_) => errors.push(FieldError::new(Field::AtTimes, Problem::BadTime, text)),
        }
    }
    at_times.sort();
    at_times.dedup();
    if at_times.len() > MAX_AT_TIMES {
        errors.push(FieldError::new(
            Field::AtTimes,
            Problem::OutOfRange { min: 0, max: MAX_AT_TIMES as i64 },
            at_times.len().to_string(),
        ));
    }
    let comm_key = match input.comm_key.as_deref().map(str::trim) {
        None => Some(None),
        Some("") => Some(Some(0)),
        Some(digits) => match digits.parse::<u32>() {
            Ok(k) if digits.bytes().all(|b| b.is_ascii_digit()) && digits.len() <= 9 => {
                Some(Some(k))
            }
            _ => {
                errors.push(FieldError::new(
                    Field::CommKey,
                    Problem::OutOfRange { min: 0, max: 999_999_999 },
                    "******",
                ));
                None
            }
        },
    };
    match (
        name,
        host,
        port,
        transport,
        tz,
        location,
        state_key,
        name_codec,
        every_minutes,
        comm_key,
    ) {
        (
            Some(name),
            Some(host),
            Some(port),
            Some(transport),
            Some(tz),
            Some(location),
            Some(state_key),
            Some(name_codec),
            Some(every_minutes),
            Some(comm_key),
        ) if errors.is_empty() => Ok(Settings {
            name,
            host,
            port,
            transport,
            tz,
            location,
            state_key,
            name_codec,
            every_minutes,
            at_times,
            comm_key,
        }),
        _ => Err(errors),
    }
}

/// Whether a measured drift (terminal clock minus PC clock) deserves a warning.
pub fn drift_warning(skew_seconds: i64) -> bool {
    skew_seconds.abs() > DRIFT_WARNING_SECONDS
}

/// Longest wait before a failing terminal is tried again, in minutes.
pub const MAX_BACKOFF_MINUTES: i64 = 60;

/// When a terminal's schedule asks for a pull: every `every` minutes after the last attempt,
/// and at each of `at_times` (a slot missed while the PC was off is caught up once). A terminal
/// whose last `failures` attempts failed waits 2, 4, 8 … up to 60 minutes before the next try
/// (or its interval, when that is longer), so an unplugged terminal is not hammered. All times
/// are the PC's local wall clock.
pub fn pull_due(
    every: Option<u16>,
    at_times: &[NaiveTime],
    last_attempt: Option<NaiveDateTime>,
    failures: u32,
    now: NaiveDateTime,
) -> bool {
    if every.is_none() && at_times.is_empty() {
        return false;
    }
    let Some(last) = last_attempt else { return true };
    if failures > 0 {
        let backoff = 1i64
            .checked_shl(failures.min(6))
            .unwrap_or(MAX_BACKOFF_MINUTES)
            .min(MAX_BACKOFF_MINUTES)
            .max(every.map_or(0, i64::from));
        return now >= last + chrono::Duration::minutes(backoff);
    }
    if let Some(m) = every
        && now >= last + chrono::Duration::minutes(i64::from(m))
    {
        return true;
    }
    // The latest fixed slot at or before now (today's, or yesterday's last one).
    let today = now.date();
    let slot = at_times
        .iter()
        .rev()
        .map(|t| today.and_time(*t))
        .find(|s| *s <= now)
        .or_else(|| at_times.last().and_then(|t| today.pred_opt().map(|d| d.and_time(*t))));
    slot.is_some_and(|s| last < s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> SettingsInput {
        SettingsInput {
            name: "前门".into(),
            host: "192.168.1.201".into(),
            port: 4370,
            transport: "auto".into(),
            tz: "Asia/Shanghai".into(),
            location: "一号门".into(),
            state_key: "hint".into(),
            name_codec: "gbk".into(),
            every_minutes: Some(30),
            at_times: vec!["12:00".into(), "08:30".into(), "12:00".into()],
            comm_key: Some("123456".into()),
        }
    }

    #[test]
    fn the_receiver_listens_on_all_addresses_or_one_ip() {
        assert_eq!(receiver_address("", 8081).unwrap().to_string(), "0.0.0.0:8081");
        assert_eq!(receiver_address(" 192.168.1.10 ", 80).unwrap().to_string(), "192.168.1.10:80");
        let errors = receiver_address("pc-01.local", 0).unwrap_err();
        let kinds: Vec<_> = errors.iter().map(|e| (e.field, e.problem.clone())).collect();
        assert_eq!(
            kinds,
            [
                (Field::Host, Problem::NotIpAddress),
                (Field::Port, Problem::OutOfRange { min: 1, max: 65535 })
            ]
        );
        assert!(receiver_address("192.168.1.10:8081", 8081).is_err(), "a port inside the host");
    }

    #[test]
    fn good_settings_are_kept_and_times_sorted() {
        let s = validate(&good()).unwrap();
        assert_eq!(s.port, 4370);
        assert_eq!(s.comm_key, Some(123_456));
        let times: Vec<String> = s.at_times.iter().map(|t| t.format("%H:%M").to_string()).collect();
        assert_eq!(times, ["08:30", "12:00"]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once_and_the_key_is_never_echoed() {
        let input = SettingsInput {
            name: " ".into(),
            host: "192.168.1.201/24".into(),
            port: 70000,
            transport: "serial".into(),
            tz: "Europe/Paris".into(),
            state_key: "always".into(),
            name_codec: "big5".into(),
            every_minutes: Some(0),
            at_times: vec!["25:00".into()],
            comm_key: Some("12ab".into()),
            ..good()
        };
        let errors = validate(&input).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.key()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "host",
                "port",
                "transport",
                "timezone",
                "state_key",
                "name_codec",
                "every_minutes",
                "at_times",
                "comm_key"
            ]
        );
        assert!(errors.iter().all(|e| !e.value.contains("12ab")));
    }

    #[test]
    fn only_name_and_host_are_required() {
        let s = validate(&SettingsInput {
            location: String::new(),
            comm_key: None,
            at_times: vec![],
            every_minutes: None,
            ..good()
        })
        .unwrap();
        assert_eq!(s.location, "");
        assert!(validate(&SettingsInput { host: "fe80::1".into(), ..good() }).is_ok());
        let errors =
            validate(&SettingsInput { host: "10.0.0.9:4370".into(), ..good() }).unwrap_err();
        assert_eq!(errors[0].field.key(), "host");
        let errors =
            validate(&SettingsInput { name: String::new(), host: String::new(), ..good() })
                .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.key()).collect();
        assert_eq!(fields, ["name", "host"]);
    }

    #[test]
    fn an_empty_comm_key_removes_it() {
        let s = validate(&SettingsInput { comm_key: Some(String::new()), ..good() }).unwrap();
        assert_eq!(s.comm_key, Some(0));
        let s = validate(&SettingsInput { comm_key: None, ..good() }).unwrap();
        assert_eq!(s.comm_key, None);
    }

    #[test]
    fn drift_warns_beyond_a_minute_either_way() {
        assert!(!drift_warning(60));
        assert!(drift_warning(61));
        assert!(drift_warning(-3600));
    }

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn a_schedule_pulls_on_its_interval_and_its_fixed_times() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        // No schedule: never.
        assert!(!pull_due(None, &[], None, 0, at(9, 0)));
        // Never pulled: at once.
        assert!(pull_due(Some(30), &[], None, 0, at(9, 0)));
        assert!(!pull_due(Some(30), &[], Some(at(8, 45)), 0, at(9, 14)));
        assert!(pull_due(Some(30), &[], Some(at(8, 45)), 0, at(9, 15)));
        let slots = [t(8, 30), t(12, 0)];
        assert!(!pull_due(None, &slots, Some(at(8, 31)), 0, at(11, 59)));
        assert!(pull_due(None, &slots, Some(at(8, 31)), 0, at(12, 0)));
        // The PC was off at 12:00: caught up once at 15:00, not again.
        assert!(pull_due(None, &slots, Some(at(8, 31)), 0, at(15, 0)));
        assert!(!pull_due(None, &slots, Some(at(15, 0)), 0, at(15, 10)));
        // Before today's first slot, yesterday's last one counts.
        assert!(pull_due(None, &slots, Some(at(8, 31) - chrono::Duration::days(1)), 0, at(7, 0)));
    }

    #[test]
    fn a_failing_terminal_is_tried_less_and_less_often() {
        let last = at(9, 0);
        let next = |failures| {
            (1..=120).find(|m| {
                pull_due(Some(5), &[], Some(last), failures, last + chrono::Duration::minutes(*m))
            })
        };
        assert_eq!(next(0), Some(5));
        assert_eq!(next(1), Some(5), "the interval is longer than the first backoff");
        assert_eq!(next(3), Some(8));
        assert_eq!(next(5), Some(32));
        assert_eq!(next(9), Some(60));
    }
}
