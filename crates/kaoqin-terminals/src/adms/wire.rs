//! The pure half of the ADMS/PUSH receiver: what the device's requests say and what Kaoqin
//! answers, as text in and values out (zk-protocol.md §18). The query of every `/iclock/…`
//! request ([`parse_query`]), the ATTLOG body ([`parse_attlog_body`], with the size caps of
//! [`check_caps`]), the options reply ([`options_reply`]), command results
//! ([`parse_command_results`]) and the HTTP `Date` value ([`http_date`]).
//!
//! An ATTLOG line is an `attlog.dat` line (§20) without the DeviceID column, so every line is
//! read by [`crate::files::parse_attlog`] with an empty DeviceID put back in: PIN, time, number
//! and text rules, and the [`LineError`]s, are the USB import's. Nothing here panics on any input
//! and nothing stops at the first bad line. Not here: sockets, HTTP status codes, which devices
//! may push, and storage (see the parent module and the sink).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use crate::files::{self, ATTLOG_MAX_LINE_BYTES, LineError, LineProblem, PunchWho};

/// Largest request body read, in bytes (1 MiB; a real ATTLOG post is a few kilobytes).
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Most lines read from one ATTLOG post.
pub const MAX_LINES: usize = 10_000;
/// Longest ATTLOG line read, in bytes without the line break (the `attlog.dat` limit, 1 KiB).
pub const MAX_LINE_BYTES: usize = ATTLOG_MAX_LINE_BYTES;
/// Longest serial number accepted, in characters.
pub const SERIAL_MAX_CHARS: usize = 64;
/// Longest upload stamp kept, in characters.
pub const STAMP_MAX_CHARS: usize = 32;
/// Characters of an offending line a [`PushLineError`] keeps (as the file parsers do).
const EXCERPT_CHARS: usize = 64;

/// A bad ATTLOG line: the same type, columns and problems as a bad `attlog.dat` line. The columns
/// are `PIN`, `DateTime`, `Status`, `Verify` and `WorkCode`.
pub type PushLineError = LineError;

/// What the query string of an `/iclock/…` request says. Names are matched in any case (`SN`
/// and `sn` both occur); the first occurrence of a name wins; values are percent-decoded.
/// Parameters Kaoqin has no use for are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushQuery {
    /// `SN`: the device's serial number, as sent (check it with [`is_serial`]).
    pub serial: Option<String>,
    /// `options` (`all` in the handshake).
    pub options: Option<String>,
    /// `table` of a `cdata` post: `ATTLOG`, `OPERLOG`, `ATTPHOTO`, `BIODATA`, …
    pub table: Option<String>,
    /// `Stamp` of a `cdata` post, as sent (see [`PushQuery::stamp`]).
    pub stamp: Option<String>,
    /// `pushver`, e.g. `2.4.1`.
    pub push_version: Option<String>,
    /// `language`, a firmware language number.
    pub language: Option<String>,
}

impl PushQuery {
    /// The serial number when it is one ([`is_serial`]).
    pub fn valid_serial(&self) -> Option<&str> {
        self.serial.as_deref().filter(|s| is_serial(s))
    }

    /// The upload stamp when it looks like one: 1–32 ASCII letters or digits. Anything else
    /// is no stamp (the stamp only tells the device where to resume; a garbled one is useless).
    pub fn stamp(&self) -> Option<&str> {
        self.stamp.as_deref().filter(|s| {
            !s.is_empty()
                && s.len() <= STAMP_MAX_CHARS
                && s.bytes().all(|b| b.is_ascii_alphanumeric())
        })
    }

    /// Whether `table` names this table (any case).
    pub fn is_table(&self, name: &str) -> bool {
        self.table.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(name))
    }
}

/// A serial number Kaoqin accepts: 1–64 ASCII letters, digits, `-`, `_` or `.`. ZKTeco serials
/// are letters and digits (`CDQ9192160003`); anything else is not a terminal.
pub fn is_serial(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= SERIAL_MAX_CHARS
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Reads a query string (without the `?`): `SN=…&options=all&pushver=2.4.1&language=83`.
pub fn parse_query(query: &str) -> PushQuery {
    let mut out = PushQuery::default();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(name);
        let slot = match name.to_ascii_lowercase().as_str() {
            "sn" => &mut out.serial,
            "options" => &mut out.options,
            "table" => &mut out.table,
            "stamp" => &mut out.stamp,
            "pushver" => &mut out.push_version,
            "language" => &mut out.language,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(percent_decode(value));
        }
    }
    out
}

/// `%XX` and `+` decoded; bad escapes are kept as written, bad UTF-8 becomes U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|&h| char::from(h).to_digit(16));
        match b {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(high), Some(low)) => {
                    out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One punch from an ATTLOG post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PushPunch {
    /// 1-based line number in the post.
    pub line: usize,
    /// The terminal PIN (考勤号码), without padding.
    pub pin: String,
    /// The terminal's wall-clock time (no zone), seconds precision.
    pub local: NaiveDateTime,
    /// ZK punch state (0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 OT-in, 5 OT-out).
    pub state: Option<u8>,
    /// ZK verify mode (0 password, 1 fingerprint, 4 card, 15 face, 25 palm; firmware differs).
    pub verify: Option<u8>,
    /// As sent; devices send `0` when no work code was entered.
    pub work_code: Option<String>,
}

/// Every punch of an ATTLOG post and every line that gave none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedAttlog {
    pub punches: Vec<PushPunch>,
    pub errors: Vec<PushLineError>,
}

/// A post over one of the caps: refused whole (HTTP 413), nothing of it is handed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TooLarge {
    #[error(
        "the body is larger than {max_bytes} bytes: set the terminal to upload more often \
         (TransInterval) so each post is smaller"
    )]
    Body { max_bytes: usize },
    #[error(
        "the post has more than {max_lines} lines: set the terminal to upload more often \
         (TransInterval) so each post is smaller"
    )]
    Lines { max_lines: usize },
    #[error(
        "line {line} is longer than {max_bytes} bytes: this is not an attendance line; \
         check what is posting to this address"
    )]
    Line { line: usize, max_bytes: usize },
}

/// Checks the caps of one post: at most [`MAX_BODY_BYTES`] bytes, [`MAX_LINES`] lines (a final
/// line break ends the last line and starts none) and [`MAX_LINE_BYTES`] bytes per line (LF or
/// CRLF not counted).
pub fn check_caps(body: &[u8]) -> Result<(), TooLarge> {
    if body.len() > MAX_BODY_BYTES {
        return Err(TooLarge::Body { max_bytes: MAX_BODY_BYTES });
    }
    for (index, line) in lines(body).enumerate() {
        if index >= MAX_LINES {
            return Err(TooLarge::Lines { max_lines: MAX_LINES });
        }
        if line.len() > MAX_LINE_BYTES {
            return Err(TooLarge::Line { line: index + 1, max_bytes: MAX_LINE_BYTES });
        }
    }
    Ok(())
}

/// The lines of a body: split at LF, a trailing CR dropped, no empty line after a final LF.
fn lines(body: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = body.strip_suffix(b"\n").unwrap_or(body);
    let pieces = if body.is_empty() { None } else { Some(body.split(|&b| b == b'\n')) };
    pieces.into_iter().flatten().map(|line| line.strip_suffix(b"\r").unwrap_or(line))
}

/// Reads an ATTLOG post: one punch per line (LF or CRLF), tab-separated
/// `PIN \t YYYY-MM-DD HH:MM:SS \t Status \t Verify \t WorkCode \t Reserved…`. Fields after the
/// time may be missing (then `None`); fields after WorkCode are ignored (newer firmware sends
/// up to ten). Bytes that are not UTF-8 become U+FFFD (and so a bad field); a UTF-8 BOM is
/// dropped; blank lines are skipped. Over a cap ([`check_caps`]) the whole post is refused;
/// otherwise every other line gives exactly one punch or one error.
pub fn parse_attlog_body(body: &[u8]) -> Result<ParsedAttlog, TooLarge> {
    check_caps(body)?;
    let body = body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(body);
    let mut out = ParsedAttlog::default();
    for (index, line) in lines(body).enumerate() {
        let text = String::from_utf8_lossy(line);
        if text.chars().all(|c| c.is_whitespace() || c == '\0') {
            continue;
        }
        match attlog_line(index + 1, &text) {
            Ok(punch) => out.punches.push(punch),
            Err(error) => out.errors.push(error),
        }
    }
    Ok(out)
}

/// One non-blank line, read as the `attlog.dat` line `PIN \t Time \t <empty DeviceID> \t Status
/// \t Verify \t WorkCode`. The added tab can push a line whose first five fields fill the whole
/// 1 KiB over the `attlog.dat` limit: such a line (no punch could be that long) is reported as
/// [`LineProblem::LineTooLong`].
fn attlog_line(line_no: usize, text: &str) -> Result<PushPunch, PushLineError> {
    let fields: Vec<&str> = text.splitn(6, '\t').take(5).collect();
    let as_attlog = match fields.as_slice() {
        [pin, time, rest @ ..] => {
            let mut line = format!("{pin}\t{time}\t");
            for field in rest {
                line.push('\t');
                line.push_str(field);
            }
            line
        }
        _ => text.to_owned(),
    };
    let parsed = files::parse_attlog(&as_attlog);
    let whole = |problem| LineError { line: line_no, column: None, value: excerpt(text), problem };
    if let Some(mut error) = parsed.errors.into_iter().next() {
        error.line = line_no;
        if error.column.is_none() {
            // The value is the line as the device sent it, not as rebuilt above.
            error.value = excerpt(text);
        }
        return Err(error);
    }
    match parsed.punches.into_iter().next() {
        Some(punch) => match punch.who {
            PunchWho::Pin(pin) => Ok(PushPunch {
                line: line_no,
                pin,
                local: punch.local,
                state: punch.state,
                verify: punch.verify,
                work_code: punch.work_code,
            }),
            // parse_attlog reads PINs only.
            PunchWho::EmployeeNo(_) => Err(whole(LineProblem::BadPin)),
        },
        // Blank in its first five fields but not after them: no PIN.
        None => Err(LineError {
            line: line_no,
            column: Some("PIN".to_owned()),
            value: String::new(),
            problem: LineProblem::MissingValue,
        }),
    }
}

/// The first [`EXCERPT_CHARS`] characters, with `…` when cut.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// What the options reply tells one device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushOptions {
    /// The stamp of the last ATTLOG post stored from this device; `None` (sent as `0`) asks for
    /// everything the device holds. A stamp that is not 1–32 letters or digits is sent as `0`.
    pub attlog_stamp: Option<String>,
    /// The device's `TimeZone=`, in hours from UTC (8 for China).
    pub time_zone_hours: i8,
}

impl Default for PushOptions {
    /// Everything the device holds, China time (UTC+8).
    fn default() -> Self {
        PushOptions { attlog_stamp: None, time_zone_hours: 8 }
    }
}

/// The reply to the handshake `GET /iclock/cdata?SN=…&options=all`, LF line ends:
///
/// ```text
/// GET OPTION FROM: <SN>
/// ATTLOGStamp=<stamp or 0>
/// OPERLOGStamp=9999
/// ErrorDelay=30
/// Delay=10
/// TransTimes=00:00;14:05
/// TransInterval=1
/// TransFlag=TransData AttLog<TAB>OpLog<TAB>EnrollUser<TAB>ChgUser
/// TimeZone=<hours>
/// Realtime=1
/// Encrypt=None
/// ```
///
/// `OPERLOGStamp=9999` (what most open-source servers send) asks for no old operation log:
/// Kaoqin discards it anyway. `<TAB>` is a tab character. `TransFlag` names no fingerprint, face or photo table, so the
/// device does not offer biometric data. `serial` must pass [`is_serial`] (the caller checks),
/// so it cannot add lines.
pub fn options_reply(serial: &str, options: &PushOptions) -> String {
    let stamp = PushQuery { stamp: options.attlog_stamp.clone(), ..PushQuery::default() }
        .stamp()
        .unwrap_or("0")
        .to_owned();
    format!(
        "GET OPTION FROM: {serial}\n\
         ATTLOGStamp={stamp}\n\
         OPERLOGStamp=9999\n\
         ErrorDelay=30\n\
         Delay=10\n\
         TransTimes=00:00;14:05\n\
         TransInterval=1\n\
         TransFlag=TransData AttLog\tOpLog\tEnrollUser\tChgUser\n\
         TimeZone={}\n\
         Realtime=1\n\
         Encrypt=None\n",
        options.time_zone_hours
    )
}

/// One line of a `POST /iclock/devicecmd` body: `ID=<id>&Return=<code>&CMD=<verb>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandResult {
    /// `ID`: the command's id as the server sent it.
    pub id: Option<String>,
    /// `Return`: 0 ok, −1 not supported or no data, −2 file operation failed, −1002 bad syntax,
    /// −1004 table unsupported. `None` when missing or not a number.
    pub return_code: Option<i32>,
    /// `CMD`: the command's verb (`INFO`, `DATA`, …).
    pub command: Option<String>,
}

/// Reads a `devicecmd` body: one result per line that names at least one of `ID`, `Return`
/// and `CMD` (any case); other lines (the data some commands return) are skipped.
pub fn parse_command_results(body: &[u8]) -> Vec<CommandResult> {
    let mut out = Vec::new();
    for line in lines(body) {
        let text = String::from_utf8_lossy(line);
        let mut result = CommandResult::default();
        let mut named = false;
        for pair in text.split('&') {
            let Some((name, value)) = pair.split_once('=') else { continue };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "id" => result.id = Some(excerpt(value)),
                "return" => result.return_code = value.parse().ok(),
                "cmd" => result.command = Some(excerpt(value)),
                _ => continue,
            }
            named = true;
        }
        if named {
            out.push(result);
        }
    }
    out
}

/// `at` as an HTTP date (RFC 9110 IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|day| day.and_hms_opt(h, mi, s))
            .expect("test date is real")
    }

    fn problems(parsed: &ParsedAttlog) -> Vec<(usize, Option<&str>, LineProblem)> {
        parsed.errors.iter().map(|e| (e.line, e.column.as_deref(), e.problem)).collect()
    }

    #[test]
    fn query_names_any_case_first_wins_and_values_decoded() {
        let q = parse_query("sn=CDQ9192160003&options=all&pushver=2.4.1&language=83&SN=OTHER");
        assert_eq!(q.serial.as_deref(), Some("CDQ9192160003"), "the first SN wins");
        assert_eq!(q.options.as_deref(), Some("all"));
        assert_eq!(q.push_version.as_deref(), Some("2.4.1"));
        assert_eq!(q.language.as_deref(), Some("83"));
        let q = parse_query("SN=A%2D1&table=ATTLOG&Stamp=9999&x&=&%zz=1");
        assert_eq!(q.valid_serial(), Some("A-1"));
        assert!(q.is_table("attlog"));
        assert_eq!(q.stamp(), Some("9999"));
        assert_eq!(parse_query(""), PushQuery::default());
    }

    #[test]
    fn serials_and_stamps_are_checked() {
        assert!(is_serial("CDQ9192160003"));
        assert!(!is_serial(""));
        assert!(!is_serial("A\nB"), "no line breaks into the options reply");
        assert!(!is_serial(&"A".repeat(65)));
        let q = parse_query("SN=%0Aevil&Stamp=1%0A2");
        assert_eq!(q.valid_serial(), None);
        assert_eq!(q.stamp(), None);
    }

    #[test]
    fn percent_decoding_keeps_bad_escapes() {
        assert_eq!(percent_decode("a+b%20c%4"), "a b c%4");
        assert_eq!(percent_decode("%E4%B8%AD%ff"), "中\u{fffd}");
    }

    #[test]
    fn attlog_body_reads_seven_and_ten_field_lines() {
        let body = b"1\t2025-08-27 10:57:49\t0\t1\t0\t0\t0\n\
                     11\t2025-08-27 10:57:50\t1\t25\t7\t0\t0\t0\t0\t0\r\n";
        let parsed = parse_attlog_body(body).expect("under the caps");
        assert_eq!(problems(&parsed), vec![]);
        assert_eq!(
            parsed.punches,
            vec![
                PushPunch {
                    line: 1,
                    pin: "1".into(),
                    local: at(2025, 8, 27, 10, 57, 49),
                    state: Some(0),
                    verify: Some(1),
                    work_code: Some("0".into()),
                },
                PushPunch {
                    line: 2,
                    pin: "11".into(),
                    local: at(2025, 8, 27, 10, 57, 50),
                    state: Some(1),
                    verify: Some(25),
                    work_code: Some("7".into()),
                },
            ]
        );
    }

    #[test]
    fn attlog_body_short_lines_and_bad_fields_name_the_push_columns() {
        let body = "5\t2025-06-01 07:59:59\n\
                    6\n\
                    7\t2026-02-30 08:00:00\t0\n\
                    8\t2025-06-01 08:00:00\t300\n\
                    9\t2025-06-01 08:00:00\t0\tx\n\
                    10\t2025-06-01 08:00:00\t0\t1\twork\u{1}code\n\
                    \t\t\t\t\t\tonly reserved\n";
        let parsed = parse_attlog_body(body.as_bytes()).expect("under the caps");
        assert_eq!(
            problems(&parsed),
            vec![
                (2, None, LineProblem::TooFewFields { found: 1, expected: 2 }),
                (3, Some("DateTime"), LineProblem::BadDateTime),
                (4, Some("Status"), LineProblem::BadNumber),
                (5, Some("Verify"), LineProblem::BadNumber),
                (6, Some("WorkCode"), LineProblem::BadText),
                (7, Some("PIN"), LineProblem::MissingValue),
            ]
        );
        assert_eq!(parsed.errors[0].value, "6", "the line as sent");
        let p = &parsed.punches[0];
        assert_eq!((p.line, p.state, p.verify, p.work_code.as_ref()), (1, None, None, None));
    }

    #[test]
    fn attlog_body_bom_blank_lines_and_bad_utf8() {
        let mut body = "\u{feff}1\t2025-06-01 08:00:00\n\n \r\n".as_bytes().to_vec();
        body.extend_from_slice(b"\xff\xfe\t2025-06-01 08:00:00\n2\t2025-06-01 08:00:01");
        let parsed = parse_attlog_body(&body).expect("under the caps");
        assert_eq!(problems(&parsed), vec![(4, Some("PIN"), LineProblem::BadPin)]);
        let lines: Vec<usize> = parsed.punches.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![1, 5], "no final line break is needed");
    }

    #[test]
    fn caps_count_lines_and_bytes() {
        let line = "1\t2025-06-01 08:00:00\n";
        assert_eq!(check_caps(line.repeat(MAX_LINES).as_bytes()), Ok(()));
        assert_eq!(
            check_caps(line.repeat(MAX_LINES + 1).as_bytes()),
            Err(TooLarge::Lines { max_lines: MAX_LINES })
        );
        let long = format!("1\t{}\r\n", "x".repeat(MAX_LINE_BYTES - 2));
        assert_eq!(check_caps(long.as_bytes()), Ok(()), "CRLF is not counted");
        let longer = format!("ok\n1\t{}\n", "x".repeat(MAX_LINE_BYTES - 1));
        assert_eq!(
            check_caps(longer.as_bytes()),
            Err(TooLarge::Line { line: 2, max_bytes: MAX_LINE_BYTES })
        );
        assert_eq!(
            check_caps(&vec![b'1'; MAX_BODY_BYTES + 1]),
            Err(TooLarge::Body { max_bytes: MAX_BODY_BYTES })
        );
        assert_eq!(parse_attlog_body(b""), Ok(ParsedAttlog::default()));
    }

    #[test]
    fn options_reply_lists_every_option() {
        let text = options_reply(
            "CDQ1",
            &PushOptions { attlog_stamp: Some("12345".into()), time_zone_hours: 8 },
        );
        assert_eq!(
            text,
            "GET OPTION FROM: CDQ1\nATTLOGStamp=12345\nOPERLOGStamp=9999\nErrorDelay=30\n\
             Delay=10\nTransTimes=00:00;14:05\nTransInterval=1\n\
             TransFlag=TransData AttLog\tOpLog\tEnrollUser\tChgUser\nTimeZone=8\nRealtime=1\n\
             Encrypt=None\n"
        );
        let fresh = options_reply("X", &PushOptions::default());
        assert!(fresh.contains("\nATTLOGStamp=0\n"), "no stamp asks for everything: {fresh}");
        let odd = PushOptions { attlog_stamp: Some("1\nRealtime=0".into()), time_zone_hours: -5 };
        let text = options_reply("X", &odd);
        assert!(text.contains("\nATTLOGStamp=0\n") && text.contains("\nTimeZone=-5\n"), "{text}");
    }

    #[test]
    fn command_results_one_per_line() {
        let body = b"ID=1&Return=0&CMD=INFO\r\n~DeviceName=K40\nID=2&Return=-1002&CMD=USER ADD\n\
                     id=3&return=x\n";
        assert_eq!(
            parse_command_results(body),
            vec![
                CommandResult {
                    id: Some("1".into()),
                    return_code: Some(0),
                    command: Some("INFO".into())
                },
                CommandResult {
                    id: Some("2".into()),
                    return_code: Some(-1002),
                    command: Some("USER ADD".into())
                },
                CommandResult { id: Some("3".into()), return_code: None, command: None },
            ]
        );
    }

    #[test]
    fn http_date_is_imf_fixdate() {
        let at = Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 37).single().expect("real");
        assert_eq!(http_date(at), "Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
