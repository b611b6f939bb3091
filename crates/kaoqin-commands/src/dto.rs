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
