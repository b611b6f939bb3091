//! The use cases' error type and its conversion to the wire ([`ErrorDto`]): a stable code the
//! UI switches on, a message in Chinese and English that says what to do next, and per-field
//! problems for forms and import previews.

use kaoqin_core::{Field, FieldError};

use crate::actor::{Action, Role};
use crate::dto::{ErrorCode, ErrorDto, FieldErrorDto, Lang, Localized};
use crate::messages;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a record is, for "not found" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Department,
    Employee,
    CalendarYear,
    CompanyDay,
    Timetable,
    Group,
    Rotation,
    Membership,
    LeaveType,
    Leave,
    Terminal,
    Correction,
    Flag,
}

/// Which kind of file a [`Error::BadFile`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A holiday notice (TOML).
    CalendarYear,
    /// A setup file (TOML): timetables, groups, rotations, assignments, company days.
    Setup,
}

/// One problem of a setup file: which section, which entry (0-based), its name, and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupProblem {
    /// `timetable`, `rotation`, `group`, `membership`, `company_day` or `file`.
    pub section: &'static str,
    pub index: usize,
    pub name: String,
    pub error: FieldError,
}

/// Why an import file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Looks like a workbook but calamine cannot open it.
    NotWorkbook {
        detail: String,
    },
    NoSheets,
    NoSuchSheet {
        wanted: String,
        sheets: Vec<String>,
    },
    SheetUnreadable {
        sheet: String,
        detail: String,
    },
    /// Neither UTF-8, UTF-16 nor GBK text.
    NotText,
    /// Not a terminal's `user.dat` (whole 72- or 28-byte user records).
    NotUserDat {
        bytes: usize,
    },
    /// No row with any content.
    Empty,
    /// CSV that cannot be split into rows (e.g. an unclosed quote).
    CsvSyntax {
        row: usize,
        detail: String,
    },
    /// A column mapping names a field the importer does not know.
    UnknownField {
        field: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more input fields are wrong; nothing was written.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{entity:?} {key} not found")]
    NotFound { entity: Entity, key: String },
    #[error("department {name} is not empty")]
    DepartmentNotEmpty { name: String, children: u32, employees: u32 },
    #[error("{role:?} may not {action:?}")]
    Forbidden { role: Role, action: Action },
    #[error("the database has no company yet")]
    NotInitialized,
    /// A date's year has no holiday notice: its day class is unknown.
    #[error("{year} calendar not loaded")]
    CalendarYearMissing { year: i32 },
    /// A loaded year's rows no longer match the checksum recorded when it was loaded.
    #[error("{year} calendar changed outside Kaoqin")]
    CalendarChanged { year: i32 },
    /// A file is not in the expected format; `line` and `column` count from 1.
    #[error("bad file at {line}:{column}: {detail}")]
    BadFile { what: FileKind, line: usize, column: usize, detail: String },
    /// An import file cannot be read at all; nothing was written.
    #[error("unreadable import file: {0:?}")]
    UnreadableFile(FileProblem),
    /// An import file has problems; nothing was written. The report lists every one.
    #[error("import refused: {} problems", .0.problem_count)]
    ImportRefused(Box<crate::dto::ImportReport>),
    /// A setup file has problems; nothing was written. Every problem is listed.
    #[error("setup file refused: {} problems", .0.len())]
    SetupInvalid(Vec<SetupProblem>),
    /// A punch file has bad lines; nothing was imported. Every bad line is listed.
    #[error("punch file refused: {} bad lines", .0.len())]
    PunchFileInvalid(Vec<kaoqin_terminals::LineError>),
    /// Results were asked for a month that has not been computed.
    #[error("{month} not computed")]
    NotComputed { month: String },
    /// Talking to a terminal failed; nothing was cleared on it.
    #[error("terminal {name}: {error}")]
    Terminal { name: String, error: kaoqin_terminals::client::ClientError },
    /// The OS credential store refused (comm keys live there).
    #[error("keyring: {0}")]
    Keyring(String),
    /// A month cannot be closed yet: these checks failed (`force` with a reason overrides).
    #[error("{month} cannot be closed: {} checks failed", failed.len())]
    CloseChecksFailed { month: String, failed: Vec<crate::dto::CloseCheckDto> },
    /// Only a closed month can be re-opened.
    #[error("{month} is not closed")]
    MonthNotClosed { month: String },
    /// The correction was undone already.
    #[error("correction {id} was undone already")]
    AlreadyUndone { id: i64 },
    /// The month is closed: its results are frozen until it is re-opened with a reason.
    #[error("{month} is closed")]
    MonthClosed { month: String },
    /// The database's audit log is signed, but this PC's keyring has no key for it.
    #[error("the audit key of this database is not in this PC's keyring")]
    AuditKeyLost,
    /// The terminal pushes over ADMS: there is nothing to connect to.
    #[error("terminal {name} pushes")]
    PushOnly { name: String },
    /// The terminal is being pulled already.
    #[error("a pull of this terminal is underway")]
    PullUnderway,
    /// A terminal that was pulled keeps its history: it can be disabled, not deleted.
    #[error("terminal {name} has pulls")]
    TerminalInUse { name: String },
    /// A defect inside Kaoqin (not the user's input).
    #[error("internal error: {0}")]
    Internal(String),
    #[error(transparent)]
    Store(#[from] kaoqin_store::Error),
}

impl Error {
    /// A single-field input error.
    pub fn field(field: Field, problem: kaoqin_core::Problem, value: impl Into<String>) -> Error {
        Error::Invalid(vec![FieldError::new(field, problem, value)])
    }

    /// "No such record", for callers that look records up by name.
    pub fn not_found(entity: Entity, key: impl Into<String>) -> Error {
        Error::NotFound { entity, key: key.into() }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::DepartmentNotEmpty { .. } => ErrorCode::DepartmentNotEmpty,
            Error::Forbidden { .. } => ErrorCode::Forbidden,
            Error::CalendarYearMissing { .. } => ErrorCode::CalendarYearMissing,
            Error::BadFile { .. } => ErrorCode::InvalidFile,
            Error::CalendarChanged { .. } => ErrorCode::Storage,
            Error::ImportRefused(_) | Error::SetupInvalid(_) | Error::PunchFileInvalid(_) => {
                ErrorCode::InvalidInput
            }
            Error::NotComputed { .. } => ErrorCode::NotFound,
            Error::UnreadableFile(_) => ErrorCode::InvalidFile,
            Error::Internal(_) => ErrorCode::Internal,
            Error::Terminal { .. } => ErrorCode::Terminal,
            Error::Keyring(_) | Error::AuditKeyLost => ErrorCode::Keyring,
            Error::MonthClosed { .. }
            | Error::AlreadyUndone { .. }
            | Error::CloseChecksFailed { .. }
            | Error::MonthNotClosed { .. } => ErrorCode::InvalidInput,
            Error::TerminalInUse { .. } => ErrorCode::InvalidInput,
            Error::PullUnderway | Error::PushOnly { .. } => ErrorCode::Terminal,
            Error::NotInitialized | Error::Store(kaoqin_store::Error::NoDatabase { .. }) => {
                ErrorCode::NotInitialized
            }
            Error::Store(kaoqin_store::Error::DatabaseTooNew { .. }) => ErrorCode::DatabaseTooNew,
            Error::Store(_) => ErrorCode::Storage,
        }
    }

    /// The per-field problems (empty unless the input was invalid).
    pub fn field_errors(&self) -> Vec<FieldErrorDto> {
        match self {
            Error::Invalid(errors) => errors.iter().map(messages::field_error).collect(),
            Error::SetupInvalid(problems) => problems.iter().map(messages::setup_problem).collect(),
            Error::ImportRefused(report) => report
                .problems
                .iter()
                .map(|p| FieldErrorDto {
                    field: p.field.clone(),
                    value: p.value.clone(),
                    problem: p.problem.clone(),
                    message: p.message.clone(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The whole message in both languages.
    pub fn message(&self) -> Localized {
        messages::error(self)
    }

    /// The message in one language, as the CLI prints it.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message().get(lang).to_owned()
    }

    pub fn to_dto(&self) -> ErrorDto {
        ErrorDto { code: self.code(), message: self.message(), fields: self.field_errors() }
    }
}

impl From<kaoqin_core::calendar::CalendarError> for Error {
    fn from(e: kaoqin_core::calendar::CalendarError) -> Self {
        use kaoqin_core::calendar::CalendarError as C;
        match e {
            C::YearNotLoaded { year } => Error::CalendarYearMissing { year },
            C::Invalid(errors) => Error::Invalid(errors),
        }
    }
}
