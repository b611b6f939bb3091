// TanStack Query hooks over api.ts: queries keyed by command name + arguments, mutations that refresh what they change (dry runs refresh nothing).
import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import * as api from './api';
import type { EmployeeQuery } from './bindings/EmployeeQuery';
import type { ScheduleQuery } from './bindings/ScheduleQuery';
import type { LeaveQuery } from './bindings/LeaveQuery';
import type { ComputeInput } from './bindings/ComputeInput';
import type { ComputeProgress } from './bindings/ComputeProgress';
import type { RulesDto } from './bindings/RulesDto';
import type { PullProgress } from './bindings/PullProgress';
import type { PullReport } from './bindings/PullReport';
import type { UploadReport } from './bindings/UploadReport';
import type { PushReceiverDto } from './bindings/PushReceiverDto';
import type { PushReceiverInput } from './bindings/PushReceiverInput';
import type { AuditQuery } from './bindings/AuditQuery';
import type { ExceptionQuery } from './bindings/ExceptionQuery';

export const queryKeys = {
  overview: ['get_overview'] as const,
  company: ['get_company'] as const,
  departments: ['list_departments'] as const,
  employeesAll: ['list_employees'] as const,
  employees: (query: EmployeeQuery) => ['list_employees', query] as const,
  calendarStatus: ['get_calendar_status'] as const,
  calendarYearAll: ['get_calendar_year'] as const,
  calendarYear: (year: number) => ['get_calendar_year', { year }] as const,
  calendarDayAll: ['get_calendar_day'] as const,
  calendarDay: (date: string) => ['get_calendar_day', { date }] as const,
  calendarExportAll: ['export_calendar_year'] as const,
  calendarExport: (year: number) => ['export_calendar_year', { year }] as const,
  timetables: ['list_timetables'] as const,
  rotations: ['list_rotations'] as const,
  groupsAll: ['list_groups'] as const,
  groups: (on: string | null) => ['list_groups', { on }] as const,
  groupMembersAll: ['list_group_members'] as const,
  groupMembers: (groupId: number | null, unassigned: boolean, on: string | null) =>
    ['list_group_members', { groupId, unassigned, on }] as const,
  employeeGroupAll: ['employee_group'] as const,
  setupExport: ['export_setup'] as const,
  scheduleAll: ['get_schedule'] as const,
  leaveTypes: ['list_leave_types'] as const,
  leaveAll: ['list_leave'] as const,
  leave: (query: LeaveQuery) => ['list_leave', query] as const,
  leaveBalancesAll: ['leave_balances'] as const,
  leaveBalances: (leaveTypeId: number, asOf: string) => ['leave_balances', { leaveTypeId, asOf }] as const,
  schedule: (query: ScheduleQuery) => ['get_schedule', query] as const,
  monthSummaryAll: ['get_month_summary'] as const,
  monthSummary: (month: string, departmentId: number | null) => ['get_month_summary', { month, departmentId }] as const,
  personMonthAll: ['get_person_month'] as const,
  personMonth: (employeeId: number, month: string) => ['get_person_month', { employeeId, month }] as const,
  dayDetailAll: ['get_day_detail'] as const,
  dayDetail: (employeeId: number, date: string) => ['get_day_detail', { employeeId, date }] as const,
  rules: ['get_rules'] as const,
  terminals: ['list_terminals'] as const,
  pullsAll: ['list_pulls'] as const,
  pulls: (id: number, limit: number) => ['list_pulls', { id, limit }] as const,
  quarantineAll: ['list_quarantine'] as const,
  quarantine: (terminalId: number | null) => ['list_quarantine', { terminalId }] as const,
  terminalUsersAll: ['terminal_users'] as const,
  terminalUsers: (id: number) => ['terminal_users', { id }] as const,
  pushDevices: ['list_push_devices'] as const,
  pushReceiver: ['get_push_receiver'] as const,
  auditAll: ['list_audit'] as const,
  exceptionsAll: ['list_exceptions'] as const,
  exceptions: (query: ExceptionQuery) => ['list_exceptions', query] as const,
  correctionsAll: ['list_corrections'] as const,
  corrections: (month: string) => ['list_corrections', { month }] as const,
  periodAll: ['period_status'] as const,
  flagsAll: ['list_flags'] as const,
  flags: (month: string) => ['list_flags', { month }] as const,
  period: (month: string) => ['period_status', { month }] as const,
  audit: (query: AuditQuery) => ['list_audit', query] as const,
};

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The backend is a local process: a failure is an answer, not a flaky network.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

export const useOverview = () => useQuery({ queryKey: queryKeys.overview, queryFn: api.getOverview });

export const useDepartments = () =>
  useQuery({ queryKey: queryKeys.departments, queryFn: api.listDepartments });

export const useEmployees = (query: EmployeeQuery) =>
  useQuery({
    queryKey: queryKeys.employees(query),
    queryFn: () => api.listEmployees(query),
    placeholderData: keepPreviousData,
  });

export const useCalendarStatus = () =>
  useQuery({ queryKey: queryKeys.calendarStatus, queryFn: api.getCalendarStatus });

/** A year with all its dates; fails with `calendar_year_missing` when the year has no data. */
export const useCalendarYear = (year: number | undefined) =>
  useQuery({
    queryKey: queryKeys.calendarYear(year ?? 0),
    queryFn: () => api.getCalendarYear(year ?? 0),
    enabled: year !== undefined,
  });

/** One date's class (any accepted date format). */
export const useCalendarDay = (date: string | undefined) =>
  useQuery({
    queryKey: queryKeys.calendarDay(date ?? ''),
    queryFn: () => api.getCalendarDay(date ?? ''),
    enabled: date !== undefined,
  });

/** The year as calendar file text; fetched only while `enabled` (the export dialog is open). */
export const useCalendarExport = (year: number, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.calendarExport(year),
    queryFn: () => api.exportCalendarYear(year),
    enabled,
    staleTime: 0,
  });

export const useTimetables = () => useQuery({ queryKey: queryKeys.timetables, queryFn: api.listTimetables });
export const useRotations = () => useQuery({ queryKey: queryKeys.rotations, queryFn: api.listRotations });
/** Groups with their members on `on` (null: today). */
export const useGroups = (on: string | null = null) =>
  useQuery({ queryKey: queryKeys.groups(on), queryFn: () => api.listGroups(on), placeholderData: keepPreviousData });
/** People on the books on `on` with their group and why. */
export const useGroupMembers = (groupId: number | null, unassigned: boolean, on: string | null, enabled = true) =>
  useQuery({
    queryKey: queryKeys.groupMembers(groupId, unassigned, on),
    queryFn: () => api.listGroupMembers({ groupId, unassigned, on }),
    enabled,
  });

/** The 排班 grid of a month (keeps showing the previous month while the next one loads). */
export const useSchedule = (query: ScheduleQuery) =>
  useQuery({ queryKey: queryKeys.schedule(query), queryFn: () => api.getSchedule(query), placeholderData: keepPreviousData });

export const useLeaveTypes = () => useQuery({ queryKey: queryKeys.leaveTypes, queryFn: api.listLeaveTypes });
export const useLeave = (query: LeaveQuery, enabled = true) =>
  useQuery({ queryKey: queryKeys.leave(query), queryFn: () => api.listLeave(query), enabled, placeholderData: keepPreviousData });
export const useLeaveBalances = (leaveTypeId: number | null, asOf: string) =>
  useQuery({
    queryKey: queryKeys.leaveBalances(leaveTypeId ?? 0, asOf),
    queryFn: () => api.leaveBalances({ leaveTypeId: leaveTypeId ?? 0, asOf }),
    enabled: leaveTypeId !== null,
  });

/** A computed month's totals; fails with `not_found` until the month is computed (keeps the last table while the next loads). */
export const useMonthSummary = (month: string, departmentId: number | null) =>
  useQuery({
    queryKey: queryKeys.monthSummary(month, departmentId),
    queryFn: () => api.getMonthSummary({ month, departmentId }),
    placeholderData: keepPreviousData,
  });
/** One person's days of a month; asked only while a person is chosen. */
export const usePersonMonth = (employeeId: number | undefined, month: string) =>
  useQuery({
    queryKey: queryKeys.personMonth(employeeId ?? 0, month),
    queryFn: () => api.getPersonMonth({ employeeId: employeeId ?? 0, month }),
    enabled: employeeId !== undefined,
  });
/** One day's ledger; asked only while a day is chosen. */
export const useDayDetail = (employeeId: number | undefined, date: string | undefined) =>
  useQuery({
    queryKey: queryKeys.dayDetail(employeeId ?? 0, date ?? ''),
    queryFn: () => api.getDayDetail({ employeeId: employeeId ?? 0, date: date ?? '' }),
    enabled: employeeId !== undefined && date !== undefined,
  });

/** What changes when departments or employees change: the tree, the lists and the counts. */
const ROSTER_KEYS: readonly QueryKey[] = [
  queryKeys.departments,
  queryKeys.employeesAll,
  queryKeys.overview,
  // Who is on the books, and in which department, decides groups and the 排班 grid.
  queryKeys.groupsAll,
  queryKeys.groupMembersAll,
  queryKeys.scheduleAll,
];
const COMPANY_KEYS: readonly QueryKey[] = [queryKeys.company, queryKeys.overview];
/** What changes when a calendar year or a company day changes. */
const CALENDAR_KEYS: readonly QueryKey[] = [
  queryKeys.calendarStatus,
  queryKeys.calendarYearAll,
  queryKeys.calendarDayAll,
  queryKeys.calendarExportAll,
];

/** What changes when timetables, rotations, groups or assignments change (names show up in each other's lists). */
const RULE_KEYS: readonly QueryKey[] = [
  queryKeys.timetables,
  queryKeys.rotations,
  queryKeys.groupsAll,
  queryKeys.groupMembersAll,
  queryKeys.employeeGroupAll,
  queryKeys.setupExport,
  queryKeys.scheduleAll,
];

function useInvalidatingMutation<TInput, TOutput>(
  mutationFn: (input: TInput) => Promise<TOutput>,
  keys: readonly QueryKey[],
  /** Whether a call changed anything (a dry run does not); by default every call does. */
  changed: (input: TInput) => boolean = () => true,
) {
  const client = useQueryClient();
  return useMutation<TOutput, api.ApiError, TInput>({
    // Pass the input alone: TanStack also hands mutationFn a context object the commands must not see.
    mutationFn: (input) => mutationFn(input),
    onSuccess: (_output, input) =>
      changed(input)
        ? Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined)
        : undefined,
  });
}

const notDryRun = ({ dryRun }: { dryRun: boolean }) => !dryRun;

export const useUpdateCompany = () => useInvalidatingMutation(api.updateCompany, COMPANY_KEYS);
export const useAddDepartment = () => useInvalidatingMutation(api.addDepartment, ROSTER_KEYS);
export const useRenameDepartment = () => useInvalidatingMutation(api.renameDepartment, ROSTER_KEYS);
export const useMoveDepartment = () => useInvalidatingMutation(api.moveDepartment, ROSTER_KEYS);
export const useDeleteDepartment = () => useInvalidatingMutation(api.deleteDepartment, ROSTER_KEYS);
export const useAddEmployee = () => useInvalidatingMutation(api.addEmployee, ROSTER_KEYS);
export const useEditEmployee = () => useInvalidatingMutation(api.editEmployee, ROSTER_KEYS);
export const useDeactivateEmployee = () =>
  useInvalidatingMutation(api.deactivateEmployee, ROSTER_KEYS);
export const useReactivateEmployee = () =>
  useInvalidatingMutation(api.reactivateEmployee, ROSTER_KEYS);
/** check_import only reads: it refreshes nothing. */
export const useCheckImport = () => useInvalidatingMutation(api.checkImport, [], () => false);
export const useRunImport = () => useInvalidatingMutation(api.runImport, ROSTER_KEYS);

export const useImportCalendarYear = () =>
  useInvalidatingMutation(api.importCalendarYear, CALENDAR_KEYS, notDryRun);
export const useSaveCalendarYear = () =>
  useInvalidatingMutation(api.saveCalendarYear, CALENDAR_KEYS, notDryRun);
export const useDeleteCalendarYear = () => useInvalidatingMutation(api.deleteCalendarYear, CALENDAR_KEYS);
export const useAddCompanyDay = () => useInvalidatingMutation(api.addCompanyDay, CALENDAR_KEYS);
export const useDeleteCompanyDay = () => useInvalidatingMutation(api.deleteCompanyDay, CALENDAR_KEYS);

export const useSaveTimetable = () =>
  useInvalidatingMutation(api.saveTimetable, RULE_KEYS, (input) => !input.dry_run);
export const useDeleteTimetable = () => useInvalidatingMutation(api.deleteTimetable, RULE_KEYS);
export const useSaveRotation = () => useInvalidatingMutation(api.saveRotation, RULE_KEYS);
export const useDeleteRotation = () => useInvalidatingMutation(api.deleteRotation, RULE_KEYS);
export const useSaveGroup = () => useInvalidatingMutation(api.saveGroup, RULE_KEYS);
export const useDeleteGroup = () => useInvalidatingMutation(api.deleteGroup, RULE_KEYS);
export const useAssignGroup = () => useInvalidatingMutation(api.assignGroup, RULE_KEYS);
export const useRemoveAssignment = () => useInvalidatingMutation(api.removeAssignment, RULE_KEYS);
/** A setup file changes everything the rules touch, and company days too. */
export const useImportSetup = () =>
  useInvalidatingMutation(api.importSetup, [...RULE_KEYS, ...CALENDAR_KEYS], notDryRun);
/** Every grid edit refreshes the grid (and the timetables' "in use" lists). */
export const useEditSchedule = () => useInvalidatingMutation(api.editSchedule, [queryKeys.scheduleAll, queryKeys.timetables]);
/** Leave changes lists, balances and (later) results; a dry run changes nothing. */
const LEAVE_KEYS: readonly QueryKey[] = [queryKeys.leaveTypes, queryKeys.leaveAll, queryKeys.leaveBalancesAll];
export const useSaveLeaveType = () => useInvalidatingMutation(api.saveLeaveType, LEAVE_KEYS);
export const useAddLeave = () => useInvalidatingMutation(api.addLeave, LEAVE_KEYS, (input) => !input.dry_run);
export const useCancelLeave = () => useInvalidatingMutation(api.cancelLeave, LEAVE_KEYS);
export const useGrantAnnualLeave = () => useInvalidatingMutation(api.grantAnnualLeave, LEAVE_KEYS, (input) => !input.dry_run);
export const useAdjustBalance = () => useInvalidatingMutation(api.adjustBalance, LEAVE_KEYS);

/** The stored results: what 计算 replaces. */
const RESULT_KEYS: readonly QueryKey[] = [queryKeys.monthSummaryAll, queryKeys.personMonthAll, queryKeys.dayDetailAll];
/** Imported punches change no stored result until the month is computed again: nothing to refresh. */
export const useImportPunches = () => useInvalidatingMutation(api.importPunches, [], () => false);
/** 计算 replaces the month's results: every summary, month and ledger is read again. */
export const useComputeMonth = () =>
  useInvalidatingMutation(
    ({ input, onProgress }: { input: ComputeInput; onProgress: (progress: ComputeProgress) => void }) =>
      api.computeMonth(input, onProgress),
    RESULT_KEYS,
  );

/** The attendance rule settings (the defaults until saved). */
export const useRules = () => useQuery({ queryKey: queryKeys.rules, queryFn: api.getRules });
/**
 * Saving the rules changes the settings only (stored results change on the next 计算, so they are not read again); the
 * backend answers with the rules as saved, which become the query's data.
 */
export function useSaveRules() {
  const client = useQueryClient();
  return useMutation<RulesDto, api.ApiError, RulesDto>({
    mutationFn: (input) => api.saveRules(input),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.rules, saved);
    },
  });
}
/** 试算 only reads: it refreshes nothing. */
export const useWhatIf = () => useInvalidatingMutation(api.whatIf, [], () => false);

/** How often the terminal list is read again: a pull running (here or in the background) is followed closely. */
const TERMINALS_POLL_MS = 60_000;
const TERMINALS_RUNNING_POLL_MS = 3_000;
/** Every terminal with its sync status, read again every minute (the collector pulls in the background). */
export const useTerminals = () =>
  useQuery({
    queryKey: queryKeys.terminals,
    queryFn: api.listTerminals,
    refetchInterval: (query) =>
      query.state.data?.some((t) => t.sync.state === 'running') ? TERMINALS_RUNNING_POLL_MS : TERMINALS_POLL_MS,
  });
/** A terminal's sync log (newest first); asked only while a terminal is chosen. */
export const usePulls = (id: number | undefined, limit: number) =>
  useQuery({
    queryKey: queryKeys.pulls(id ?? 0, limit),
    queryFn: () => api.listPulls({ id: id ?? 0, limit }),
    enabled: id !== undefined,
  });
/** A terminal's quarantined records; asked only while a terminal is chosen. */
export const useQuarantine = (terminalId: number | undefined) =>
  useQuery({
    queryKey: queryKeys.quarantine(terminalId ?? 0),
    queryFn: () => api.listQuarantine(terminalId ?? 0),
    enabled: terminalId !== undefined,
  });

/**
 * What a terminal call changes: the list (settings, serial, sync status), the sync logs and the quarantine. Pulled
 * punches, like imported ones, change no stored result until the month is computed again: results are not read again.
 */
const TERMINAL_KEYS: readonly QueryKey[] = [queryKeys.terminals, queryKeys.pullsAll, queryKeys.quarantineAll];
export const useSaveTerminal = () => useInvalidatingMutation(api.saveTerminal, TERMINAL_KEYS);
export const useDeleteTerminal = () => useInvalidatingMutation(api.deleteTerminal, TERMINAL_KEYS);
/** A test records the serial number and the transport that worked. */
export const useTestTerminal = () => useInvalidatingMutation(api.testTerminal, [queryKeys.terminals]);
export const useSetTerminalTime = () => useInvalidatingMutation(api.setTerminalTime, [queryKeys.terminals]);
/** 立即下载: progress through `onProgress`; the list, its log and the quarantine are read again afterwards, failed or not. */
export function usePullTerminal() {
  const client = useQueryClient();
  return useMutation<PullReport, api.ApiError, { id: number; onProgress: (progress: PullProgress) => void }>({
    mutationFn: ({ id, onProgress }) => api.pullTerminal(id, onProgress),
    // A failed pull is logged too (状态 失败, a row in 同步记录).
    onSettled: () => Promise.all(TERMINAL_KEYS.map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined),
  });
}

/**
 * The users enrolled on a terminal, matched to the roster; asked only while a terminal is chosen. Every read connects to
 * the terminal, so it is read again only when asked (opening the drawer, 重试, after 设为考勤号码 or 写入).
 */
export const useTerminalUsers = (id: number | undefined) =>
  useQuery({
    queryKey: queryKeys.terminalUsers(id ?? 0),
    queryFn: () => api.terminalUsers(id ?? 0),
    enabled: id !== undefined,
    staleTime: 0,
  });
/**
 * 把人员写入考勤机: the terminal's users are read again afterwards, without waiting for that (it connects again) before
 * the report is shown.
 */
export function useUploadEmployees() {
  const client = useQueryClient();
  return useMutation<UploadReport, api.ApiError, { id: number; employeeIds: number[] | null }>({
    mutationFn: (input) => api.uploadEmployees(input),
    onSuccess: (_report, { id }) => {
      void client.invalidateQueries({ queryKey: queryKeys.terminalUsers(id) });
    },
  });
}

/** Devices that called the ADMS receiver, read again every minute while the page is open (a new one may call). */
export const usePushDevices = () =>
  useQuery({ queryKey: queryKeys.pushDevices, queryFn: api.listPushDevices, refetchInterval: TERMINALS_POLL_MS });
/** Approving adds a terminal and stores what the device sent. */
export const useApprovePushDevice = () =>
  useInvalidatingMutation(api.approvePushDevice, [...TERMINAL_KEYS, queryKeys.pushDevices]);
export const usePushReceiver = () => useQuery({ queryKey: queryKeys.pushReceiver, queryFn: api.getPushReceiver });
export function useSavePushReceiver() {
  const client = useQueryClient();
  return useMutation<PushReceiverDto, api.ApiError, PushReceiverInput>({
    mutationFn: (input) => api.savePushReceiver(input),
    onSuccess: (saved) => client.setQueryData(queryKeys.pushReceiver, saved),
  });
}
/** `user.dat` read here only: it changes nothing. */
export const useUsersFromFile = () => useInvalidatingMutation(api.usersFromFile, [], () => false);

/** The audit log changes with every command: always read afresh. */
export const useAudit = (query: AuditQuery) =>
  useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: () => api.listAudit(query),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchOnMount: 'always',
  });
export const useVerifyAudit = () => useMutation({ mutationFn: api.verifyAudit });
export const useExportAudit = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.exportAudit,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.auditAll }),
  });
};

export const useExceptions = (query: ExceptionQuery) =>
  useQuery({ queryKey: queryKeys.exceptions(query), queryFn: () => api.listExceptions(query), placeholderData: keepPreviousData });
export const useCorrections = (month: string) =>
  useQuery({ queryKey: queryKeys.corrections(month), queryFn: () => api.listCorrections(month) });
export const usePeriodStatus = (month: string) =>
  useQuery({ queryKey: queryKeys.period(month), queryFn: () => api.periodStatus(month) });

/** What a correction, its undo or a close changes: the inbox, the corrections, the period and every result view. */
const CORRECTION_KEYS: readonly QueryKey[] = [
  queryKeys.exceptionsAll,
  queryKeys.correctionsAll,
  queryKeys.periodAll,
  queryKeys.auditAll,
  queryKeys.flagsAll,
  ...RESULT_KEYS,
];
const useRefreshing = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(CORRECTION_KEYS.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
};
export const useResolveExceptions = () => useRefreshing(api.resolveExceptions);
export const useUndoCorrection = () => useRefreshing(api.undoCorrection);
export const useClosePeriod = () => useRefreshing(api.closePeriod);
export const useReopenPeriod = () => useRefreshing(api.reopenPeriod);
export const useFlags = (month: string) => useQuery({ queryKey: queryKeys.flags(month), queryFn: () => api.listFlags(month) });
export const useDismissFlag = () => useRefreshing(api.dismissFlag);
