//! Punch files: the `attlog.dat` a ZKTeco TFT terminal writes to a USB stick, and punch CSV/TSV
//! files exported from Excel or other attendance software. Both become [`FilePunch`]es plus one
//! [`LineError`] for every line that could not be read, so an import preview can show the clerk
//! every good punch and every bad line at once instead of stopping at the first problem.
//!
//! The attlog parser is written by hand: the format is a simple ZK-specific tab format
//! (`PIN \t YYYY-MM-DD HH:MM:SS \t DeviceID \t Status \t Verify \t WorkCode`, see
//! `zk-protocol.md` §20) that no crate reads. CSV is read with the `csv` crate (quoting, embedded
//! newlines); only the column mapping and the cell rules are ours. Header names are compared
//! after [`kaoqin_core::import::normalise_header`] and 工号 is checked with
//! [`kaoqin_core::employee::employee_no`], so the roster import and the punch import agree.
//!
//! Everything here is pure and total: text in, values out, no I/O and no clock, and no input
//! (huge lines, NULs, numbers out of range) makes it panic. `user.dat`, the binary user list of a
//! USB export, is read by [`parse_user_dat`] with the protocol's user record parsers. Not here:
//! decoding bytes (the caller turns GBK or UTF-8 bytes into text), the binary B&W `attlog.dat`
//! (its format is not documented anywhere reliable), matching a PIN or 工号 to an employee, the
//! terminal's time zone, and dedup against stored punches.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use kaoqin_core::employee;
use kaoqin_core::import::normalise_header;
use serde::Serialize;

use crate::zk::{self, RecordError, UserLayout, UserRecord};

/// Longest terminal PIN accepted, in ASCII characters (the TFT user record holds 24 bytes).
pub const PIN_MAX_CHARS: usize = 24;
/// Longest `attlog.dat` line read; real lines are about 40 bytes.
pub const ATTLOG_MAX_LINE_BYTES: usize = 1024;
/// Longest terminal id or work code kept, in characters.
pub const TEXT_MAX_CHARS: usize = 32;
/// Years a punch may fall in; anything else is a terminal whose clock was never set.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;
/// How much of an offending value a [`LineError`] keeps, in characters.
const EXCERPT_CHARS: usize = 64;

/// The `attlog.dat` columns, named as in ZKTeco's `UDisk.cs`; used as [`LineError::column`].
const ATTLOG_COLUMNS: [&str; 6] = ["PIN", "DateTime", "DeviceID", "Status", "Verify", "WorkCode"];

// `LineProblem::expected` spells these limits out as literals; keep them in step.
const _: () = assert!(employee::EMPLOYEE_NO_MAX_CHARS == 20);
const _: () = assert!(PIN_MAX_CHARS == 24 && TEXT_MAX_CHARS == 32);

/// `user.dat` from a terminal's USB export: whole user records of 72 bytes (TFT) or 28 bytes
/// (black-and-white), without the size prefix the network read has (`zk-protocol.md` §20). The
/// layout is recognised as for a pull; an empty file holds nobody.
pub fn parse_user_dat(bytes: &[u8]) -> Result<(UserLayout, Vec<UserRecord>), RecordError> {
    let len =
        u32::try_from(bytes.len()).map_err(|_| RecordError::NoLayout { body_len: bytes.len() })?;
    let mut buf = Vec::with_capacity(bytes.len().saturating_add(4));
    buf.extend_from_slice(&len.to_le_bytes());
    buf.extend_from_slice(bytes);
    let layout = zk::detect_user_layout(&buf)?;
    Ok((layout, zk::parse_users(&buf, layout)?))
}

/// Who a punch line names: a terminal PIN (考勤号码) or an employee number (工号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PunchWho {
    Pin(String),
    EmployeeNo(String),
}

/// One punch read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilePunch {
    /// 1-based line number in the file (for CSV the header is a line too, usually line 1).
    pub line: usize,
    pub who: PunchWho,
    /// The terminal's wall-clock time (no zone), seconds precision.
    pub local: NaiveDateTime,
    /// attlog: the DeviceID column; CSV: the optional 设备/terminal column.
    pub terminal: Option<String>,
    /// ZK punch state (0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 OT-in, 5 OT-out).
    /// People press the wrong key: a hint only.
    pub state: Option<u8>,
    /// ZK verify mode (0 password, 1 fingerprint, others differ by firmware).
    pub verify: Option<u8>,
    /// As written; ZK writes `0` when no work code was entered.
    pub work_code: Option<String>,
}

/// A line that gave no punch: where, which column, what it said, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// 1-based line number in the file.
    pub line: usize,
    /// The column as the file names it (CSV header text, or the attlog field name); `None` when
    /// the whole line is at fault.
    pub column: Option<String>,
    /// The offending value (or line), cut to 64 characters.
    pub value: String,
    pub problem: LineProblem,
}

/// What was wrong with a line. The caller words the message from [`LineProblem::key`] and
/// [`LineProblem::expected`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "key", rename_all = "snake_case")]
pub enum LineProblem {
    /// A CSV file with no header row at all.
    Empty,
    /// The CSV header names no 工号 and no PIN column.
    NoWhoColumn,
    /// The CSV header names neither a date-time column nor a date and a time column.
    NoTimeColumn,
    /// An attlog line longer than [`ATTLOG_MAX_LINE_BYTES`].
    LineTooLong {
        max_bytes: usize,
    },
    /// An attlog line with fewer than PIN and time.
    TooFewFields {
        found: usize,
        expected: usize,
    },
    /// A required cell is empty.
    MissingValue,
    BadPin,
    BadEmployeeNo,
    BadDateTime,
    BadDate,
    BadTime,
    /// A well-formed date outside [`YEARS`].
    YearOutOfRange,
    /// State or verify is not a whole number from 0 to 255.
    BadNumber,
    /// Terminal id or work code too long or holding control characters.
    BadText,
    /// The CSV reader could not read the record.
    BadCsv,
}

impl LineProblem {
    /// Stable snake_case code (the same as the serialised `key`).
    pub fn key(&self) -> &'static str {
        match self {
            LineProblem::Empty => "empty",
            LineProblem::NoWhoColumn => "no_who_column",
            LineProblem::NoTimeColumn => "no_time_column",
            LineProblem::LineTooLong { .. } => "line_too_long",
            LineProblem::TooFewFields { .. } => "too_few_fields",
            LineProblem::MissingValue => "missing_value",
            LineProblem::BadPin => "bad_pin",
            LineProblem::BadEmployeeNo => "bad_employee_no",
            LineProblem::BadDateTime => "bad_date_time",
            LineProblem::BadDate => "bad_date",
            LineProblem::BadTime => "bad_time",
            LineProblem::YearOutOfRange => "year_out_of_range",
            LineProblem::BadNumber => "bad_number",
            LineProblem::BadText => "bad_text",
            LineProblem::BadCsv => "bad_csv",
        }
    }

    /// What a good value or line looks like, in formats and names the same in both languages.
    pub fn expected(&self) -> &'static str {
        match self {
            LineProblem::Empty => "a header row naming the columns, then one punch per row",
            LineProblem::NoWhoColumn => {
                "工号 / 员工编号 / employee_no, or 考勤号码 / 登记号码 / 考勤机工号 / 用户号 / PIN / user id"
            }
            LineProblem::NoTimeColumn => {
                "打卡时间 / 日期时间 / 签到时间 / 时间 / punch time / datetime / timestamp, \
                 or 日期 / date with 时间 / 打卡时刻 / time"
            }
            LineProblem::LineTooLong { .. } | LineProblem::TooFewFields { .. } => {
                "PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>DeviceID<TAB>Status<TAB>Verify<TAB>WorkCode"
            }
            LineProblem::MissingValue => "a value",
            LineProblem::BadPin => "1–24 ASCII letters or digits",
            LineProblem::BadEmployeeNo => "1–20 characters from A–Z, a–z, 0–9, - and _",
            LineProblem::BadDateTime => "YYYY-MM-DD HH:MM:SS",
            LineProblem::BadDate => "YYYY-MM-DD",
            LineProblem::BadTime => "HH:MM:SS",
            LineProblem::YearOutOfRange => "a year from 2000 to 2099",
            LineProblem::BadNumber => "a whole number from 0 to 255",
            LineProblem::BadText => "at most 32 characters, no control characters",
            LineProblem::BadCsv => "well-formed CSV",
        }
    }
}

/// Every punch read from a file and every line that gave none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedPunches {
    pub punches: Vec<FilePunch>,
    pub errors: Vec<LineError>,
}

/// Which parser a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PunchFileKind {
    Attlog,
    Csv,
}

/// Decides the format from the file name and the first line: attlog if the name ends with
/// `attlog.dat` (any case) or the first non-blank line has at least two tab fields, the first
/// digits and spaces, the second exactly `YYYY-MM-DD HH:MM:SS`; otherwise CSV.
pub fn detect_kind(file_name: &str, text: &str) -> PunchFileKind {
    const SUFFIX: &[u8] = b"attlog.dat";
    let name = file_name.as_bytes();
    if name.len() >= SUFFIX.len() && name[name.len() - SUFFIX.len()..].eq_ignore_ascii_case(SUFFIX)
    {
        return PunchFileKind::Attlog;
    }
    let Some(first) = strip_bom(text).lines().find(|l| !is_blank(l)) else {
        return PunchFileKind::Csv;
    };
    let mut fields = first.split('\t');
    if let (Some(pin), Some(time)) = (fields.next(), fields.next())
        && !pin.trim().is_empty()
        && pin.bytes().all(|b| b.is_ascii_digit() || b == b' ')
        && is_attlog_time(time.trim())
    {
        PunchFileKind::Attlog
    } else {
        PunchFileKind::Csv
    }
}

/// Reads a ZK TFT `attlog.dat` / `<id>_attlog.dat`: one record per line (CRLF or LF), fields
/// `PIN \t YYYY-MM-DD HH:MM:SS \t DeviceID \t Status \t Verify \t WorkCode`. The PIN may be
/// padded with spaces; fields after the time may be missing (then `None`), fields after the
/// sixth are ignored. Blank lines (spaces, tabs, NULs only) are skipped; every other line gives
/// exactly one punch or one error.
pub fn parse_attlog(text: &str) -> ParsedPunches {
    let mut out = ParsedPunches::default();
    for (index, line) in strip_bom(text).lines().enumerate() {
        if is_blank(line) {
            continue;
        }
        match attlog_line(index + 1, line) {
            Ok(punch) => out.punches.push(punch),
            Err(error) => out.errors.push(error),
        }
    }
    out
}

fn attlog_line(line_no: usize, line: &str) -> Result<FilePunch, LineError> {
    let whole = |problem| LineError { line: line_no, column: None, value: excerpt(line), problem };
    if line.len() > ATTLOG_MAX_LINE_BYTES {
        return Err(whole(LineProblem::LineTooLong { max_bytes: ATTLOG_MAX_LINE_BYTES }));
    }
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() < 2 {
        return Err(whole(LineProblem::TooFewFields { found: fields.len(), expected: 2 }));
    }
    let at = |index: usize, problem| LineError {
        line: line_no,
        column: Some(ATTLOG_COLUMNS[index].to_owned()),
        value: excerpt(fields[index]),
        problem,
    };
    let field = |index: usize| fields.get(index).copied().unwrap_or("");
    let who = pin(field(0)).map_err(|p| at(0, p))?;
    let local = required(field(1)).and_then(datetime).map_err(|p| at(1, p))?;
    let terminal = text_value(field(2)).map_err(|p| at(2, p))?;
    let state = number(field(3)).map_err(|p| at(3, p))?;
    let verify = number(field(4)).map_err(|p| at(4, p))?;
    let work_code = text_value(field(5)).map_err(|p| at(5, p))?;
    Ok(FilePunch { line: line_no, who, local, terminal, state, verify, work_code })
}

/// Reads a punch CSV or TSV (already decoded to text; a leading BOM is dropped). The first
/// non-blank row is the header; its columns are recognised by name, Chinese or English, any
/// case, ignoring spaces, `*`, `_` and `-`:
///
/// - who: 工号 / 员工编号 / employee_no / employee number → [`PunchWho::EmployeeNo`];
///   考勤号码 / 登记号码 / 考勤机工号 / 用户号 / PIN / user id → [`PunchWho::Pin`]. With both, 工号
///   wins and the PIN column is ignored.
/// - time: one date-time column (打卡时间 / 日期时间 / 签到时间 / punch time / datetime /
///   timestamp, or 时间 / time when there is no date column), or a date column (日期 / date)
///   plus a time column (时间 / 打卡时刻 / time). A date-time cell holding only a time takes the
///   date column's date; a date cell may carry a midnight time (`2026-03-05 00:00:00`).
///   Accepted: `YYYY-MM-DD HH:MM[:SS]`, `/` for `-`, unpadded month, day and hour, `T` for the
///   space; fractions of a second are dropped.
/// - optional: 设备 / 设备号 / 机器号 / terminal / device; 状态 / state; 验证方式 / verify;
///   工作代码 / work code. Other columns (姓名, 部门 …) are ignored.
///
/// The separator is a tab if the header has at least as many tabs as commas (and one), else a
/// comma. A header without a who or time column gives one error on its line and nothing else.
/// Rows of nothing but blanks and separators are skipped; every other row gives one punch or
/// one error.
pub fn parse_punch_csv(text: &str) -> ParsedPunches {
    let text = strip_bom(text);
    let mut out = ParsedPunches::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut columns: Option<Columns> = None;
    let mut lines = LineCounter::new(text);
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                out.errors.push(LineError {
                    line: lines.line_at(error.position()),
                    column: None,
                    value: String::new(),
                    problem: LineProblem::BadCsv,
                });
                continue;
            }
        };
        let line = lines.line_at(record.position());
        if record.iter().all(is_blank_row) {
            continue;
        }
        match &columns {
            None => match Columns::from_header(&record) {
                Ok(found) => columns = Some(found),
                Err(problem) => {
                    let header: Vec<&str> = record.iter().collect();
                    out.errors.push(LineError {
                        line,
                        column: None,
                        value: excerpt(&header.join(" | ")),
                        problem,
                    });
                    return out;
                }
            },
            Some(columns) => match columns.row(line, &record) {
                Ok(punch) => out.punches.push(punch),
                Err(error) => out.errors.push(error),
            },
        }
    }
    if columns.is_none() && out.errors.is_empty() {
        out.errors.push(LineError {
            line: 1,
            column: None,
            value: String::new(),
            problem: LineProblem::Empty,
        });
    }
    out
}

/// Line numbers of CSV records. The `csv` crate's own `Position::line` is off after CRLF and
/// blank lines, and its byte offset points into the line break before the record; so the
/// record starts at the first byte from there that is not `\r` or `\n`, and its line is one
/// more than the `\n`s before that. Records come in order, so counting is incremental.
struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text: text.as_bytes(), counted_to: 0, line: 1 }
    }

    fn line_at(&mut self, position: Option<&csv::Position>) -> usize {
        let Some(position) = position else {
            return self.line;
        };
        let mut start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(self.text.len());
        while self.text.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.counted_to {
            // Not expected (records come in order); count again from the top.
            self.counted_to = 0;
            self.line = 1;
        }
        self.line += self.text[self.counted_to..start].iter().filter(|&&b| b == b'\n').count();
        self.counted_to = start;
        self.line
    }
}

/// Tab when the header line (the first that is not [`is_blank_row`]) has tabs and no more
/// commas than tabs, else comma.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !is_blank_row(l)).unwrap_or("");
    let tabs = header.matches('\t').count();
    if tabs > 0 && tabs >= header.matches(',').count() { b'\t' } else { b',' }
}

/// What a CSV header column is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    EmployeeNo,
    Pin,
    DateTime,
    Date,
    /// 时间 / time: the time beside a date column, else a whole date-time.
    TimeOrDateTime,
    Time,
    Terminal,
    State,
    Verify,
    WorkCode,
}

/// Header names per role, as [`normalise_header`] leaves them.
const ROLES: &[(Role, &[&str])] = &[
    (Role::EmployeeNo, &["工号", "员工编号", "employeeno", "employeenumber"]),
    (Role::Pin, &["考勤号码", "登记号码", "考勤机工号", "用户号", "pin", "userid"]),
    (Role::DateTime, &["打卡时间", "日期时间", "签到时间", "punchtime", "datetime", "timestamp"]),
    (Role::Date, &["日期", "date"]),
    (Role::TimeOrDateTime, &["时间", "time"]),
    (Role::Time, &["打卡时刻"]),
    (Role::Terminal, &["设备", "设备号", "机器号", "terminal", "device"]),
    (Role::State, &["状态", "state"]),
    (Role::Verify, &["验证方式", "verify"]),
    (Role::WorkCode, &["工作代码", "workcode"]),
];

#[derive(Debug, Clone, Copy)]
enum WhoColumn {
    EmployeeNo(usize),
    Pin(usize),
}

#[derive(Debug, Clone, Copy)]
enum WhenColumns {
    /// One date-time cell; `date` is used only when that cell holds a bare time.
    One {
        at: usize,
        date: Option<usize>,
    },
    Split {
        date: usize,
        time: usize,
    },
}

/// Which column holds what, from the header row.
#[derive(Debug, Clone)]
struct Columns {
    names: Vec<String>,
    who: WhoColumn,
    when: WhenColumns,
    terminal: Option<usize>,
    state: Option<usize>,
    verify: Option<usize>,
    work_code: Option<usize>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord) -> Result<Columns, LineProblem> {
        let mut found: Vec<(Role, usize)> = Vec::new();
        for (index, cell) in header.iter().enumerate() {
            let name = normalise_header(cell);
            let role = ROLES.iter().find(|(_, names)| names.contains(&name.as_str()));
            if let Some(&(role, _)) = role
                && !found.iter().any(|(r, _)| *r == role)
            {
                found.push((role, index));
            }
        }
        let get = |role: Role| found.iter().find(|(r, _)| *r == role).map(|&(_, i)| i);
        let who = match (get(Role::EmployeeNo), get(Role::Pin)) {
            (Some(i), _) => WhoColumn::EmployeeNo(i),
            (None, Some(i)) => WhoColumn::Pin(i),
            (None, None) => return Err(LineProblem::NoWhoColumn),
        };
        let time_only = get(Role::Time).or(get(Role::TimeOrDateTime));
        let when = match (get(Role::DateTime), get(Role::Date), time_only) {
            (Some(at), date, _) => WhenColumns::One { at, date },
            (None, Some(date), Some(time)) => WhenColumns::Split { date, time },
            (None, None, _) => match get(Role::TimeOrDateTime) {
                Some(at) => WhenColumns::One { at, date: None },
                None => return Err(LineProblem::NoTimeColumn),
            },
            (None, Some(_), None) => return Err(LineProblem::NoTimeColumn),
        };
        Ok(Columns {
            names: header.iter().map(|h| h.trim().to_owned()).collect(),
            who,
            when,
            terminal: get(Role::Terminal),
            state: get(Role::State),
            verify: get(Role::Verify),
            work_code: get(Role::WorkCode),
        })
    }

    fn row(&self, line: usize, record: &csv::StringRecord) -> Result<FilePunch, LineError> {
        let cell = |index: usize| record.get(index).unwrap_or("");
        let at = |index: usize, problem| LineError {
            line,
            column: Some(self.names.get(index).cloned().unwrap_or_default()),
            value: excerpt(cell(index)),
            problem,
        };
        let who = match self.who {
            WhoColumn::EmployeeNo(i) => employee_no(cell(i)).map_err(|p| at(i, p))?,
            WhoColumn::Pin(i) => pin(cell(i)).map_err(|p| at(i, p))?,
        };
        let local = match self.when {
            WhenColumns::One { at: i, date } => {
                let value = cell(i);
                match (required(value).and_then(datetime), date, time(value)) {
                    (Ok(local), _, _) => local,
                    // A bare time beside a date column.
                    (Err(LineProblem::BadDateTime), Some(d), Ok(clock)) => {
                        date_cell(cell(d)).map_err(|p| at(d, p))?.and_time(clock)
                    }
                    (Err(problem), _, _) => return Err(at(i, problem)),
                }
            }
            WhenColumns::Split { date, time: t } => {
                let day = date_cell(cell(date)).map_err(|p| at(date, p))?;
                let value = cell(t);
                required(value).map_err(|p| at(t, p))?;
                match time(value) {
                    Ok(clock) => day.and_time(clock),
                    // A time column that repeats the whole stamp: fine if the dates agree.
                    Err(problem) => match datetime(value) {
                        Ok(local) if local.date() == day => local,
                        _ => return Err(at(t, problem)),
                    },
                }
            }
        };
        let text = |column: Option<usize>| {
            column
                .map(|i| text_value(cell(i)).map_err(|p| at(i, p)))
                .transpose()
                .map(Option::flatten)
        };
        let small = |column: Option<usize>| {
            column.map(|i| number(cell(i)).map_err(|p| at(i, p))).transpose().map(Option::flatten)
        };
        let terminal = text(self.terminal)?;
        let state = small(self.state)?;
        let verify = small(self.verify)?;
        let work_code = text(self.work_code)?;
        Ok(FilePunch { line, who, local, terminal, state, verify, work_code })
    }
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Blank: nothing but whitespace and NULs (USB sticks pad files with NULs).
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\0')
}

/// Blank for CSV: whitespace, NULs and separators only (`,,,` rows Excel leaves behind).
fn is_blank_row(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\0' || c == ',')
}

/// The first [`EXCERPT_CHARS`] characters, with `…` when cut.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn required(value: &str) -> Result<&str, LineProblem> {
    if value.trim().is_empty() { Err(LineProblem::MissingValue) } else { Ok(value) }
}

fn pin(value: &str) -> Result<PunchWho, LineProblem> {
    let v = required(value)?.trim();
    if v.len() <= PIN_MAX_CHARS && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(PunchWho::Pin(v.to_owned()))
    } else {
        Err(LineProblem::BadPin)
    }
}

fn employee_no(value: &str) -> Result<PunchWho, LineProblem> {
    let v = required(value)?.trim();
    let mut errors = Vec::new();
    employee::employee_no(v, &mut errors)
        .map(PunchWho::EmployeeNo)
        .ok_or(LineProblem::BadEmployeeNo)
}

/// An optional small number (state, verify): empty is `None`.
fn number(value: &str) -> Result<Option<u8>, LineProblem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if !digits(v, 1, 3) {
        return Err(LineProblem::BadNumber);
    }
    v.parse::<u8>().map(Some).map_err(|_| LineProblem::BadNumber)
}

/// An optional short text (terminal id, work code): empty is `None`.
fn text_value(value: &str) -> Result<Option<String>, LineProblem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > TEXT_MAX_CHARS || v.chars().any(char::is_control) {
        return Err(LineProblem::BadText);
    }
    Ok(Some(v.to_owned()))
}

/// `min..=max` ASCII digits, so the number parses without overflow.
fn digits(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

fn number_of<T: std::str::FromStr>(text: &str, problem: LineProblem) -> Result<T, LineProblem> {
    text.parse().map_err(|_| problem)
}

/// Exactly `YYYY-MM-DD HH:MM:SS`, a real date and time in [`YEARS`].
fn is_attlog_time(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':'
        && datetime(value).is_ok()
}

/// `YYYY-MM-DD HH:MM[:SS[.f]]`, with `/` for `-`, unpadded month, day and hour, and `T` or
/// several spaces for the space.
fn datetime(value: &str) -> Result<NaiveDateTime, LineProblem> {
    let v = value.trim();
    let (day, clock) = match v.split_once('T') {
        Some(parts) => parts,
        None => v.split_once(' ').ok_or(LineProblem::BadDateTime)?,
    };
    let day = date(day).map_err(|p| match p {
        LineProblem::YearOutOfRange => p,
        _ => LineProblem::BadDateTime,
    })?;
    let clock = time(clock).map_err(|_| LineProblem::BadDateTime)?;
    Ok(day.and_time(clock))
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, month and day with or without a leading zero.
fn date(value: &str) -> Result<NaiveDate, LineProblem> {
    let v = value.trim();
    let separator = if v.contains('/') { '/' } else { '-' };
    let mut parts = v.split(separator);
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LineProblem::BadDate);
    };
    if !(digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)) {
        return Err(LineProblem::BadDate);
    }
    let year: i32 = number_of(y, LineProblem::BadDate)?;
    if !YEARS.contains(&year) {
        return Err(LineProblem::YearOutOfRange);
    }
    NaiveDate::from_ymd_opt(
        year,
        number_of(m, LineProblem::BadDate)?,
        number_of(d, LineProblem::BadDate)?,
    )
    .ok_or(LineProblem::BadDate)
}

/// A date cell: a date, or a date-time at midnight (what some programs write for a date).
fn date_cell(value: &str) -> Result<NaiveDate, LineProblem> {
    required(value)?;
    match date(value) {
        Err(LineProblem::BadDate) => match datetime(value) {
            Ok(local) if local.time() == NaiveTime::MIN => Ok(local.date()),
            _ => Err(LineProblem::BadDate),
        },
        other => other,
    }
}

/// `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (the fraction is dropped).
fn time(value: &str) -> Result<NaiveTime, LineProblem> {
    let v = value.trim();
    let mut parts = v.split(':');
    let (Some(h), Some(m), s, None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LineProblem::BadTime);
    };
    if !(digits(h, 1, 2) && digits(m, 2, 2)) {
        return Err(LineProblem::BadTime);
    }
    let seconds = match s {
        None => 0,
        Some(s) => {
            let whole = match s.split_once('.') {
                Some((whole, fraction)) if digits(fraction, 1, 9) => whole,
                Some(_) => return Err(LineProblem::BadTime),
                None => s,
            };
            if !digits(whole, 2, 2) {
                return Err(LineProblem::BadTime);
            }
            number_of(whole, LineProblem::BadTime)?
        }
    };
    NaiveTime::from_hms_opt(
        number_of(h, LineProblem::BadTime)?,
        number_of(m, LineProblem::BadTime)?,
        seconds,
    )
    .ok_or(LineProblem::BadTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|day| day.and_hms_opt(h, mi, s))
            .expect("test date is real")
    }

    fn pin_of(s: &str) -> PunchWho {
        PunchWho::Pin(s.into())
    }

    fn problems(parsed: &ParsedPunches) -> Vec<(usize, Option<&str>, LineProblem)> {
        parsed.errors.iter().map(|e| (e.line, e.column.as_deref(), e.problem)).collect()
    }

    #[test]
    fn attlog_reads_padded_pins_and_all_six_fields() {
        let parsed = parse_attlog("    3\t2024-01-15 09:00:00\t1\t0\t1\t0\n");
        assert_eq!(problems(&parsed), vec![]);
        assert_eq!(
            parsed.punches,
            vec![FilePunch {
                line: 1,
                who: pin_of("3"),
                local: at(2024, 1, 15, 9, 0, 0),
                terminal: Some("1".into()),
                state: Some(0),
                verify: Some(1),
                work_code: Some("0".into()),
            }],
            "the padding spaces are not part of the PIN"
        );
    }

    #[test]
    fn attlog_crlf_lines_keep_no_carriage_return_and_count_lines() {
        let text =
            "1\t2024-01-15 09:00:00\t1\t0\t1\t7\r\n  22\t2024-01-15 18:01:02\t1\t1\t1\t0\r\n";
        let parsed = parse_attlog(text);
        assert_eq!(problems(&parsed), vec![]);
        assert_eq!(parsed.punches.len(), 2);
        assert_eq!(parsed.punches[0].work_code.as_deref(), Some("7"), "no \\r left on the field");
        assert_eq!(parsed.punches[1].line, 2);
        assert_eq!(parsed.punches[1].who, pin_of("22"));
        assert_eq!(parsed.punches[1].local, at(2024, 1, 15, 18, 1, 2));
        assert_eq!(parsed.punches[1].state, Some(1));
    }

    #[test]
    fn attlog_missing_trailing_fields_are_none() {
        let parsed = parse_attlog("5\t2025-06-01 07:59:59\r\n6\t2025-06-01 08:00:00\t2\n");
        assert_eq!(problems(&parsed), vec![]);
        let p = &parsed.punches[0];
        assert_eq!(
            (p.terminal.as_ref(), p.state, p.verify, p.work_code.as_ref()),
            (None, None, None, None)
        );
        assert_eq!(parsed.punches[1].terminal.as_deref(), Some("2"));
        assert_eq!(parsed.punches[1].state, None);
    }

    #[test]
    fn attlog_line_with_only_a_pin_is_too_few_fields() {
        let parsed = parse_attlog("123\n");
        assert_eq!(
            problems(&parsed),
            vec![(1, None, LineProblem::TooFewFields { found: 1, expected: 2 })]
        );
        assert_eq!(parsed.errors[0].value, "123");
    }

    #[test]
    fn attlog_rejects_bad_dates_and_says_which_column() {
        let text = "1\t2026-02-30 08:00:00\t1\n\
                    2\t2026-13-01 08:00:00\t1\n\
                    3\t15/01/2024 08:00:00\t1\n\
                    4\t2024-01-15 24:00:00\t1\n\
                    5\t1999-12-31 23:59:59\t1\n\
                    6\t2100-01-01 00:00:00\t1\n\
                    7\t\t1\n";
        let parsed = parse_attlog(text);
        assert!(parsed.punches.is_empty(), "none of these is a real punch: {:?}", parsed.punches);
        let dt = Some("DateTime");
        assert_eq!(
            problems(&parsed),
            vec![
                (1, dt, LineProblem::BadDateTime),
                (2, dt, LineProblem::BadDateTime),
                (3, dt, LineProblem::BadDateTime),
                (4, dt, LineProblem::BadDateTime),
                (5, dt, LineProblem::YearOutOfRange),
                (6, dt, LineProblem::YearOutOfRange),
                (7, dt, LineProblem::MissingValue),
            ]
        );
        assert_eq!(parsed.errors[0].value, "2026-02-30 08:00:00");
        assert_eq!(parsed.errors[0].problem.expected(), "YYYY-MM-DD HH:MM:SS");
    }

    #[test]
    fn attlog_rejects_bad_pins_numbers_and_text() {
        let long_pin = "1".repeat(25);
        let text = format!(
            "{long_pin}\t2024-01-15 09:00:00\n\
             12-3\t2024-01-15 09:00:00\n\
             1\t2024-01-15 09:00:00\t1\t256\n\
             1\t2024-01-15 09:00:00\t1\t0\t-1\n\
             1\t2024-01-15 09:00:00\tdev\u{1}ice\n\
             {}\t2024-01-15 09:00:00\n",
            "1".repeat(24)
        );
        let parsed = parse_attlog(&text);
        assert_eq!(
            problems(&parsed),
            vec![
                (1, Some("PIN"), LineProblem::BadPin),
                (2, Some("PIN"), LineProblem::BadPin),
                (3, Some("Status"), LineProblem::BadNumber),
                (4, Some("Verify"), LineProblem::BadNumber),
                (5, Some("DeviceID"), LineProblem::BadText),
            ]
        );
        assert_eq!(parsed.punches.len(), 1, "a 24-character PIN is fine");
        assert_eq!(parsed.punches[0].line, 6);
    }

    #[test]
    fn attlog_skips_blank_lines_and_keeps_line_numbers() {
        let parsed =
            parse_attlog("\n  \r\n1\t2024-01-15 09:00:00\n\t\n\0\0\n2\t2024-01-15 09:00:01\n\n");
        assert_eq!(problems(&parsed), vec![]);
        let lines: Vec<usize> = parsed.punches.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 6]);
    }

    #[test]
    fn attlog_huge_line_is_one_error_with_a_short_value() {
        let text = format!("1\t2024-01-15 09:00:00\t{}\n", "9".repeat(100_000));
        let parsed = parse_attlog(&text);
        assert_eq!(
            problems(&parsed),
            vec![(1, None, LineProblem::LineTooLong { max_bytes: 1024 })]
        );
        assert!(parsed.errors[0].value.chars().count() <= 65, "the error keeps an excerpt only");
    }

    #[test]
    fn attlog_strips_a_bom() {
        let parsed = parse_attlog("\u{feff}7\t2024-01-15 09:00:00\t1\n");
        assert_eq!(problems(&parsed), vec![]);
        assert_eq!(parsed.punches[0].who, pin_of("7"));
    }

    #[test]
    fn csv_with_employee_no_and_punch_time() {
        let text = "\u{feff}工号,姓名,部门,打卡时间\r\n\
                    1001,张三,生产部,2026-03-05 08:59:07\r\n\
                    1002,李四,生产部,2026/3/5 9:01\r\n\
                    1003,王五,生产部,2026-03-05T17:30:00\r\n\
                    1004,赵六,生产部,2026-02-30 08:00\r\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(problems(&parsed), vec![(5, Some("打卡时间"), LineProblem::BadDateTime)]);
        let got: Vec<(usize, PunchWho, NaiveDateTime)> =
            parsed.punches.iter().map(|p| (p.line, p.who.clone(), p.local)).collect();
        let no = |s: &str| PunchWho::EmployeeNo(s.into());
        assert_eq!(
            got,
            vec![
                (2, no("1001"), at(2026, 3, 5, 8, 59, 7)),
                (3, no("1002"), at(2026, 3, 5, 9, 1, 0)),
                (4, no("1003"), at(2026, 3, 5, 17, 30, 0)),
            ]
        );
        assert_eq!(parsed.punches[0].terminal, None);
    }

    #[test]
    fn csv_with_pin_and_separate_date_and_time_columns() {
        let text = "*考勤号码 ,姓名,日期,时间,机器号,状态,验证方式\n\
                    8,张三,2026-03-05,08:00:00,2,0,1\n\
                    9,李四,2026/3/6,7:45,,,\n\
                    10,王五,2026-03-07 00:00:00,18:00,1,1,\n\
                    11,赵六,2026-03-07,25:00,1,1,\n\
                    12,钱七,,08:00,1,1,\n\
                    13,孙八,2026-03-07,08:00,1,x,\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(
            problems(&parsed),
            vec![
                (5, Some("时间"), LineProblem::BadTime),
                (6, Some("日期"), LineProblem::MissingValue),
                (7, Some("状态"), LineProblem::BadNumber),
            ]
        );
        assert_eq!(
            parsed.punches[0],
            FilePunch {
                line: 2,
                who: pin_of("8"),
                local: at(2026, 3, 5, 8, 0, 0),
                terminal: Some("2".into()),
                state: Some(0),
                verify: Some(1),
                work_code: None,
            }
        );
        assert_eq!(parsed.punches[1].local, at(2026, 3, 6, 7, 45, 0));
        assert_eq!((parsed.punches[1].terminal.as_ref(), parsed.punches[1].state), (None, None));
        assert_eq!(parsed.punches[2].local, at(2026, 3, 7, 18, 0, 0), "midnight date cell");
    }

    #[test]
    fn csv_tab_separated_in_english_with_a_quoted_comma() {
        let text = "Employee_No\tName\tPunch Time\tDevice\tWork Code\n\
                    A-01\t\"Smith, J\"\t2026-03-05 08:00:00\tgate 1\t3\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(problems(&parsed), vec![]);
        assert_eq!(parsed.punches.len(), 1);
        let p = &parsed.punches[0];
        assert_eq!(p.who, PunchWho::EmployeeNo("A-01".into()));
        assert_eq!(p.terminal.as_deref(), Some("gate 1"));
        assert_eq!(p.work_code.as_deref(), Some("3"));
    }

    #[test]
    fn csv_quoted_line_breaks_and_leading_empty_rows_keep_line_numbers() {
        let text = ",,\r\n工号\t备注\t打卡时间\r\n\
                    1\t\"two\r\nlines\"\t2026-03-05 08:00\r\n\
                    2\t\t2026-03-05 08:01\r\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(problems(&parsed), vec![]);
        let lines: Vec<usize> = parsed.punches.iter().map(|p| p.line).collect();
        assert_eq!(
            lines,
            vec![3, 5],
            "a quoted line break is a line too; ',,' rows are not the header"
        );
    }

    #[test]
    fn csv_prefers_employee_no_over_pin() {
        let text = "PIN,工号,time\n5,E100,2026-03-05 08:00\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(problems(&parsed), vec![]);
        assert_eq!(parsed.punches[0].who, PunchWho::EmployeeNo("E100".into()));
    }

    #[test]
    fn csv_bad_who_values() {
        let text = "工号,打卡时间\n10 01,2026-03-05 08:00\n,2026-03-05 08:00\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(
            problems(&parsed),
            vec![
                (2, Some("工号"), LineProblem::BadEmployeeNo),
                (3, Some("工号"), LineProblem::MissingValue),
            ]
        );
        let text = "用户号,打卡时间\n1.5,2026-03-05 08:00\n";
        assert_eq!(
            problems(&parse_punch_csv(text)),
            vec![(2, Some("用户号"), LineProblem::BadPin)]
        );
    }

    #[test]
    fn csv_header_without_a_time_column_is_one_error() {
        let text = "工号,姓名,日期\n1001,张三,2026-03-05\n1002,李四,2026-03-05\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(problems(&parsed), vec![(1, None, LineProblem::NoTimeColumn)]);
        assert!(parsed.punches.is_empty());
        assert!(parsed.errors[0].problem.expected().contains("打卡时间"));
        assert_eq!(parsed.errors[0].value, "工号 | 姓名 | 日期");
    }

    #[test]
    fn csv_header_without_a_who_column_is_one_error() {
        let parsed = parse_punch_csv("姓名,打卡时间\n张三,2026-03-05 08:00\n");
        assert_eq!(problems(&parsed), vec![(1, None, LineProblem::NoWhoColumn)]);
    }

    #[test]
    fn csv_time_only_in_datetime_column_takes_the_date_column() {
        let text = "工号,日期,打卡时间\n1,2026-03-05,08:15\n2,,08:15\n";
        let parsed = parse_punch_csv(text);
        assert_eq!(problems(&parsed), vec![(3, Some("日期"), LineProblem::MissingValue)]);
        assert_eq!(parsed.punches[0].local, at(2026, 3, 5, 8, 15, 0));
    }

    #[test]
    fn csv_empty_file_and_blank_rows() {
        assert_eq!(problems(&parse_punch_csv("")), vec![(1, None, LineProblem::Empty)]);
        assert_eq!(
            problems(&parse_punch_csv("\u{feff}\n  \n")),
            vec![(1, None, LineProblem::Empty)]
        );
        let parsed = parse_punch_csv("\n工号,时间\n,\n1,2026-03-05 08:00\n\n");
        assert_eq!(problems(&parsed), vec![]);
        assert_eq!(parsed.punches.len(), 1);
        assert_eq!(parsed.punches[0].line, 4, "blank lines still count");
    }

    #[test]
    fn detect_kind_by_name() {
        assert_eq!(detect_kind("1_ATTLOG.DAT", "工号,打卡时间\n"), PunchFileKind::Attlog);
        assert_eq!(detect_kind("D:\\u盘\\attlog.dat", ""), PunchFileKind::Attlog);
        assert_eq!(detect_kind("打卡.csv", "工号,打卡时间\n"), PunchFileKind::Csv);
        assert_eq!(detect_kind("é", ""), PunchFileKind::Csv, "short non-ASCII names are fine");
    }

    #[test]
    fn detect_kind_by_first_line() {
        let attlog = "\r\n   12\t2024-01-15 09:00:00\t1\t0\t1\t0\r\n";
        assert_eq!(detect_kind("export.txt", attlog), PunchFileKind::Attlog);
        assert_eq!(
            detect_kind("export.txt", "工号\t打卡时间\n1\t2024-01-15 09:00:00\n"),
            PunchFileKind::Csv
        );
        assert_eq!(
            detect_kind("x.txt", "A1\t2024-01-15 09:00:00\n"),
            PunchFileKind::Csv,
            "PIN digits only"
        );
        assert_eq!(
            detect_kind("x.txt", "1\t2024-1-15 09:00:00\n"),
            PunchFileKind::Csv,
            "exact format only"
        );
        assert_eq!(
            detect_kind("x.txt", "1\t2026-02-30 09:00:00\n"),
            PunchFileKind::Csv,
            "real dates only"
        );
        assert_eq!(detect_kind("x.txt", ""), PunchFileKind::Csv);
    }

    #[test]
    fn problem_keys_match_their_serialised_form() {
        let all = [
            LineProblem::Empty,
            LineProblem::NoWhoColumn,
            LineProblem::NoTimeColumn,
            LineProblem::LineTooLong { max_bytes: 1 },
            LineProblem::TooFewFields { found: 1, expected: 2 },
            LineProblem::MissingValue,
            LineProblem::BadPin,
            LineProblem::BadEmployeeNo,
            LineProblem::BadDateTime,
            LineProblem::BadDate,
            LineProblem::BadTime,
            LineProblem::YearOutOfRange,
            LineProblem::BadNumber,
            LineProblem::BadText,
            LineProblem::BadCsv,
        ];
        let mut keys: Vec<&str> = all.iter().map(LineProblem::key).collect();
        for problem in all {
            let json = serde_json::to_value(problem).expect("serialises");
            assert_eq!(json["key"], problem.key(), "key() and serde must agree for {problem:?}");
            assert!(!problem.expected().is_empty(), "{problem:?} needs an expected hint");
        }
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len(), "keys are unique");
    }
}
