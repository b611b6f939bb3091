//! The TypeScript bindings of every DTO, as (file name, contents) pairs. `cargo xtask codegen`
//! writes them to `ui/src/bindings/`; the drift test compares them with the committed files.

use ts_rs::{Config, TS};

use crate::dto::*;

/// Directory of the committed bindings, relative to the workspace root.
pub const BINDINGS_DIR: &str = "ui/src/bindings";

fn one<T: TS + 'static>(cfg: &Config) -> (String, String) {
    let body = T::export_to_string(cfg).unwrap_or_else(|e| format!("// export failed: {e}\n"));
    (format!("{}.ts", T::ident(cfg)), body)
}

/// Every binding file, sorted by name.
pub fn typescript_bindings() -> Vec<(String, String)> {
    // i64 ids fit comfortably in a JavaScript number (SQLite rowids of a roster).
    let cfg = Config::new().with_large_int("number");
    let mut files = vec![
        one::<Localized>(&cfg),
        one::<ErrorCode>(&cfg),
        one::<FieldErrorDto>(&cfg),
        one::<ErrorDto>(&cfg),
        one::<CompanyDto>(&cfg),
        one::<CompanyInput>(&cfg),
        one::<OverviewDto>(&cfg),
        one::<DepartmentDto>(&cfg),
        one::<DepartmentInput>(&cfg),
        one::<DepartmentRename>(&cfg),
        one::<DepartmentMove>(&cfg),
        one::<EmployeeStatus>(&cfg),
        one::<EmployeeStatusFilter>(&cfg),
        one::<EmployeeDto>(&cfg),
        one::<EmployeeInput>(&cfg),
        one::<EmployeePatch>(&cfg),
        one::<EmployeeDeactivate>(&cfg),
        one::<EmployeeQuery>(&cfg),
        one::<EmployeePage>(&cfg),
        one::<DayClass>(&cfg),
        one::<DaySource>(&cfg),
        one::<CalendarDayDto>(&cfg),
        one::<CalendarSource>(&cfg),
        one::<CalendarYearDto>(&cfg),
        one::<CalendarStatusDto>(&cfg),
        one::<CalendarYearDetail>(&cfg),
        one::<NoticeDayInput>(&cfg),
        one::<CalendarYearInput>(&cfg),
        one::<CalendarLoadResult>(&cfg),
        one::<CompanyDayInput>(&cfg),
        one::<ImportColumnChoice>(&cfg),
        one::<ImportOptions>(&cfg),
        one::<ImportColumnDto>(&cfg),
        one::<ImportProblemDto>(&cfg),
        one::<ImportRowAction>(&cfg),
        one::<ImportRowDto>(&cfg),
        one::<ImportReport>(&cfg),
        one::<PunchImportReport>(&cfg),
        one::<ComputeInput>(&cfg),
        one::<ComputeReport>(&cfg),
        one::<ComputeProgress>(&cfg),
        one::<LeaveDaysDto>(&cfg),
        one::<SummaryRowDto>(&cfg),
        one::<MonthSummaryDto>(&cfg),
        one::<FindingDto>(&cfg),
        one::<DayRowDto>(&cfg),
        one::<PersonMonthDto>(&cfg),
        one::<DayDetailDto>(&cfg),
        one::<RulesDto>(&cfg),
        one::<WhatIfInput>(&cfg),
        one::<WhatIfDayDto>(&cfg),
        one::<WhatIfDto>(&cfg),
        one::<SegmentInput>(&cfg),
        one::<BreakInput>(&cfg),
        one::<TimetableInput>(&cfg),
        one::<SaveTimetableInput>(&cfg),
        one::<TimetableDto>(&cfg),
        one::<GroupInput>(&cfg),
        one::<SaveGroupInput>(&cfg),
        one::<MembershipDto>(&cfg),
        one::<GroupVersionDto>(&cfg),
        one::<GroupDto>(&cfg),
        one::<GroupsDto>(&cfg),
        one::<AssignGroupInput>(&cfg),
        one::<GroupMemberDto>(&cfg),
        one::<RotationInput>(&cfg),
        one::<SaveRotationInput>(&cfg),
        one::<RotationDto>(&cfg),
        one::<SetupSectionResult>(&cfg),
        one::<SetupImportResult>(&cfg),
        one::<ScheduleQuery>(&cfg),
        one::<ScheduleDayDto>(&cfg),
        one::<TimetableChipDto>(&cfg),
        one::<ScheduleConflictDto>(&cfg),
        one::<ScheduleCellDto>(&cfg),
        one::<ScheduleRowDto>(&cfg),
        one::<ScheduleGridDto>(&cfg),
        one::<ScheduleCellRef>(&cfg),
        one::<ScheduleCellWrite>(&cfg),
        one::<ScheduleEdit>(&cfg),
        one::<ScheduleEditResult>(&cfg),
        one::<LeaveTypeInput>(&cfg),
        one::<LeaveTypeDto>(&cfg),
        one::<SaveLeaveTypeInput>(&cfg),
        one::<LeaveInput>(&cfg),
        one::<LeaveRecordDto>(&cfg),
        one::<LeaveQuery>(&cfg),
        one::<CancelLeaveInput>(&cfg),
        one::<GrantAnnualInput>(&cfg),
        one::<AdjustBalanceInput>(&cfg),
        one::<LeaveBalanceDto>(&cfg),
        one::<GrantAnnualResult>(&cfg),
    ];
    files.sort();
    files
}
