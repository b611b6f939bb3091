// Typed wrapper around the Tauri commands: one function per backend command; rejections become ApiError.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { CalendarDayDto } from './bindings/CalendarDayDto';
import type { CalendarLoadResult } from './bindings/CalendarLoadResult';
import type { CalendarStatusDto } from './bindings/CalendarStatusDto';
import type { CalendarYearDetail } from './bindings/CalendarYearDetail';
import type { CalendarYearInput } from './bindings/CalendarYearInput';
import type { CompanyDayInput } from './bindings/CompanyDayInput';
import type { CompanyDto } from './bindings/CompanyDto';
import type { CompanyInput } from './bindings/CompanyInput';
import type { DepartmentDto } from './bindings/DepartmentDto';
import type { DepartmentInput } from './bindings/DepartmentInput';
import type { DepartmentMove } from './bindings/DepartmentMove';
import type { DepartmentRename } from './bindings/DepartmentRename';
import type { EmployeeDeactivate } from './bindings/EmployeeDeactivate';
import type { EmployeeDto } from './bindings/EmployeeDto';
import type { EmployeeInput } from './bindings/EmployeeInput';
import type { EmployeePage } from './bindings/EmployeePage';
import type { EmployeePatch } from './bindings/EmployeePatch';
import type { EmployeeQuery } from './bindings/EmployeeQuery';
import type { ImportOptions } from './bindings/ImportOptions';
import type { ImportReport } from './bindings/ImportReport';
import type { OverviewDto } from './bindings/OverviewDto';
import type { AssignGroupInput } from './bindings/AssignGroupInput';
import type { GroupDto } from './bindings/GroupDto';
import type { GroupMemberDto } from './bindings/GroupMemberDto';
import type { GroupsDto } from './bindings/GroupsDto';
import type { MembershipDto } from './bindings/MembershipDto';
import type { RotationDto } from './bindings/RotationDto';
import type { SaveGroupInput } from './bindings/SaveGroupInput';
import type { SaveRotationInput } from './bindings/SaveRotationInput';
import type { SaveTimetableInput } from './bindings/SaveTimetableInput';
import type { SetupImportResult } from './bindings/SetupImportResult';
import type { TimetableDto } from './bindings/TimetableDto';
import type { ScheduleEdit } from './bindings/ScheduleEdit';
import type { ScheduleEditResult } from './bindings/ScheduleEditResult';
import type { ScheduleGridDto } from './bindings/ScheduleGridDto';
import type { ScheduleQuery } from './bindings/ScheduleQuery';
import type { LeaveTypeDto } from './bindings/LeaveTypeDto';
import type { SaveLeaveTypeInput } from './bindings/SaveLeaveTypeInput';
import type { LeaveInput } from './bindings/LeaveInput';
import type { LeaveRecordDto } from './bindings/LeaveRecordDto';
import type { LeaveQuery } from './bindings/LeaveQuery';
import type { CancelLeaveInput } from './bindings/CancelLeaveInput';
import type { GrantAnnualInput } from './bindings/GrantAnnualInput';
import type { GrantAnnualResult } from './bindings/GrantAnnualResult';
import type { AdjustBalanceInput } from './bindings/AdjustBalanceInput';
import type { LeaveBalanceDto } from './bindings/LeaveBalanceDto';
import type { PunchImportReport } from './bindings/PunchImportReport';
import type { ComputeInput } from './bindings/ComputeInput';
import type { ComputeProgress } from './bindings/ComputeProgress';
import type { ComputeReport } from './bindings/ComputeReport';
import type { MonthSummaryDto } from './bindings/MonthSummaryDto';
import type { PersonMonthDto } from './bindings/PersonMonthDto';
import type { DayDetailDto } from './bindings/DayDetailDto';
import type { RulesDto } from './bindings/RulesDto';
import type { WhatIfDto } from './bindings/WhatIfDto';
import type { WhatIfInput } from './bindings/WhatIfInput';
import type { TerminalDto } from './bindings/TerminalDto';
import type { TerminalInput } from './bindings/TerminalInput';
import type { DeviceInfoDto } from './bindings/DeviceInfoDto';
import type { PullProgress } from './bindings/PullProgress';
import type { PullReport } from './bindings/PullReport';
import type { PullLogDto } from './bindings/PullLogDto';
import type { QuarantineDto } from './bindings/QuarantineDto';
import type { TerminalUserDto } from './bindings/TerminalUserDto';
import type { PushDeviceDto } from './bindings/PushDeviceDto';
import type { PushReceiverDto } from './bindings/PushReceiverDto';
import type { PushReceiverInput } from './bindings/PushReceiverInput';
import type { AuditVerifyDto } from './bindings/AuditVerifyDto';
import type { AuditQuery } from './bindings/AuditQuery';
import type { AuditPage } from './bindings/AuditPage';
import type { AuditExport } from './bindings/AuditExport';
import type { ExceptionQuery } from './bindings/ExceptionQuery';
import type { ExceptionList } from './bindings/ExceptionList';
import type { ResolveInput } from './bindings/ResolveInput';
import type { ResolveReport } from './bindings/ResolveReport';
import type { CorrectionDto } from './bindings/CorrectionDto';
import type { PeriodStatusDto } from './bindings/PeriodStatusDto';
import type { FlagDto } from './bindings/FlagDto';
import type { UploadReport } from './bindings/UploadReport';
import { toApiError } from './apiError';

export { ApiError, toApiError } from './apiError';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const getOverview = (): Promise<OverviewDto> => call('get_overview');

export const getCompany = (): Promise<CompanyDto> => call('get_company');
export const updateCompany = (input: CompanyInput): Promise<CompanyDto> =>
  call('update_company', { input });

export const listDepartments = (): Promise<DepartmentDto[]> => call('list_departments');
export const addDepartment = (input: DepartmentInput): Promise<DepartmentDto> =>
  call('add_department', { input });
export const renameDepartment = (input: DepartmentRename): Promise<DepartmentDto> =>
  call('rename_department', { input });
export const moveDepartment = (input: DepartmentMove): Promise<DepartmentDto> =>
  call('move_department', { input });
export const deleteDepartment = (id: number): Promise<null> => call('delete_department', { id });

export const listEmployees = (query: EmployeeQuery): Promise<EmployeePage> =>
  call('list_employees', { query });
export const getEmployee = (id: number): Promise<EmployeeDto> => call('get_employee', { id });
export const addEmployee = (input: EmployeeInput): Promise<EmployeeDto> =>
  call('add_employee', { input });
export const editEmployee = (input: EmployeePatch): Promise<EmployeeDto> =>
  call('edit_employee', { input });
export const deactivateEmployee = (input: EmployeeDeactivate): Promise<EmployeeDto> =>
  call('deactivate_employee', { input });
export const reactivateEmployee = (id: number): Promise<EmployeeDto> =>
  call('reactivate_employee', { id });

// 人员 → 导入: employees from .xlsx, .xls or .csv. File bytes travel as arrays of numbers (Vec<u8>).
/** The bytes of the .xlsx import template. */
export const importTemplate = (): Promise<number[]> => call('import_template');
/** Reads and checks a file without writing: what it holds, every problem, what importing would do. */
export const checkImport = ({ bytes, options }: { bytes: number[]; options: ImportOptions }): Promise<ImportReport> =>
  call('check_import', { bytes, options });
/**
 * Checks the file again and writes every row in one transaction (`written: true`). With any
 * problem it writes nothing and fails with `invalid_input`, every problem in `fields`; an
 * unreadable file fails with `invalid_file`.
 */
export const runImport = ({
  fileName,
  bytes,
  options,
}: {
  fileName: string;
  bytes: number[];
  options: ImportOptions;
}): Promise<ImportReport> => call('run_import', { fileName, bytes, options });

// 节假日: the national calendar (shipped or loaded years) and the company's own days.
export const getCalendarStatus = (): Promise<CalendarStatusDto> => call('get_calendar_status');
/** Fails with code `calendar_year_missing` when the year has no data. */
export const getCalendarYear = (year: number): Promise<CalendarYearDetail> =>
  call('get_calendar_year', { year });
export const getCalendarDay = (date: string): Promise<CalendarDayDto> =>
  call('get_calendar_day', { date });
/** The year as a TOML calendar file. */
export const exportCalendarYear = (year: number): Promise<string> =>
  call('export_calendar_year', { year });
/** Loads a calendar file's text; with `dryRun` only checks it and reports what would change. */
export const importCalendarYear = ({ text, dryRun }: { text: string; dryRun: boolean }): Promise<CalendarLoadResult> =>
  call('import_calendar_year', { text, dryRun });
export const saveCalendarYear = ({ input, dryRun }: { input: CalendarYearInput; dryRun: boolean }): Promise<CalendarLoadResult> =>
  call('save_calendar_year', { input, dryRun });
/** Removes a year loaded by a clerk; a shipped year of that number comes back. */
export const deleteCalendarYear = (year: number): Promise<CalendarStatusDto> =>
  call('delete_calendar_year', { year });
export const addCompanyDay = (input: CompanyDayInput): Promise<CalendarDayDto> =>
  call('add_company_day', { input });
export const deleteCompanyDay = (date: string): Promise<CalendarDayDto> =>
  call('delete_company_day', { date });

// 班次 (timetables) and 轮班规律 (rotations).
export const listTimetables = (): Promise<TimetableDto[]> => call('list_timetables');
/** Creates (no id) or changes a timetable; with `dry_run` only checks it and returns the defaults filled in. */
export const saveTimetable = (input: SaveTimetableInput): Promise<TimetableDto> =>
  call('save_timetable', { input });
/** Fails with `invalid_input` (problem `in_use`) while a group or rotation names it. */
export const deleteTimetable = (id: number): Promise<null> => call('delete_timetable', { id });
export const listRotations = (): Promise<RotationDto[]> => call('list_rotations');
export const saveRotation = (input: SaveRotationInput): Promise<RotationDto> =>
  call('save_rotation', { input });
export const deleteRotation = (id: number): Promise<null> => call('delete_rotation', { id });

// 考勤组 (attendance groups) and who is in them.
/** Every group with its members on `on` (default: today). */
export const listGroups = (on?: string | null): Promise<GroupsDto> => call('list_groups', { on: on ?? null });
export const saveGroup = (input: SaveGroupInput): Promise<GroupDto> => call('save_group', { input });
/** Fails with `invalid_input` (problem `in_use`) once any assignment named the group. */
export const deleteGroup = (id: number): Promise<null> => call('delete_group', { id });
/** From a date, a department (with its sub-departments) or a person joins a group; no group_id ends it. */
export const assignGroup = (input: AssignGroupInput): Promise<MembershipDto> =>
  call('assign_group', { input });
/** Removes one assignment row entered by mistake. */
export const removeAssignment = (input: AssignGroupInput): Promise<null> =>
  call('remove_assignment', { input });
/** People on the books on `on`: of one group, or (no group, unassigned) those in none, or everyone. */
export const listGroupMembers = ({ groupId, unassigned, on }: { groupId?: number | null; unassigned?: boolean; on?: string | null }): Promise<GroupMemberDto[]> =>
  call('list_group_members', { groupId: groupId ?? null, unassigned: unassigned ?? false, on: on ?? null });
export const employeeGroup = ({ employeeId, on }: { employeeId: number; on?: string | null }): Promise<GroupMemberDto> =>
  call('employee_group', { employeeId, on: on ?? null });

// 设置文件: the whole set-up as one TOML document.
export const exportSetup = (): Promise<string> => call('export_setup');
export const importSetup = ({ text, dryRun }: { text: string; dryRun: boolean }): Promise<SetupImportResult> =>
  call('import_setup', { text, dryRun });

// 排班: the month grid and its edits (paint, clear, fill from a rotation, copy a week, swap, restore).
export const getSchedule = (query: ScheduleQuery): Promise<ScheduleGridDto> => call('get_schedule', { query });
/** Applies one edit; the result's `undo` fed back as `{ kind: 'restore', cells: undo }` undoes it. */
export const editSchedule = (edit: ScheduleEdit): Promise<ScheduleEditResult> => call('edit_schedule', { edit });

// 请假: leave types, records (single or batch, with a dry run), balances.
export const listLeaveTypes = (): Promise<LeaveTypeDto[]> => call('list_leave_types');
export const saveLeaveType = (input: SaveLeaveTypeInput): Promise<LeaveTypeDto> => call('save_leave_type', { input });
/** Records a leave for each person (all or none); `dry_run` returns each person's amount without saving. */
export const addLeave = (input: LeaveInput): Promise<LeaveRecordDto[]> => call('add_leave', { input });
export const listLeave = (query: LeaveQuery): Promise<LeaveRecordDto[]> => call('list_leave', { query });
/** Cancels a leave (kept with who, when and the reason). */
export const cancelLeave = (input: CancelLeaveInput): Promise<null> => call('cancel_leave', { input });
export const grantAnnualLeave = (input: GrantAnnualInput): Promise<GrantAnnualResult> => call('grant_annual_leave', { input });
export const adjustBalance = (input: AdjustBalanceInput): Promise<null> => call('adjust_balance', { input });
export const leaveBalances = ({ leaveTypeId, asOf }: { leaveTypeId: number; asOf: string }): Promise<LeaveBalanceDto[]> =>
  call('leave_balances', { leaveTypeId, asOf });

// 考勤结果: punches in, a month computed, and the stored results read back.
/**
 * Reads a ZK `attlog.dat` or a punch CSV (bytes as numbers, like `run_import`) and appends its punches; with
 * `dryRun` only reports what it would add. A bad line refuses the whole file (`invalid_input`, every bad line in
 * the message).
 */
export const importPunches = ({
  fileName,
  bytes,
  dryRun,
}: {
  fileName: string;
  bytes: number[];
  dryRun: boolean;
}): Promise<PunchImportReport> => call('import_punches', { fileName, bytes, dryRun });
/** Computes the month for everyone in scope (or one department, or one 工号); progress arrives through `onProgress`. */
export async function computeMonth(input: ComputeInput, onProgress: (progress: ComputeProgress) => void): Promise<ComputeReport> {
  try {
    // Inside the try: outside the desktop app a Channel cannot even be made, and that must become an ApiError too.
    const channel = new Channel<ComputeProgress>();
    channel.onmessage = onProgress;
    return await invoke<ComputeReport>('compute_month', { input, onProgress: channel });
  } catch (reason) {
    throw toApiError(reason);
  }
}
/** Everyone's totals for a computed month; fails with `not_found` when the month has not been computed. */
export const getMonthSummary = ({ month, departmentId }: { month: string; departmentId: number | null }): Promise<MonthSummaryDto> =>
  call('get_month_summary', { month, departmentId });
/** One person's days of a computed month. */
export const getPersonMonth = ({ employeeId, month }: { employeeId: number; month: string }): Promise<PersonMonthDto> =>
  call('get_person_month', { employeeId, month });
/** One day with its ledger (为什么). */
export const getDayDetail = ({ employeeId, date }: { employeeId: number; date: string }): Promise<DayDetailDto> =>
  call('get_day_detail', { employeeId, date });

// 设置 → 考勤规则: the rule settings compute uses, and a what-if of a change on one person's month.
/** The rule settings in force (the defaults until saved). */
export const getRules = (): Promise<RulesDto> => call('get_rules');
/** Saves the rule settings (every problem at once as field errors); stored results change only on the next 计算. */
export const saveRules = (input: RulesDto): Promise<RulesDto> => call('save_rules', { input });
/**
 * One person's month with the saved rules and with `input.rules`: the totals both ways and each day that would change.
 * Nothing is saved; fails with `not_found` when the month has not been computed for the person.
 */
export const whatIf = (input: WhatIfInput): Promise<WhatIfDto> => call('what_if', { input });

// 考勤机: the terminals on the LAN, talking to them (test, set the clock, pull) and what the pulls did.
/** Every terminal with its sync status. */
export const listTerminals = (): Promise<TerminalDto[]> => call('list_terminals');
/**
 * Adds (no id) or changes a terminal. `comm_key`: null leaves it as it is, `''` removes it, digits set it (kept in the
 * OS keyring, never sent back: `has_comm_key` says whether there is one).
 */
export const saveTerminal = (input: TerminalInput): Promise<TerminalDto> => call('save_terminal', { input });
/** Refused (`invalid_input`, a message and no field) once the terminal has been pulled: disable it instead. */
export const deleteTerminal = (id: number): Promise<null> => call('delete_terminal', { id });
/** Connects and reads what the terminal says about itself (serial, firmware, counts, its clock against the PC's). */
export const testTerminal = (id: number): Promise<DeviceInfoDto> => call('test_terminal', { id });
/** Sets the terminal's clock to the PC's (in the terminal's zone) and reads it back. */
export const setTerminalTime = (id: number): Promise<DeviceInfoDto> => call('set_terminal_time', { id });
/** Downloads the terminal's punches now; progress (connecting, reading bytes, saving records) arrives through `onProgress`. */
export async function pullTerminal(id: number, onProgress: (progress: PullProgress) => void): Promise<PullReport> {
  try {
    // Inside the try: outside the desktop app a Channel cannot even be made, and that must become an ApiError too.
    const channel = new Channel<PullProgress>();
    channel.onmessage = onProgress;
    return await invoke<PullReport>('pull_terminal', { id, onProgress: channel });
  } catch (reason) {
    throw toApiError(reason);
  }
}
/** A terminal's sync log, newest pull first. */
export const listPulls = ({ id, limit }: { id: number; limit: number }): Promise<PullLogDto[]> =>
  call('list_pulls', { id, limit });
/** Records kept aside because their time cannot be real: of one terminal, or (null) of all. */
export const listQuarantine = (terminalId: number | null): Promise<QuarantineDto[]> =>
  call('list_quarantine', { terminalId });
/**
 * Connects and reads the users enrolled on a terminal (PIN, name, card, privilege; never fingerprints or faces), each
 * matched to the employee with that PIN, or suggested by an exact name among those without a PIN.
 */
export const terminalUsers = (id: number): Promise<TerminalUserDto[]> => call('terminal_users', { id });
/**
 * Writes PIN, name and card of the employees on the books who have a PIN (all, or only `employeeIds`) to the terminal:
 * a PIN already there keeps its slot, nothing is deleted, fingerprints and faces are never touched.
 */
export const uploadEmployees = ({ id, employeeIds }: { id: number; employeeIds: number[] | null }): Promise<UploadReport> =>
  call('upload_employees', { id, employeeIds });
/** The people in a `user.dat` from a terminal's USB export, matched to the roster like {@link terminalUsers}. */
export const usersFromFile = ({
  fileName,
  bytes,
  nameCodec,
}: {
  fileName: string;
  bytes: number[];
  /** The terminal's name encoding (GBK when null). */
  nameCodec: string | null;
}): Promise<TerminalUserDto[]> => call('users_from_file', { fileName, bytes, nameCodec });
/** Every terminal that called the ADMS receiver; `terminal_id` null: waiting for the clerk's approval. */
export const listPushDevices = (): Promise<PushDeviceDto[]> => call('list_push_devices');
/** Approves a device that pushed under a name: it becomes a terminal and what it sent meanwhile is stored. */
export const approvePushDevice = ({ serial, name }: { serial: string; name: string }): Promise<TerminalDto> =>
  call('approve_push_device', { serial, name });
/** The ADMS receiver: its settings, whether it listens now (or why not), this PC's LAN addresses. */
export const getPushReceiver = (): Promise<PushReceiverDto> => call('get_push_receiver');
/** Saves the receiver's settings and starts, moves or stops it at once. */
export const savePushReceiver = (input: PushReceiverInput): Promise<PushReceiverDto> =>
  call('save_push_receiver', { input });
/** Checks every signature of the audit log and its end against this PC's anchor. */
export const verifyAudit = (): Promise<AuditVerifyDto> => call('verify_audit');
/** A page of audit events, newest first. */
export const listAudit = (query: AuditQuery): Promise<AuditPage> => call('list_audit', { query });
/** Every matching audit event as CSV; the export is itself logged. */
export const exportAudit = (query: AuditQuery): Promise<AuditExport> => call('export_audit', { query });
/** The open findings of a month (the exception inbox). */
export const listExceptions = (query: ExceptionQuery): Promise<ExceptionList> => call('list_exceptions', { query });
/** One resolution for one or more person-days: all or none; the month is recomputed. */
export const resolveExceptions = (input: ResolveInput): Promise<ResolveReport> => call('resolve_exceptions', { input });
/** Undoes a correction (its month must be open). */
export const undoCorrection = ({ id, reason }: { id: number; reason: string }): Promise<ResolveReport> =>
  call('undo_correction', { id, reason });
/** A month's corrections, undone ones too. */
export const listCorrections = (month: string): Promise<CorrectionDto[]> =>
  call('list_corrections', { month, employeeId: null });
/** The month-close checklist and history. */
export const periodStatus = (month: string): Promise<PeriodStatusDto> => call('period_status', { month });
export const closePeriod = ({ month, force, reason }: { month: string; force: boolean; reason: string }): Promise<PeriodStatusDto> =>
  call('close_period', { month, force, reason });
export const reopenPeriod = ({ month, reason }: { month: string; reason: string }): Promise<PeriodStatusDto> =>
  call('reopen_period', { month, reason });
/** Punch patterns worth a second look (review only). */
export const listFlags = (month: string): Promise<FlagDto[]> => call('list_flags', { month });
/** Dismisses a review flag with a reason. */
export const dismissFlag = ({ month, key, reason }: { month: string; key: string; reason: string }): Promise<void> =>
  call('dismiss_flag', { month, key, reason });
