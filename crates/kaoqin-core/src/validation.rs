//! The vocabulary of input problems: which field, what was wrong, and what was given.
//!
//! Validation collects every problem in a form instead of stopping at the first, so a form or
//! an import preview can show them all at once. Messages (Chinese and English) are rendered by
//! kaoqin-commands from these codes; this module only names the problems.

use serde::Serialize;

/// An input field, named the same in Rust, SQL, DTOs and UI label keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    CompanyName,
    Timezone,
    DepartmentId,
    DepartmentName,
    ParentId,
    EmployeeId,
    EmployeeNo,
    Name,
    Position,
    HiredOn,
    LeftOn,
    IdNumber,
    Phone,
    Pin,
    CardNo,
    Status,
    Page,
    PageSize,
    Year,
    NoticeTitle,
    NoticeIssuedOn,
    NoticeUrl,
    NoticeDocumentNo,
    Date,
    DayKind,
    Festival,
    SwappedWith,
    Note,
    Code,
    Color,
    TimetableKind,
    DayValue,
    DayChange,
    RequiredMinutes,
    On,
    Off,
    CheckInBeforeMinutes,
    CheckInAfterMinutes,
    CheckOutBeforeMinutes,
    CheckOutAfterMinutes,
    LateGraceMinutes,
    EarlyGraceMinutes,
    SeriousLateMinutes,
    LateAbsentMinutes,
    EarlyAbsentMinutes,
    BreakKind,
    BreakStart,
    BreakEnd,
    BreakMinutes,
    AfterWorkedMinutes,
    EarliestArrival,
    LatestArrival,
    DayStart,
    Segments,
    GroupKind,
    Timetable,
    MinRestMinutes,
    MaxConsecutiveDays,
    EffectiveFrom,
    Group,
    Days,
    Rotation,
    Unit,
    AnnualGrant,
    MaxCarryOver,
    CarryOverExpires,
    LeaveType,
    Start,
    End,
    Amount,
    DuplicateSeconds,
    OvertimeMinMinutes,
    OvertimeUnitMinutes,
    RestDayBreakMinutes,
    RestDayBreakAfterMinutes,
    DailyCapMinutes,
    MonthlyCapMinutes,
    Pairing,
    MissingPunch,
    OvertimeSource,
    OvertimeRounding,
    HoursSystem,
    Host,
    Port,
    Transport,
    Location,
    StateKey,
    NameCodec,
    EveryMinutes,
    AtTimes,
    CommKey,
    Serial,
    Reason,
    Punch,
    Month,
    Targets,
}

impl Field {
    /// The snake_case key used in DTOs, SQL columns and UI labels.
    pub fn key(self) -> &'static str {
        match self {
            Field::CompanyName => "company_name",
            Field::Timezone => "timezone",
            Field::DepartmentId => "department_id",
            Field::DepartmentName => "department_name",
            Field::ParentId => "parent_id",
            Field::EmployeeId => "employee_id",
            Field::EmployeeNo => "employee_no",
            Field::Name => "name",
            Field::Position => "position",
            Field::HiredOn => "hired_on",
            Field::LeftOn => "left_on",
            Field::IdNumber => "id_number",
            Field::Phone => "phone",
            Field::Pin => "pin",
            Field::CardNo => "card_no",
            Field::Status => "status",
            Field::Page => "page",
            Field::PageSize => "page_size",
            Field::Year => "year",
            Field::NoticeTitle => "notice_title",
            Field::NoticeIssuedOn => "notice_issued_on",
            Field::NoticeUrl => "notice_url",
            Field::NoticeDocumentNo => "notice_document_no",
            Field::Date => "date",
            Field::DayKind => "kind",
            Field::Festival => "festival",
            Field::SwappedWith => "swapped_with",
            Field::Note => "note",
            Field::Code => "code",
            Field::Color => "color",
            Field::TimetableKind => "kind",
            Field::DayValue => "day_value",
            Field::DayChange => "day_change",
            Field::RequiredMinutes => "required_minutes",
            Field::On => "on",
            Field::Off => "off",
            Field::CheckInBeforeMinutes => "check_in_before_minutes",
            Field::CheckInAfterMinutes => "check_in_after_minutes",
            Field::CheckOutBeforeMinutes => "check_out_before_minutes",
            Field::CheckOutAfterMinutes => "check_out_after_minutes",
            Field::LateGraceMinutes => "late_grace_minutes",
            Field::EarlyGraceMinutes => "early_grace_minutes",
            Field::SeriousLateMinutes => "serious_late_minutes",
            Field::LateAbsentMinutes => "late_absent_minutes",
            Field::EarlyAbsentMinutes => "early_absent_minutes",
            Field::BreakKind => "kind",
            Field::BreakStart => "start",
            Field::BreakEnd => "end",
            Field::BreakMinutes => "minutes",
            Field::AfterWorkedMinutes => "after_worked_minutes",
            Field::EarliestArrival => "earliest_arrival",
            Field::LatestArrival => "latest_arrival",
            Field::DayStart => "day_start",
            Field::Segments => "segments",
            Field::GroupKind => "kind",
            Field::Timetable => "timetable",
            Field::MinRestMinutes => "min_rest_minutes",
            Field::MaxConsecutiveDays => "max_consecutive_days",
            Field::EffectiveFrom => "effective_from",
            Field::Group => "group",
            Field::Days => "days",
            Field::Rotation => "rotation",
            Field::Unit => "unit",
            Field::AnnualGrant => "annual_grant",
            Field::MaxCarryOver => "max_carry_over",
            Field::CarryOverExpires => "carry_over_expires",
            Field::LeaveType => "leave_type",
            Field::Start => "start",
            Field::End => "end",
            Field::Amount => "amount",
            Field::DuplicateSeconds => "duplicate_seconds",
            Field::OvertimeMinMinutes => "ot_min_minutes",
            Field::OvertimeUnitMinutes => "ot_unit_minutes",
            Field::RestDayBreakMinutes => "rest_day_break_minutes",
            Field::RestDayBreakAfterMinutes => "rest_day_break_after_minutes",
            Field::DailyCapMinutes => "daily_cap_minutes",
            Field::MonthlyCapMinutes => "monthly_cap_minutes",
            Field::Pairing => "pairing",
            Field::MissingPunch => "missing_punch",
            Field::OvertimeSource => "ot_source",
            Field::OvertimeRounding => "ot_rounding",
            Field::HoursSystem => "hours",
            Field::Host => "host",
            Field::Port => "port",
            Field::Transport => "transport",
            Field::Location => "location",
            Field::StateKey => "state_key",
            Field::NameCodec => "name_codec",
            Field::EveryMinutes => "every_minutes",
            Field::AtTimes => "at_times",
            Field::CommKey => "comm_key",
            Field::Serial => "serial",
            Field::Reason => "reason",
            Field::Punch => "punch",
            Field::Month => "month",
            Field::Targets => "targets",
        }
    }
}

/// What is wrong with a value. Each variant carries what a message needs to say what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// The field must not be empty.
    Required,
    /// More characters than allowed.
    TooLong { max_chars: usize },
    /// Control characters (tabs, line breaks, …) are not allowed.
    ControlCharacter,
    /// Leading or trailing spaces would make two values look the same; they are not allowed.
    SurroundingSpace,
    /// Characters outside the allowed set.
    BadCharacters { allowed: CharSet },
    /// Not a date in a recognised format.
    BadDate,
    /// A date outside the years the product accepts.
    DateOutOfRange { min_year: i32, max_year: i32 },
    /// A date that must not be earlier than another field's date.
    DateBefore { other: Field, other_value: String },
    /// A terminal PIN must be 1–9 digits without a leading zero.
    BadPin,
    /// A card number must be 1–10 digits and at most 4294967295.
    BadCardNo,
    /// Not an IP address (IPv4 like 192.168.1.10, or IPv6).
    NotIpAddress,
    /// A mainland resident ID number must be 18 characters: 17 digits and a check character.
    BadIdNumberFormat,
    /// The birth date inside an ID number is not a real date.
    BadIdNumberBirthDate,
    /// The check character of an ID number does not match the first 17 digits.
    BadIdNumberChecksum { expected: char },
    /// Not a phone number: a mobile number (11 digits starting with 1) or a landline.
    BadPhone,
    /// Not one of the supported time zones.
    UnknownTimezone { supported: &'static [&'static str] },
    /// A referenced record does not exist (e.g. an unknown department).
    NotFound,
    /// The value is already used by another record; `holder` names it for the message.
    Duplicate { holder: String },
    /// A name matches more than one record; `candidates` lists them (e.g. department paths).
    Ambiguous { candidates: Vec<String> },
    /// A department cannot be moved under itself or one of its own sub-departments.
    MoveIntoOwnSubtree,
    /// A number outside its allowed range.
    OutOfRange { min: i64, max: i64 },
    /// The value is not one of the accepted choices.
    NotOneOf { choices: &'static [&'static str] },
    /// A date outside the year it is listed under.
    NotInYear { year: i32 },
    /// 补假 and 调休 rest days fall on Monday to Friday.
    MustBeWeekday,
    /// A make-up working day (调休上班) falls on a Saturday or Sunday.
    MustBeWeekend,
    /// The field does not apply to this kind of day (e.g. a swap date on a statutory day).
    NotAllowedFor { day_kind: &'static str },
    /// A 调休 pair must point both ways: `date` names the other half, which does not point back.
    SwapNotMatched { date: String },
    /// Statutory holidays are set by law; a company cannot turn one into a working day.
    StatutoryFixed,
    /// The date is already a day off.
    AlreadyDayOff,
    /// The date is already a working day.
    AlreadyWorkingDay,
    /// A long number (an ID number) that Excel stored as a number and so lost its last digits.
    StoredAsNumber,
    /// The spreadsheet cell holds an error value such as `#N/A`.
    CellError { value: String },
    /// The same value appears in an earlier row of the same file.
    DuplicateInFile { row: u32, holder: String },
    /// A department path with an empty level (`总部//一车间`).
    BadDepartmentPath,
    /// Not a time of day: `HH:MM`, with `+1` for the next day (`06:00+1`).
    BadTime,
    /// A time that must be later than another time of the same timetable.
    NotAfter { other: Field, other_value: String },
    /// Two time windows of a timetable overlap; a punch in both could not be told apart.
    WindowsOverlap { other: String },
    /// The windows of a timetable span more than one day (24 hours).
    LongerThanDay,
    /// A time outside the work day that starts at the day-change time.
    OutsideWorkDay { day_change: String },
    /// A break must lie inside a work segment.
    BreakOutsideSegments,
    /// A threshold must be greater than a smaller one it builds on (grace < serious late < absent).
    NotAbove { other: Field, other_value: String },
    /// More items than allowed (e.g. more than 3 segments).
    TooMany { max: usize },
    /// A list that must have at least one item.
    Empty,
    /// The referenced timetable is of a kind this place does not accept.
    WrongTimetableKind { expected: &'static str },
    /// The record is still used by others (`users` names them) and cannot be removed.
    InUse { users: Vec<String> },
    /// Not a colour in `#RRGGBB` form.
    BadColor,
    /// Grants and carry-over only apply to leave types that keep a balance.
    OnlyWithBalance,
    /// The leave overlaps another leave of the same person (`other` describes it).
    LeaveOverlaps { other: String },
    /// Not enough balance: `remaining` left, `needed` asked (both as text in the unit).
    InsufficientBalance { remaining: String, needed: String, unit: &'static str },
}

/// Where inside a record a field sits, for lists such as a timetable's segments.
/// Indexes are 0-based; messages show them 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "list", content = "index", rename_all = "snake_case")]
pub enum Place {
    Segment(usize),
    Break(usize),
    /// Monday = 0 … Sunday = 6.
    Weekday(usize),
    RotationDay(usize),
}

impl Place {
    /// The list's key in a form path (`segments.0.on`).
    pub fn list_key(self) -> &'static str {
        match self {
            Place::Segment(_) => "segments",
            Place::Break(_) => "breaks",
            Place::Weekday(_) => "week",
            Place::RotationDay(_) => "days",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Place::Segment(i) | Place::Break(i) | Place::Weekday(i) | Place::RotationDay(i) => i,
        }
    }
}

/// A set of allowed characters, named so messages can describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CharSet {
    /// Letters A–Z, digits, `-` and `_` (工号).
    EmployeeNo,
    /// Any text without `/`, which separates levels in a department path.
    NoSlash,
    /// A host name or an IP address: letters, digits, `.`, `-`, `:` and `_`.
    HostName,
}

/// One problem with one field, with the value as the user gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
    pub value: String,
    /// The list item the field belongs to, when it is inside one.
    pub place: Option<Place>,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem, value: impl Into<String>) -> Self {
        FieldError { field, problem, value: value.into(), place: None }
    }

    /// The same problem, located in a list item.
    pub fn at(mut self, place: Place) -> Self {
        self.place = Some(place);
        self
    }

    /// The form path of the field: `name`, or `segments.1.on` inside a list.
    pub fn path(&self) -> String {
        match self.place {
            None => self.field.key().to_owned(),
            Some(p) => format!("{}.{}.{}", p.list_key(), p.index(), self.field.key()),
        }
    }
}

/// Checks a free-text value: required or not, length in characters (not bytes), no control
/// characters, no surrounding spaces. Returns the value, or `None` for an empty optional field.
pub fn text(
    field: Field,
    value: &str,
    required: bool,
    max_chars: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    if value.is_empty() {
        if required {
            errors.push(FieldError::new(field, Problem::Required, value));
        }
        return None;
    }
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, Problem::Required, value));
        return None;
    }
    let problem = if value.chars().any(char::is_control) {
        Some(Problem::ControlCharacter)
    } else if value.trim() != value {
        Some(Problem::SurroundingSpace)
    } else if value.chars().count() > max_chars {
        Some(Problem::TooLong { max_chars })
    } else {
        None
    };
    match problem {
        Some(problem) => {
            errors.push(FieldError::new(field, problem, value));
            None
        }
        None => Some(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, required: bool) -> (Option<String>, Vec<Problem>) {
        let mut errors = Vec::new();
        let out = text(Field::Name, value, required, 5, &mut errors);
        (out, errors.into_iter().map(|e| e.problem).collect())
    }

    #[test]
    fn text_rules() {
        assert_eq!(check("张三", true), (Some("张三".into()), vec![]));
        assert_eq!(check("", true), (None, vec![Problem::Required]));
        assert_eq!(check("", false), (None, vec![]), "an empty optional field is fine");
        assert_eq!(check("   ", false), (None, vec![Problem::Required]), "blank is not empty");
        assert_eq!(check(" 张三", true), (None, vec![Problem::SurroundingSpace]));
        assert_eq!(check("张\t三", true), (None, vec![Problem::ControlCharacter]));
        assert_eq!(check("一二三四五", true).1, vec![], "five CJK characters fit in five");
        assert_eq!(check("一二三四五六", true).1, vec![Problem::TooLong { max_chars: 5 }]);
    }
}
