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
    /// A terminal could not be reached or answered wrongly.
    Terminal,
    /// The OS credential store (for comm keys) could not be used.
    Keyring,
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
    /// `phone`, `pin` or `card_no`; `ignore` leaves the column out (不导入).
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

/// One work segment of a fixed timetable, as typed. Times are `HH:MM`, `+1` for the next day
/// (`06:00+1`); an empty number takes the default.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SegmentInput {
    pub on: String,
    pub off: String,
    pub check_in_before_minutes: Option<i64>,
    pub check_in_after_minutes: Option<i64>,
    pub check_out_before_minutes: Option<i64>,
    pub check_out_after_minutes: Option<i64>,
    pub late_grace_minutes: Option<i64>,
    pub early_grace_minutes: Option<i64>,
    pub serious_late_minutes: Option<i64>,
    pub late_absent_minutes: Option<i64>,
    pub early_absent_minutes: Option<i64>,
}

/// A break, as typed: `start`/`end` for `fixed` and `must_punch`, `minutes` and
/// `after_worked_minutes` for `auto`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BreakInput {
    pub kind: String,
    pub start: String,
    pub end: String,
    pub minutes: Option<i64>,
    pub after_worked_minutes: Option<i64>,
    pub paid: bool,
}

/// A timetable (班次) as typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TimetableInput {
    pub code: String,
    pub name: String,
    pub color: String,
    /// `fixed`, `flexible` or `free`.
    pub kind: String,
    /// 1 or 0.5 (empty: 1).
    pub day_value: Option<f64>,
    /// Empty: a fixed timetable's day starts at its first check-in window, others at 00:00.
    pub day_change: String,
    pub required_minutes: Option<i64>,
    pub segments: Vec<SegmentInput>,
    pub breaks: Vec<BreakInput>,
    pub earliest_arrival: String,
    pub latest_arrival: String,
    pub late_grace_minutes: Option<i64>,
    pub late_absent_minutes: Option<i64>,
    /// `first_last` (empty: the default) or `every_pair`.
    #[serde(default)]
    pub pairing: String,
}

/// Create (`id` empty) or change a timetable. A change with an `effective_from` date applies
/// from that date and keeps the earlier rules for earlier days; without one it corrects the
/// rules in force now.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SaveTimetableInput {
    pub id: Option<i64>,
    pub effective_from: String,
    pub timetable: TimetableInput,
    /// Check and show the result (defaults filled in) without saving.
    pub dry_run: bool,
}

/// A timetable as the list and the form show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimetableDto {
    /// `None` for an unsaved (dry-run) timetable.
    pub id: Option<i64>,
    pub code: String,
    pub name: String,
    pub color: Option<String>,
    pub kind: String,
    /// One line: `09:00–18:00 · 午休 12:00–13:00 · 8 小时`.
    pub summary: Localized,
    pub required_minutes: Option<u32>,
    pub day_value: f64,
    /// The newest rules with every default written out: what the form edits.
    pub form: TimetableInput,
    /// Start dates of every version, oldest first.
    pub versions: Vec<String>,
    /// Groups and rotations that name this timetable.
    pub used_by: Vec<String>,
}

/// An attendance group (考勤组) as typed. `week` has seven timetable codes, Monday first;
/// empty or 休 is a rest day.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GroupInput {
    pub name: String,
    /// `fixed`, `scheduled` or `free`.
    pub kind: String,
    pub week: Vec<String>,
    pub follow_holidays: Option<bool>,
    pub min_rest_minutes: Option<i64>,
    pub max_consecutive_days: Option<i64>,
    /// The first day these rules apply.
    pub effective_from: String,
    /// 工时制度: `standard` (empty), `comprehensive_week|month|quarter|year` or `non_fixed`.
    #[serde(default)]
    pub hours: String,
}

/// Create (`id` empty) or change a group; a change from a date keeps the earlier rules.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SaveGroupInput {
    pub id: Option<i64>,
    pub group: GroupInput,
}

/// One assignment: from `effective_from`, the department (with its sub-departments) or the
/// person is in the group; no group ends an earlier assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MembershipDto {
    /// `department` or `employee`.
    pub target_kind: String,
    pub target_id: i64,
    /// Department path, or `工号 姓名`.
    pub target_label: String,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub effective_from: String,
    /// The last day of this assignment, when a later one for the same department or person
    /// replaces it; `None`: still in force.
    pub until: Option<String>,
    /// What comes after `until`: the next group's name, `None` when the later row ends the
    /// assignment without a new group.
    pub next_group_name: Option<String>,
    pub saved_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupVersionDto {
    pub effective_from: String,
    pub form: GroupInput,
}

/// A group with its versions, its assignments and how many people are in it on the asked date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupDto {
    pub id: i64,
    pub name: String,
    pub kind: String,
    /// The version in force on the asked date (or the first one, before it starts).
    pub current: GroupInput,
    pub versions: Vec<GroupVersionDto>,
    pub assignments: Vec<MembershipDto>,
    pub member_count: u32,
}

/// The groups page: every group, and the active people in none on the asked date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupsDto {
    pub on: String,
    pub groups: Vec<GroupDto>,
    pub unassigned_count: u32,
}

/// Put a department or a person into a group from a date (`group_id` empty: end the assignment).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AssignGroupInput {
    /// `department` or `employee`.
    pub target_kind: String,
    pub target_id: i64,
    pub group_id: Option<i64>,
    pub effective_from: String,
}

/// A person's group on a date, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupMemberDto {
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub department_path: String,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    /// The assignment that decides it (`None`: in no group).
    pub via: Option<MembershipDto>,
}

/// A rotation (轮班规律) as typed: timetable codes, empty or 休 for rest.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RotationInput {
    pub name: String,
    pub days: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SaveRotationInput {
    pub id: Option<i64>,
    pub rotation: RotationInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RotationDto {
    pub id: i64,
    pub name: String,
    /// Timetable codes, 休 for rest.
    pub days: Vec<String>,
}

/// What importing a setup file does (or did): per section, the names added, changed and unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct SetupSectionResult {
    pub section: String,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct SetupImportResult {
    pub sections: Vec<SetupSectionResult>,
    pub dry_run: bool,
}

/// Which part of the 排班 grid to show: a month, optionally one department (with its
/// sub-departments) or one group, and a search over 工号 and 姓名.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScheduleQuery {
    /// `2026-10`.
    pub month: String,
    pub department_id: Option<i64>,
    pub group_id: Option<i64>,
    pub search: Option<String>,
}

/// A date of the grid's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleDayDto {
    pub date: String,
    /// Monday = 1 … Sunday = 7, as in [`CalendarDayDto`].
    pub weekday: u8,
    pub class: DayClass,
    pub festival: Option<String>,
}

/// A timetable as the grid paints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimetableChipDto {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub color: Option<String>,
    pub kind: String,
}

/// A problem of the plan shown on a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleConflictDto {
    /// `overlap`, `short_rest` or `too_many_days`.
    pub kind: String,
    pub message: Localized,
}

/// One person on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleCellDto {
    /// The planned timetable; `None` is a rest day or nothing planned (see `source`).
    pub timetable_id: Option<i64>,
    /// `paint`, `rotation`, `swap` (a cell of the grid), `week` (the group's pattern), `holiday`
    /// (pattern day off for a holiday), `make_up` (调休上班), `unscheduled` (排班制, nothing
    /// painted), `no_group`, or `off_books` (before hire or after leaving).
    pub source: String,
    pub conflicts: Vec<ScheduleConflictDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleRowDto {
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub department_path: String,
    /// The group on the last day of the month.
    pub group_name: Option<String>,
    pub group_kind: Option<String>,
    /// One cell per day of the month.
    pub cells: Vec<ScheduleCellDto>,
}

/// The 排班 grid of a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleGridDto {
    pub month: String,
    pub days: Vec<ScheduleDayDto>,
    pub timetables: Vec<TimetableChipDto>,
    pub rows: Vec<ScheduleRowDto>,
    pub conflict_count: u32,
    /// Cells of 排班制 people with nothing planned.
    pub unscheduled_count: u32,
}

/// One cell of the grid, by person and date.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScheduleCellRef {
    pub employee_id: i64,
    pub date: String,
}

/// A cell as it was before an edit, to undo it: `source` empty means the cell had no entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScheduleCellWrite {
    pub employee_id: i64,
    pub date: String,
    pub timetable_id: Option<i64>,
    /// `paint`, `rotation`, `swap`, or empty to clear the cell.
    pub source: String,
}

/// An edit of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScheduleEdit {
    /// Put a timetable (or, with none, a rest day) on every selected cell.
    Paint { cells: Vec<ScheduleCellRef>, timetable_id: Option<i64> },
    /// Remove the cells' entries: the dates follow the group again.
    Clear { cells: Vec<ScheduleCellRef> },
    /// Fill `from..=to` for each person from a rotation whose day 1 falls on `anchor`; each next
    /// person starts `offset_per_person` days later in the rotation (staggered crews).
    FillRotation {
        employee_ids: Vec<i64>,
        rotation_id: i64,
        anchor: String,
        from: String,
        to: String,
        offset_per_person: i64,
    },
    /// Copy the plan of the week containing `from_week` (Monday to Sunday) onto the weeks
    /// containing each of `to_weeks`.
    CopyWeek { employee_ids: Vec<i64>, from_week: String, to_weeks: Vec<String> },
    /// Exchange the plans of two cells (two people on one date, or one person on two dates).
    Swap { a: ScheduleCellRef, b: ScheduleCellRef },
    /// Put cells back as they were (the `undo` of an earlier edit).
    Restore { cells: Vec<ScheduleCellWrite> },
}

/// What an edit changed, and how to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleEditResult {
    pub changed: u32,
    /// Feed back as `Restore` to undo this edit.
    pub undo: Vec<ScheduleCellWrite>,
}

/// A leave type as typed (and as listed, with its id).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LeaveTypeInput {
    pub code: String,
    pub name: String,
    /// `day`, `half_day` or `hour`.
    pub unit: String,
    /// Rest days inside the leave count (产假).
    pub counts_rest_days: bool,
    /// The person counts as at work (外出, 出差).
    pub on_duty: bool,
    pub paid: bool,
    /// Draws on a balance (年假, 调休假).
    pub tracks_balance: bool,
    /// In the unit, e.g. 5 (days).
    pub annual_grant: Option<f64>,
    pub max_carry_over: Option<f64>,
    /// `MM-DD`.
    pub carry_over_expires: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeaveTypeDto {
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub leave_type: LeaveTypeInput,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SaveLeaveTypeInput {
    pub id: Option<i64>,
    pub leave_type: LeaveTypeInput,
}

/// A leave for one or more people (batch): whole or half days from `start_date` to `end_date`,
/// or, for hour types, `from_time`–`to_time` on `start_date`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LeaveInput {
    pub employee_ids: Vec<i64>,
    pub leave_type_id: i64,
    pub start_date: String,
    /// `am` (default) or `pm`: a half-day leave may start at noon.
    pub start_half: String,
    pub end_date: String,
    /// `pm` (default) or `am`: a half-day leave may end at noon.
    pub end_half: String,
    /// `HH:MM`, for hour types.
    pub from_time: String,
    pub to_time: String,
    pub note: String,
    /// Check and compute the amounts without saving.
    pub dry_run: bool,
}

/// A leave as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeaveRecordDto {
    /// 0 for a dry run.
    pub id: i64,
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub leave_type_id: i64,
    pub leave_type_name: String,
    pub unit: String,
    /// `2026-10-08 下午 至 2026-10-12 上午` / `2026-10-09 14:00–15:30`.
    pub when: Localized,
    pub first_date: String,
    pub last_date: String,
    /// In the type's unit: 3, 0.5, 1.5.
    pub amount: f64,
    pub note: String,
    pub created_by: String,
    pub cancelled: bool,
    pub cancel_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LeaveQuery {
    pub from: String,
    pub to: String,
    pub employee_id: Option<i64>,
    pub leave_type_id: Option<i64>,
    pub include_cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CancelLeaveInput {
    pub id: i64,
    pub reason: String,
}

/// Give everyone on the books this year's grant of a leave type (pro rata for new joiners) and
/// carry over last year's remainder as the type says.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GrantAnnualInput {
    pub leave_type_id: i64,
    pub year: i32,
    pub dry_run: bool,
}

/// An adjustment of some people's balance (positive or negative, in the unit).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AdjustBalanceInput {
    pub employee_ids: Vec<i64>,
    pub leave_type_id: i64,
    pub year: i32,
    pub amount: f64,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeaveBalanceDto {
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub department_path: String,
    pub granted: f64,
    pub taken: f64,
    pub expired: f64,
    pub remaining: f64,
}

/// What granting did (or would do): per person the annual grant and the carry-over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GrantAnnualResult {
    pub granted_people: u32,
    pub granted_total: f64,
    pub carried_people: u32,
    pub carried_total: f64,
    /// People who already had this year's grant (left alone).
    pub already_granted: u32,
    pub dry_run: bool,
}

// ---------------------------------------------------------------------------------------------
// Punches and results

/// What a punch import did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PunchImportReport {
    pub file_name: String,
    /// `attlog` or `csv`.
    pub kind: String,
    pub punches: u32,
    pub added: u32,
    /// Already stored (the same file or the same terminal data imported before).
    pub already_stored: u32,
    /// PINs or 工号 no employee has (`PIN 21`, `工号 1005`): kept, matched once the person exists.
    pub unknown: Vec<String>,
    /// Earliest and latest punch time in the file (`YYYY-MM-DD HH:MM:SS`).
    pub first: Option<String>,
    pub last: Option<String>,
    pub dry_run: bool,
}

/// Which month and people to compute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ComputeInput {
    /// `YYYY-MM`.
    pub month: String,
    /// Only this 工号.
    pub employee_no: Option<String>,
    /// Only this department and its sub-departments.
    pub department_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComputeReport {
    pub month: String,
    pub employees: u32,
    pub days: u32,
    pub exception_days: u32,
    pub provisional_days: u32,
    pub punches: u32,
}

/// Progress of a computation: `done` of `total` people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComputeProgress {
    pub done: u32,
    pub total: u32,
}

/// Leave of one type over the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeaveDaysDto {
    pub type_id: i64,
    pub name: String,
    pub minutes: u32,
    pub days: f64,
}

/// One person's monthly totals. The first fields are the stable columns of the summary CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SummaryRowDto {
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub department: String,
    pub scheduled_days: f64,
    pub attended_days: f64,
    pub late_count: u32,
    pub late_minutes: u32,
    pub early_count: u32,
    pub early_minutes: u32,
    pub missing_punch_count: u32,
    pub absent_days: f64,
    pub leave_minutes: u32,
    pub ot_workday_minutes: u32,
    pub ot_restday_minutes: u32,
    pub ot_holiday_minutes: u32,
    /// Rest-day overtime given back as 调休.
    pub time_off_minutes: u32,
    /// 外出 and 出差: on duty away, counted as attended.
    pub on_duty_minutes: u32,
    pub leave: Vec<LeaveDaysDto>,
    pub exception_days: u32,
    pub provisional_days: u32,
    /// More overtime than the monthly cap (36 hours): a warning.
    pub over_monthly_cap: bool,
    /// 综合计算工时 (`week`, `month`, `quarter`, `year`), when the person's group is on it.
    pub settlement_period: Option<String>,
    /// Towards the period this month: worked, on duty, leave and time outside the plan.
    pub period_worked_minutes: Option<u32>,
    /// 8 hours for each national working day on the books.
    pub period_standard_minutes: Option<u32>,
    /// A monthly period's excess over the standard (included in `ot_workday_minutes`).
    pub period_excess_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthSummaryDto {
    pub month: String,
    pub rows: Vec<SummaryRowDto>,
}

/// One finding of a day, in words, with its kind and severity for colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingDto {
    /// `late`, `missing_check_out`, `absent` …
    pub kind: String,
    /// `info`, `warning` or `error`.
    pub severity: String,
    pub text: Localized,
}

/// One person's day as a row of the month view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayRowDto {
    pub date: String,
    /// `normal`, `exception`, `leave`, `rest`, `holiday`, `not_yet_hired`, `left`.
    pub status: String,
    pub status_name: Localized,
    pub class_name: Localized,
    /// The timetable's code (早, 夜 …), if one was planned.
    pub timetable: Option<String>,
    pub scheduled_minutes: u32,
    pub worked_minutes: u32,
    pub late_minutes: u32,
    pub early_minutes: u32,
    pub absent_minutes: u32,
    pub missing_count: u32,
    pub leave_minutes: u32,
    pub on_duty_minutes: u32,
    pub overtime_minutes: u32,
    pub findings: Vec<FindingDto>,
    pub provisional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonMonthDto {
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub department: String,
    pub month: String,
    pub days: Vec<DayRowDto>,
}

/// One day with its ledger (为什么): each rule that fired, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayDetailDto {
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub row: DayRowDto,
    pub ledger: Vec<Localized>,
}

/// The attendance rule settings, as the settings form and the what-if edit them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RulesDto {
    /// Punches closer than this to the previous one are double taps.
    pub duplicate_seconds: u32,
    /// `missing` (缺卡, its own figure) or `absent` (缺卡按旷工).
    pub missing_punch: String,
    /// `punches`, `approved` or `approved_within_punches`.
    pub ot_source: String,
    pub ot_min_minutes: u32,
    pub ot_unit_minutes: u32,
    /// `down`, `nearest` or `up`.
    pub ot_rounding: String,
    pub ot_count_before_shift: bool,
    pub ot_rest_day_to_time_off: bool,
    pub rest_day_break_minutes: u32,
    pub rest_day_break_after_minutes: u32,
    pub daily_cap_minutes: u32,
    pub monthly_cap_minutes: u32,
}

/// A rule change tried on one person's month before saving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WhatIfInput {
    pub employee_id: i64,
    /// `YYYY-MM`.
    pub month: String,
    pub rules: RulesDto,
}

/// One day whose result the change would alter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WhatIfDayDto {
    pub now: DayRowDto,
    pub then: DayRowDto,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WhatIfDto {
    pub employee_id: i64,
    pub month: String,
    /// Totals with the saved rules, and with the changed ones.
    pub now: SummaryRowDto,
    pub then: SummaryRowDto,
    pub changed_days: Vec<WhatIfDayDto>,
}

// Terminals

/// A terminal as the clerk enters it. `id` absent: a new terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TerminalInput {
    pub id: Option<i64>,
    pub name: String,
    /// IP address or host name.
    pub host: String,
    pub port: u32,
    /// `auto` (TCP, then UDP), `tcp` or `udp`.
    pub transport: String,
    /// The zone of the terminal's clock, e.g. `Asia/Shanghai`.
    pub tz: String,
    pub location: String,
    /// How the terminal's 上班/下班 key is used: `none`, `hint` or `trust`.
    pub state_key: String,
    /// How the terminal stores names: `gbk`, `utf8`, `windows1252`, `windows1251`, `windows1256`.
    pub name_codec: String,
    /// Clear the terminal's log after each verified, backed-up pull. Off by default.
    pub clear_after_pull: bool,
    /// Pull every N minutes (absent: no interval).
    pub every_minutes: Option<u32>,
    /// Pull at these times of day, `HH:MM`.
    pub at_times: Vec<String>,
    pub enabled: bool,
    pub group_ids: Vec<i64>,
    /// Absent: unchanged; empty: remove the comm key; digits: set it. Stored in the OS keyring.
    pub comm_key: Option<String>,
    /// The terminal's serial number: learned at the first test or pull; entered (or taken from
    /// a waiting device) for a terminal that pushes over ADMS. Absent: unchanged.
    pub serial: Option<String>,
}

/// How a terminal's pulls are going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncStatusDto {
    /// `never`, `ok`, `failed`, `running` or `interrupted` (a pull that stopped half-way).
    pub state: String,
    pub last_pull_at: Option<String>,
    pub last_ok_at: Option<String>,
    pub last_error: Option<Localized>,
    /// Failed since this instant (the first failed pull after the last good one).
    pub failing_since: Option<String>,
    /// Records the terminal held at its last good pull.
    pub device_records: Option<i64>,
    /// Punches stored from this terminal.
    pub stored: i64,
    /// Records with an impossible time, kept aside.
    pub quarantined: i64,
    /// Terminal clock minus PC clock at the last good pull, in seconds.
    pub skew_seconds: Option<i64>,
    pub skew_warning: bool,
    /// The terminal's wall clock at the last good pull: punches up to here are in.
    pub synced_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TerminalDto {
    pub id: i64,
    pub name: String,
    pub host: String,
    pub port: u32,
    pub transport: String,
    pub tz: String,
    pub location: String,
    pub state_key: String,
    pub name_codec: String,
    pub clear_after_pull: bool,
    pub every_minutes: Option<u32>,
    pub at_times: Vec<String>,
    pub enabled: bool,
    pub group_ids: Vec<i64>,
    pub group_names: Vec<String>,
    /// Learned from the device.
    pub serial: Option<String>,
    pub has_comm_key: bool,
    pub sync: SyncStatusDto,
}

/// What "test connection" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeviceInfoDto {
    /// `tcp` or `udp`.
    pub transport: String,
    pub serial: Option<String>,
    pub firmware: String,
    pub platform: Option<String>,
    pub device_name: Option<String>,
    pub mac: Option<String>,
    pub users: i64,
    pub user_capacity: i64,
    pub records: i64,
    pub record_capacity: i64,
    /// The terminal's clock and the PC's, `YYYY-MM-DD HH:MM:SS` in the terminal's zone.
    pub device_time: String,
    pub pc_time: String,
    pub skew_seconds: i64,
    pub skew_warning: bool,
}

/// Progress of a pull: `stage` is `connecting`, `reading` (bytes) or `saving` (records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PullProgress {
    pub stage: String,
    pub done: u32,
    pub total: u32,
}

/// What a pull did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PullReport {
    pub terminal_id: i64,
    pub terminal: String,
    pub pull_id: i64,
    pub serial: Option<String>,
    /// `tcp` or `udp`.
    pub transport: String,
    pub records: u32,
    pub added: u32,
    pub already_stored: u32,
    pub quarantined: u32,
    pub bytes: u32,
    pub record_size: u32,
    pub skew_seconds: i64,
    pub skew_warning: bool,
    /// The terminal's own count, locked, before and after the read.
    pub device_records: i64,
    pub device_records_after: i64,
    /// PINs no employee has: kept, matched once the person exists.
    pub unknown_pins: Vec<String>,
    /// Whether the terminal's log was cleared, and if not while asked to, why.
    pub cleared: bool,
    pub clear_refused: Option<Localized>,
}

/// One pull in a terminal's sync log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PullLogDto {
    pub id: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `running`, `ok`, `failed` or `interrupted`.
    pub outcome: String,
    pub error: Option<Localized>,
    pub started_by: String,
    pub transport: Option<String>,
    pub skew_seconds: Option<i64>,
    pub device_records: Option<i64>,
    pub records: i64,
    pub added: i64,
    pub quarantined: i64,
    pub bytes: i64,
    pub cleared_at: Option<String>,
}

/// A record kept aside because its time cannot be real.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuarantineDto {
    pub id: i64,
    pub terminal: String,
    pub pin: String,
    /// The time's fields as the terminal sent them, e.g. `2026-02-30 08:01:00`.
    pub fields: String,
    pub raw_time: u32,
    pub reason: Localized,
}

/// A user enrolled on a terminal, and who they are on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TerminalUserDto {
    pub pin: String,
    /// As the terminal stores it, decoded with the terminal's name encoding.
    pub name: String,
    pub card: Option<String>,
    /// 0 user, 2 enroller, 6 manager, 14 admin.
    pub privilege: u32,
    /// The employee with this PIN.
    pub employee_id: Option<i64>,
    pub employee_no: Option<String>,
    pub employee_name: Option<String>,
    /// No employee has this PIN, but one without a PIN has this exact name: likely the same
    /// person (set the PIN on the employee to match them).
    pub suggestion_id: Option<i64>,
    pub suggestion_no: Option<String>,
}

/// What an upload of employees to a terminal did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UploadReport {
    pub terminal: String,
    /// Employees written (new on the terminal or changed).
    pub written: u32,
    /// Of those, new on the terminal.
    pub added: u32,
    /// Employees without a PIN, not uploaded.
    pub without_pin: u32,
}

/// A terminal that called the ADMS receiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PushDeviceDto {
    pub serial: String,
    /// Its address as the receiver saw it.
    pub remote: String,
    pub first_seen: String,
    pub last_seen: String,
    pub requests: i64,
    /// The terminal it is (`None`: waiting for approval; what it sent is kept meanwhile).
    pub terminal_id: Option<i64>,
    pub terminal: Option<String>,
    /// Uploads it sent that wait to be stored.
    pub waiting: i64,
}

/// Whether the app receives pushing terminals (ADMS), and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PushReceiverInput {
    pub enabled: bool,
    /// One of this PC's IP addresses; empty: all of them.
    pub host: String,
    pub port: u32,
}

/// The ADMS receiver: its settings and what it is doing right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PushReceiverDto {
    pub enabled: bool,
    pub host: String,
    pub port: u32,
    /// The address it is listening on right now (`None`: not listening).
    pub listening: Option<String>,
    /// Why it is not listening although it is enabled (the port is taken …).
    pub problem: Option<Localized>,
    /// This PC's IPv4 addresses on the LAN, for the terminal's server address setting.
    pub lan_addresses: Vec<String>,
}

/// What checking the audit log's chain found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditVerifyDto {
    pub ok: bool,
    /// Events whose signature was checked.
    pub signed: u64,
    /// Events written before the log was signed (a prefix; not verifiable).
    pub unsigned: u64,
    pub head_seq: Option<i64>,
    /// The first 16 hex digits of the head's hash, as printed on reports.
    pub head_hash: Option<String>,
    /// The last head saved in this PC's keyring, which a shortened log cannot match.
    pub anchor_seq: Option<i64>,
    /// The first event that does not hold.
    pub broken_seq: Option<i64>,
    pub message: Localized,
}

/// Filters of the audit viewer; dates (`YYYY-MM-DD`, inclusive) are in the company's zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub actor: Option<String>,
    /// An action (`period.close`) or its first part (`period`).
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub page: Option<u32>,
    pub page_size: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditRowDto {
    pub seq: i64,
    /// UTC, RFC 3339.
    pub at_utc: String,
    /// Local wall time in the company's zone, `YYYY-MM-DD HH:MM:SS`.
    pub at_local: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    /// The event's detail as JSON text (no personal values).
    pub detail: String,
    pub signed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditPage {
    pub rows: Vec<AuditRowDto>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// An export of the audit log: CSV text (UTF-8 with BOM, for Excel) and its row count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditExport {
    pub file_name: String,
    pub csv: String,
    pub rows: u32,
}

/// In or out, as the clerk says it for a make-up punch or a direction change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PunchDirection {
    In,
    Out,
}

/// What a resolution does to a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResolutionInput {
    /// 补卡 at `time` (`HH:MM`) of the work date, or of the next calendar day with `next_day`.
    MakeUp { time: String, next_day: bool, direction: PunchDirection },
    /// Leave the punch out of the result.
    IgnorePunch { punch_id: i64 },
    /// Take the punch as a check-in or check-out.
    FlipPunch { punch_id: i64, direction: PunchDirection },
    /// Keep at most this many minutes of the day's overtime (0 rejects it).
    Overtime { minutes: u32 },
    /// 按出勤处理 (a company event …).
    AcceptWorked,
    /// 按旷工处理.
    MarkAbsent,
    /// 仅备注: the finding is reviewed; nothing changes.
    Note,
    /// 请假、外出、出差 on the day, by leave type name or code: the whole day, or `HH:MM`–`HH:MM`
    /// for types counted in hours (both empty otherwise).
    Leave { leave_type: String, from_time: String, to_time: String },
}

/// One person's work date to resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResolutionTarget {
    pub employee_id: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// A resolution for one or more person-days: all of them or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResolveInput {
    pub targets: Vec<ResolutionTarget>,
    pub resolution: ResolutionInput,
    pub reason: String,
    /// What backs it up (a form number …).
    pub attachment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResolveReport {
    /// The corrections made, one per target.
    pub corrections: Vec<i64>,
    /// Days whose result changed when recomputed.
    pub changed_days: u32,
}

/// A stored correction, for the ledger and the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CorrectionDto {
    pub id: i64,
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub date: String,
    pub kind: String,
    /// What it does, in words.
    pub text: Localized,
    pub reason: String,
    pub attachment: String,
    pub batch: Option<i64>,
    pub created_at: String,
    pub created_by: String,
    pub undone_at: Option<String>,
    pub undone_by: Option<String>,
    pub undo_reason: Option<String>,
}

/// Filters of the exception inbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExceptionQuery {
    /// `YYYY-MM`.
    pub month: String,
    pub department_id: Option<i64>,
    pub employee_no: Option<String>,
    /// A finding kind (`missing_check_out` …).
    pub kind: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `warning` (the default) or `error`; `info` shows everything.
    pub min_severity: Option<String>,
}

/// One open finding of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExceptionRowDto {
    pub employee_id: i64,
    pub employee_no: String,
    pub name: String,
    pub department: String,
    pub date: String,
    pub kind: String,
    pub kind_name: Localized,
    pub severity: String,
    pub text: Localized,
    /// Minutes of pay it affects (late, missing, absent … minutes), for sorting.
    pub minutes: u32,
    pub punches: Vec<i64>,
}

/// Open findings by kind, for the inbox's groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExceptionKindCount {
    pub kind: String,
    pub kind_name: Localized,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExceptionList {
    pub month: String,
    pub closed: bool,
    pub rows: Vec<ExceptionRowDto>,
    pub kinds: Vec<ExceptionKindCount>,
    /// Findings reviewed by a correction that left them standing (a note …).
    pub reviewed: u32,
}

/// One item of the month-close checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseCheckDto {
    /// `computed`, `synced`, `exceptions`, `timesheets`.
    pub key: String,
    pub ok: bool,
    pub text: Localized,
}

/// A close or re-open of a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeriodEventDto {
    pub action: String,
    pub at_utc: String,
    pub actor: String,
    pub reason: String,
    pub audit_seq: Option<i64>,
    pub audit_head: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeriodStatusDto {
    pub month: String,
    pub closed: bool,
    pub checks: Vec<CloseCheckDto>,
    pub events: Vec<PeriodEventDto>,
}

/// A punch pattern worth a second look (可疑打卡); review only, it changes no result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlagDto {
    /// Names the flag for dismissal (its kind and punch ids).
    pub key: String,
    /// `buddy_chain`, `same_minute`, `verify_mode_change`, `impossible_travel`,
    /// `punch_on_leave`, `clock_went_back`.
    pub kind: String,
    pub kind_name: Localized,
    pub text: Localized,
    pub date: String,
    /// `工号 姓名` of the people concerned.
    pub people: Vec<String>,
    pub punches: Vec<i64>,
    pub terminal: String,
    pub dismissed_reason: Option<String>,
    /// Who dismissed it, and when.
    pub dismissed_by: Option<String>,
}
