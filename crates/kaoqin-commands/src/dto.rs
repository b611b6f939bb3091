//! Wire types of the UI contract. Field names are snake_case and say the same thing as the Rust
//! names, SQL columns and UI label keys. TypeScript copies are generated into `ui/src/bindings/`
//! (`cargo xtask codegen`); a test fails when the committed copies drift.
//!
//! Inputs carry dates and numbers as the user typed them (strings), so validation can say
//! exactly what was wrong with the value; outputs carry canonical forms (ISO dates).
//! ID numbers (身份证号) only ever leave the backend masked.

use kaoqin_core::employee::EmployeeStatus as CoreStatus;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A text in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Localized { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Stable error codes the UI switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    DepartmentNotEmpty,
    Forbidden,
    NotInitialized,
    DatabaseTooNew,
    /// A date's year has no holiday notice loaded.
    CalendarYearMissing,
    /// A file could not be read as the expected format.
    InvalidFile,
    Storage,
    Internal,
}

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldErrorDto {
    /// The input field's key, e.g. `employee_no`, `pin`, `department_id`.
    pub field: String,
    /// The value as given (ID numbers masked).
    pub value: String,
    /// The problem's kind, e.g. `required`, `duplicate`, `bad_date`.
    pub problem: String,
    pub message: Localized,
}

/// What every failed command returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorDto {
    pub code: ErrorCode,
    pub message: Localized,
    pub fields: Vec<FieldErrorDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyDto {
    pub name: String,
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyInput {
    pub name: String,
    pub timezone: String,
}

/// The 首页 numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverviewDto {
    pub company: CompanyDto,
    pub department_count: u32,
    pub active_employee_count: u32,
    pub inactive_employee_count: u32,
    pub db_path: String,
    pub schema_version: u32,
    pub app_version: String,
    pub timezones: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DepartmentDto {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    /// Full path, root first: `总部/生产部/一车间`.
    pub path: String,
    /// 0 for a top-level department.
    pub depth: u32,
    /// Employees directly in this department (not sub-departments), any status.
    pub employee_count: u32,
    pub active_employee_count: u32,
    pub child_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DepartmentInput {
    pub name: String,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DepartmentRename {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DepartmentMove {
    pub id: i64,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EmployeeStatus {
    Active,
    Inactive,
}

impl From<CoreStatus> for EmployeeStatus {
    fn from(s: CoreStatus) -> Self {
        match s {
            CoreStatus::Active => EmployeeStatus::Active,
            CoreStatus::Inactive => EmployeeStatus::Inactive,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EmployeeStatusFilter {
    #[default]
    Active,
    Inactive,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EmployeeDto {
    pub id: i64,
    pub employee_no: String,
    pub name: String,
    pub department_id: i64,
    pub department_path: String,
    pub position: Option<String>,
    pub hired_on: String,
    pub left_on: Option<String>,
    /// `1101**********002X`; the full number never leaves the backend.
    pub id_number_masked: Option<String>,
    pub phone: Option<String>,
    pub pin: Option<String>,
    pub card_no: Option<String>,
    pub status: EmployeeStatus,
}

/// A new employee. Empty strings and nulls both mean "not given".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct EmployeeInput {
    pub employee_no: String,
    pub name: String,
    pub department_id: Option<i64>,
    pub position: Option<String>,
    pub hired_on: String,
    pub left_on: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub pin: Option<String>,
    pub card_no: Option<String>,
}

/// Changes to an employee: an omitted field is unchanged, `""` clears an optional field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct EmployeePatch {
    #[ts(optional = false)]
    pub id: i64,
    pub employee_no: Option<String>,
    pub name: Option<String>,
    pub department_id: Option<i64>,
    pub position: Option<String>,
    pub hired_on: Option<String>,
    pub left_on: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub pin: Option<String>,
    pub card_no: Option<String>,
}

/// 离职: record the leave date (the employee becomes inactive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EmployeeDeactivate {
    pub id: i64,
    pub left_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct EmployeeQuery {
    /// 工号, 姓名 or 职位 containing the text, or a PIN or card number equal to it.
    pub search: Option<String>,
    pub department_id: Option<i64>,
    /// Default true.
    pub include_subdepartments: Option<bool>,
    /// Default `active`.
    pub status: Option<EmployeeStatusFilter>,
    /// 1-based, default 1.
    pub page: Option<u32>,
    /// Default 50, at most 500.
    pub page_size: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EmployeePage {
    pub rows: Vec<EmployeeDto>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// The pay class of a date (china-labour-rules §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayClass {
    /// 法定节假日 (×3).
    Statutory,
    /// 休息日 (×2 or time off).
    RestDay,
    /// 调休上班.
    MakeUpWorkday,
    /// 工作日.
    Workday,
}

impl From<kaoqin_core::calendar::DayClass> for DayClass {
    fn from(c: kaoqin_core::calendar::DayClass) -> Self {
        use kaoqin_core::calendar::DayClass as C;
        match c {
            C::Statutory => DayClass::Statutory,
            C::RestDay => DayClass::RestDay,
            C::MakeUpWorkday => DayClass::MakeUpWorkday,
            C::Workday => DayClass::Workday,
        }
    }
}

/// Why a date has its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    Weekday,
    Weekend,
    /// 法定节假日 named by the notice.
    Statutory,
    /// 补假.
    Substitute,
    /// 调休休息日.
    SwappedRest,
    /// 调休上班.
    MakeUpWorkday,
    /// 公司休息日.
    CompanyDayOff,
    /// 公司工作日.
    CompanyWorkingDay,
}

impl From<kaoqin_core::calendar::DaySource> for DaySource {
    fn from(s: kaoqin_core::calendar::DaySource) -> Self {
        use kaoqin_core::calendar::{CompanyDayKind as C, DaySource as S, NoticeDayKind as N};
        match s {
            S::Weekday => DaySource::Weekday,
            S::Weekend => DaySource::Weekend,
            S::Notice(N::Statutory) => DaySource::Statutory,
            S::Notice(N::Substitute) => DaySource::Substitute,
            S::Notice(N::SwappedRest) => DaySource::SwappedRest,
            S::Notice(N::MakeUpWorkday) => DaySource::MakeUpWorkday,
            S::Company(C::DayOff) => DaySource::CompanyDayOff,
            S::Company(C::WorkingDay) => DaySource::CompanyWorkingDay,
        }
    }
}

/// One date of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarDayDto {
    /// ISO date.
    pub date: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub class: DayClass,
    pub source: DaySource,
    pub festival: Option<String>,
    pub swapped_with: Option<String>,
    /// The company's note, for company days.
    pub note: Option<String>,
}

/// Where a year's national data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CalendarSource {
    /// Shipped with Kaoqin.
    Builtin,
    /// Loaded by a clerk (import or manual entry); replaces a shipped year.
    Loaded,
}

/// A year of national calendar data and the notice it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarYearDto {
    pub year: i32,
    pub source: CalendarSource,
    pub notice: String,
    pub issued_on: String,
    pub url: String,
    pub document_no: Option<String>,
    /// SHA-256 of the year's canonical text.
    pub checksum: String,
    pub statutory_days: u32,
    /// Dates the notice names (statutory, 补假, 调休).
    pub notice_days: u32,
    pub loaded_at: Option<String>,
    pub loaded_by: Option<String>,
}

/// Which years are loaded, and the year to warn about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarStatusDto {
    pub years: Vec<CalendarYearDto>,
    /// The company's local date the status was computed for.
    pub today: String,
    /// From October on: next year, when its notice is not loaded yet.
    pub missing_next_year: Option<i32>,
}

/// A year with every one of its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarYearDetail {
    pub year: CalendarYearDto,
    pub days: Vec<CalendarDayDto>,
}

/// One date of a notice entered by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct NoticeDayInput {
    pub date: String,
    /// `statutory`, `substitute`, `swapped_rest` or `make_up_workday`.
    pub kind: String,
    pub festival: String,
    /// For `swapped_rest` and `make_up_workday`: the other date of the pair; else empty.
    pub swapped_with: String,
}

/// A year's notice entered by hand (设置 → 节假日 → 录入).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct CalendarYearInput {
    pub year: String,
    pub notice: String,
    pub issued_on: String,
    pub url: String,
    pub document_no: String,
    pub days: Vec<NoticeDayInput>,
}

/// What loading a year did (or would do, on a dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarLoadResult {
    pub year: CalendarYearDto,
    /// What the year's data came from before: `None` when the year was missing.
    pub replaced: Option<CalendarSource>,
    /// Dates whose class changes compared with the data in use before.
    pub changed_days: Vec<CalendarDayDto>,
    pub dry_run: bool,
}

/// A company day off or extra working day.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct CompanyDayInput {
    pub date: String,
    /// `day_off` or `working_day`.
    pub kind: String,
    pub note: String,
}

/// The clerk's choice for one column of an import file: which field a header holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ImportColumnChoice {
    /// `employee_no`, `name`, `department`, `position`, `hired_on`, `left_on`, `id_number`,
    /// `phone`, `pin` or `card_no`.
    pub field: String,
    /// The header as it is in the file.
    pub header: String,
}

/// How to read an import file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// The workbook sheet to read (default: the first).
    pub sheet: Option<String>,
    /// Columns the clerk mapped by hand; the others are recognised by their headers.
    pub mapping: Vec<ImportColumnChoice>,
}

/// A column of the file and the field it was recognised as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportColumnDto {
    pub index: u32,
    /// Spreadsheet letter: A, B, …, AA.
    pub letter: String,
    pub header: String,
    pub field: Option<String>,
}

/// One problem of an import file, located by spreadsheet row and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProblemDto {
    /// The row number as the spreadsheet shows it (the header row for column problems).
    pub row: u32,
    pub column: Option<String>,
    pub header: Option<String>,
    pub field: String,
    pub problem: String,
    /// The value as given (ID numbers masked).
    pub value: String,
    pub message: Localized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportRowAction {
    Add,
    Update,
    Unchanged,
}

/// One planned row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRowDto {
    pub row: u32,
    pub action: ImportRowAction,
    pub employee_no: String,
    pub name: String,
    pub department_path: String,
    /// For updates: the fields that change.
    pub changed: Vec<String>,
}

/// What an import file holds and what importing it does (or did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// `xlsx`, `xls` or `csv`.
    pub file_format: String,
    /// For CSV: the text encoding it was read as (`UTF-8`, `gb18030`, `UTF-16LE`).
    pub encoding: Option<String>,
    /// For workbooks: every sheet, and the one read.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub header_row: u32,
    pub columns: Vec<ImportColumnDto>,
    /// Every problem, in row order; the import writes only when there is none.
    pub problems: Vec<ImportProblemDto>,
    pub problem_count: u32,
    pub add_count: u32,
    pub update_count: u32,
    pub unchanged_count: u32,
    pub blank_rows: u32,
    /// Departments that will be (or were) created, parents first.
    pub new_departments: Vec<String>,
    /// The first rows of the plan (all counts cover the whole file).
    pub rows: Vec<ImportRowDto>,
    /// True once the rows are in the database.
    pub written: bool,
}
