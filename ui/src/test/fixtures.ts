// Test data shaped exactly like the backend's DTOs, shared by the component tests.
import type { CalendarDayDto } from '../bindings/CalendarDayDto';
import type { CalendarStatusDto } from '../bindings/CalendarStatusDto';
import type { CalendarYearDetail } from '../bindings/CalendarYearDetail';
import type { CalendarYearDto } from '../bindings/CalendarYearDto';
import type { DayClass } from '../bindings/DayClass';
import type { DaySource } from '../bindings/DaySource';
import type { DepartmentDto } from '../bindings/DepartmentDto';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import type { EmployeePage } from '../bindings/EmployeePage';
import type { OverviewDto } from '../bindings/OverviewDto';
import type { ErrorDto } from '../bindings/ErrorDto';
import type { ImportColumnDto } from '../bindings/ImportColumnDto';
import type { ImportProblemDto } from '../bindings/ImportProblemDto';
import type { ImportReport } from '../bindings/ImportReport';

export const departments: DepartmentDto[] = [
  { id: 1, parent_id: null, name: '总部', path: '总部', depth: 0, employee_count: 1, active_employee_count: 1, child_count: 1 },
  { id: 2, parent_id: 1, name: '生产部', path: '总部/生产部', depth: 1, employee_count: 3, active_employee_count: 2, child_count: 1 },
  { id: 3, parent_id: 2, name: '一车间', path: '总部/生产部/一车间', depth: 2, employee_count: 0, active_employee_count: 0, child_count: 0 },
];

export const zhangSan: EmployeeDto = {
  id: 11,
  employee_no: '1001',
  name: '张三',
  department_id: 2,
  department_path: '总部/生产部',
  position: '组长',
  hired_on: '2024-03-01',
  left_on: null,
  id_number_masked: '1101**********002X',
  phone: '13812345678',
  pin: '1001',
  card_no: '4567890',
  status: 'active',
};

export const wangWu: EmployeeDto = {
  ...zhangSan,
  id: 12,
  employee_no: '1002',
  name: '王五',
  position: null,
  pin: null,
  card_no: null,
  phone: null,
  id_number_masked: null,
  status: 'inactive',
  left_on: '2026-01-31',
};

export function page(rows: EmployeeDto[], total = rows.length): EmployeePage {
  return { rows, total, page: 1, page_size: 50 };
}

export const overview: OverviewDto = {
  company: { name: '某某电子厂', timezone: 'Asia/Shanghai' },
  department_count: 3,
  active_employee_count: 2,
  inactive_employee_count: 1,
  db_path: '/home/clerk/.local/share/kaoqin/kaoqin.db',
  schema_version: 3,
  app_version: '0.1.0',
  timezones: ['Asia/Shanghai', 'Asia/Urumqi'],
};

/** What the backend returns when a 工号 is taken. */
export const duplicateEmployeeNoError: ErrorDto = {
  code: 'invalid_input',
  message: { zh: '输入有误，请检查标红的项目', en: 'some fields are not valid' },
  fields: [
    {
      field: 'employee_no',
      value: '1001',
      problem: 'duplicate',
      message: { zh: '工号 1001 已被 张三 使用', en: 'employee no. 1001 is already used by 张三' },
    },
  ],
};

/** Notice dates of 2026 (calendar/cn-2026.toml, abridged to what the tests look at). */
const NOTICE_2026: { date: string; source: DaySource; festival: string; swapped_with?: string }[] = [
  { date: '2026-01-01', source: 'statutory', festival: '元旦' },
  { date: '2026-01-02', source: 'swapped_rest', festival: '元旦', swapped_with: '2026-01-04' },
  { date: '2026-01-04', source: 'make_up_workday', festival: '元旦', swapped_with: '2026-01-02' },
  { date: '2026-09-20', source: 'make_up_workday', festival: '国庆节', swapped_with: '2026-10-06' },
  { date: '2026-09-25', source: 'statutory', festival: '中秋节' },
  { date: '2026-10-01', source: 'statutory', festival: '国庆节' },
  { date: '2026-10-02', source: 'statutory', festival: '国庆节' },
  { date: '2026-10-03', source: 'statutory', festival: '国庆节' },
  { date: '2026-10-05', source: 'substitute', festival: '国庆节' },
  { date: '2026-10-06', source: 'swapped_rest', festival: '国庆节', swapped_with: '2026-09-20' },
  { date: '2026-10-07', source: 'swapped_rest', festival: '国庆节', swapped_with: '2026-10-10' },
  { date: '2026-10-10', source: 'make_up_workday', festival: '国庆节', swapped_with: '2026-10-07' },
];

const CLASS_OF_SOURCE: Record<DaySource, DayClass> = {
  weekday: 'workday',
  weekend: 'rest_day',
  statutory: 'statutory',
  substitute: 'rest_day',
  swapped_rest: 'rest_day',
  make_up_workday: 'make_up_workday',
  company_day_off: 'rest_day',
  company_working_day: 'workday',
};

/** Every date of a year the way get_calendar_year returns them, from notice dates and company days. */
export function yearDays(
  year: number,
  notice: typeof NOTICE_2026 = [],
  company: { date: string; kind: 'day_off' | 'working_day'; note: string }[] = [],
): CalendarDayDto[] {
  const byDate = new Map(notice.map((d) => [d.date, d]));
  const companyByDate = new Map(company.map((d) => [d.date, d]));
  const days: CalendarDayDto[] = [];
  for (let at = new Date(Date.UTC(year, 0, 1)); at.getUTCFullYear() === year; at = new Date(at.getTime() + 86_400_000)) {
    const date = at.toISOString().slice(0, 10);
    const weekday = at.getUTCDay() === 0 ? 7 : at.getUTCDay();
    const listed = byDate.get(date);
    const own = companyByDate.get(date);
    const source: DaySource = own
      ? own.kind === 'day_off'
        ? 'company_day_off'
        : 'company_working_day'
      : (listed?.source ?? (weekday >= 6 ? 'weekend' : 'weekday'));
    days.push({
      date,
      weekday,
      class: CLASS_OF_SOURCE[source],
      source,
      festival: listed?.festival ?? null,
      swapped_with: listed?.swapped_with ?? null,
      note: own?.note ?? null,
    });
  }
  return days;
}

export const year2025: CalendarYearDto = {
  year: 2025,
  source: 'builtin',
  notice: '国务院办公厅关于2025年部分节假日安排的通知',
  issued_on: '2024-11-12',
  url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
  document_no: null,
  checksum: '1111111111111111111111111111111111111111111111111111111111111111',
  statutory_days: 13,
  notice_days: 27,
  loaded_at: null,
  loaded_by: null,
};

export const year2026: CalendarYearDto = {
  year: 2026,
  source: 'builtin',
  notice: '国务院办公厅关于2026年部分节假日安排的通知',
  issued_on: '2025-11-04',
  url: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm',
  document_no: null,
  checksum: '3f5a0c9e2b7d4411aa00bb11cc22dd33ee44ff5566778899aabbccddeeff0011',
  statutory_days: 13,
  notice_days: 28,
  loaded_at: null,
  loaded_by: null,
};

export const calendar2026: CalendarYearDetail = {
  year: year2026,
  days: yearDays(2026, NOTICE_2026, [{ date: '2026-10-09', kind: 'day_off', note: '全厂设备检修' }]),
};

export const calendarStatus: CalendarStatusDto = {
  years: [year2025, year2026],
  today: '2026-06-15',
  missing_next_year: null,
};

/** What get_calendar_year says about a year without data. */
export function yearMissingError(year: number): ErrorDto {
  return {
    code: 'calendar_year_missing',
    message: {
      zh: `${year} 年节假日安排尚未载入：请在「设置 → 节假日」导入国务院通知或手动录入`,
      en: `${year} calendar not loaded`,
    },
    fields: [],
  };
}

/** Columns of a roster file as check_import recognises them: A–E known, F (备注) unused. */
export const importColumns: ImportColumnDto[] = [
  { index: 0, letter: 'A', header: '工号', field: 'employee_no' },
  { index: 1, letter: 'B', header: '姓名', field: 'name' },
  { index: 2, letter: 'C', header: '部门', field: 'department' },
  { index: 3, letter: 'D', header: '入职日期', field: 'hired_on' },
  { index: 4, letter: 'E', header: '手机', field: 'phone' },
  { index: 5, letter: 'F', header: '备注', field: null },
];

/** check_import of a clean CSV file: two new people (one in a new department), one update, one unchanged. */
export const importReport: ImportReport = {
  file_format: 'csv',
  encoding: 'gb18030',
  sheets: [],
  sheet: null,
  header_row: 1,
  columns: importColumns,
  problems: [],
  problem_count: 0,
  add_count: 2,
  update_count: 1,
  unchanged_count: 1,
  blank_rows: 0,
  new_departments: ['总部/品质部'],
  rows: [
    { row: 2, action: 'add', employee_no: '2001', name: '赵六', department_path: '总部/生产部', changed: [] },
    { row: 3, action: 'add', employee_no: '2002', name: '钱七', department_path: '总部/品质部', changed: [] },
    { row: 4, action: 'update', employee_no: '1001', name: '张三', department_path: '总部/生产部/一车间', changed: ['department_id', 'phone'] },
    { row: 5, action: 'unchanged', employee_no: '1002', name: '王五', department_path: '总部/生产部', changed: [] },
  ],
  written: false,
};

/** A problem of one cell, worded the way check_import words it. */
export function importProblem(row: number, column: string, header: string, text: string): ImportProblemDto {
  return {
    row,
    column,
    header,
    field: 'hired_on',
    problem: 'bad_date',
    value: '',
    message: { zh: `第 ${row} 行 ${column} 列：${text}`, en: `row ${row}, column ${column}: ${text}` },
  };
}

/** check_import of a file with cell problems: nothing may be imported. */
export function importReportWithProblems(count: number): ImportReport {
  const problems = Array.from({ length: count }, (_, i) =>
    importProblem(i + 2, 'D', '入职日期', `入职日期「2026-13-${String(i % 28).padStart(2, '0')}」不是有效的日期`),
  );
  return { ...importReport, problems, problem_count: count, rows: [] };
}

/** check_import when the mapping failed: 姓名 missing (the backend then recognises no column). */
export const importReportMissingName: ImportReport = {
  ...importReport,
  columns: importColumns.map((c) => ({ ...c, field: null })),
  add_count: 0,
  update_count: 0,
  unchanged_count: 0,
  new_departments: [],
  rows: [],
  problems: [
    {
      row: 1,
      column: null,
      header: null,
      field: 'name',
      problem: 'missing_column',
      value: '',
      message: { zh: '文件里没有「姓名」列：在表头加上这一列，或在列对应里指定哪一列是姓名', en: 'the file has no "name" column' },
    },
  ],
  problem_count: 1,
};

// ——— 考勤组 (src/groups) ———
import type { GroupDto } from '../bindings/GroupDto';
import type { GroupMemberDto } from '../bindings/GroupMemberDto';
import type { GroupsDto } from '../bindings/GroupsDto';
import type { MembershipDto } from '../bindings/MembershipDto';
import type { TimetableDto } from '../bindings/TimetableDto';

/** A timetable as list_timetables returns it (only what the group screens look at is realistic). */
export function groupTimetable(id: number, code: string, name: string, kind: 'fixed' | 'flexible' | 'free', times: string): TimetableDto {
  return {
    id,
    code,
    name,
    color: null,
    kind,
    summary: { zh: times, en: times },
    required_minutes: kind === 'fixed' ? null : 480,
    day_value: 1,
    form: {
      code,
      name,
      color: '',
      kind,
      pairing: '',
      day_value: 1,
      day_change: '',
      required_minutes: kind === 'fixed' ? null : 480,
      segments: [],
      breaks: [],
      earliest_arrival: '',
      latest_arrival: '',
      late_grace_minutes: null,
      late_absent_minutes: null,
    },
    versions: ['2000-01-01'],
    used_by: [],
  };
}

/** 班 (白班) and 夜 (夜班) are fixed, 弹 flexible, 自 free hours. */
export const groupTimetables: TimetableDto[] = [
  groupTimetable(1, '班', '白班', 'fixed', '09:00–18:00 · 午休 12:00–13:00 · 8 小时'),
  groupTimetable(2, '夜', '夜班', 'fixed', '22:00–06:00+1 · 8 小时'),
  groupTimetable(3, '弹', '弹性班', 'flexible', '弹性 8 小时'),
  groupTimetable(4, '自', '自由工时', 'free', '自由工时 8 小时'),
];

/** 总部/生产部 in 白班组 from 2026-10-01. */
export const productionAssignment: MembershipDto = {
  target_kind: 'department',
  target_id: 2,
  target_label: '总部/生产部',
  group_id: 1,
  group_name: '白班组',
  effective_from: '2026-10-01',
  until: null,
  next_group_name: null,
  saved_by: 'admin',
};

/** 张三 personally in 白班组 from 2026-11-01. */
export const zhangSanAssignment: MembershipDto = {
  target_kind: 'employee',
  target_id: 11,
  target_label: '1001 张三',
  group_id: 1,
  group_name: '白班组',
  effective_from: '2026-11-01',
  until: null,
  next_group_name: null,
  saved_by: 'admin',
};

/** A fixed group: 班 Monday–Friday, weekend off; a second version from 2026-10-01 works Saturdays. */
export const dayShiftGroup: GroupDto = {
  id: 1,
  name: '白班组',
  kind: 'fixed',
  current: {
    name: '白班组',
    kind: 'fixed',
    week: ['班', '班', '班', '班', '班', '休', '休'],
    follow_holidays: true,
    min_rest_minutes: 480,
    max_consecutive_days: 6,
    effective_from: '2000-01-01',
    hours: '',
  },
  versions: [
    {
      effective_from: '2000-01-01',
      form: {
        name: '白班组',
        kind: 'fixed',
        week: ['班', '班', '班', '班', '班', '休', '休'],
        follow_holidays: true,
        min_rest_minutes: 480,
        max_consecutive_days: 6,
        effective_from: '2000-01-01',
        hours: '',
      },
    },
    {
      effective_from: '2026-10-01',
      form: {
        name: '白班组',
        kind: 'fixed',
        week: ['班', '班', '班', '班', '班', '班', '休'],
        follow_holidays: true,
        min_rest_minutes: 480,
        max_consecutive_days: 6,
        effective_from: '2026-10-01',
        hours: '',
      },
    },
  ],
  assignments: [productionAssignment, zhangSanAssignment, { ...productionAssignment, target_id: 3, target_label: '总部/生产部/一车间', effective_from: '2026-12-01' }],
  member_count: 12,
};

/** A scheduled group (days come from the grid) nobody was ever assigned to. */
export const shiftGroup: GroupDto = {
  id: 2,
  name: '车间三班',
  kind: 'scheduled',
  current: {
    name: '车间三班',
    kind: 'scheduled',
    week: [],
    follow_holidays: false,
    min_rest_minutes: 600,
    max_consecutive_days: 7,
    effective_from: '2000-01-01',
    hours: '',
  },
  versions: [
    {
      effective_from: '2000-01-01',
      form: {
        name: '车间三班',
        kind: 'scheduled',
        week: [],
        follow_holidays: false,
        min_rest_minutes: 600,
        max_consecutive_days: 7,
        effective_from: '2000-01-01',
        hours: '',
      },
    },
  ],
  assignments: [],
  member_count: 0,
};

export const groupsOnJune15: GroupsDto = {
  on: '2026-06-15',
  groups: [dayShiftGroup, shiftGroup],
  unassigned_count: 3,
};

export const dayShiftMembers: GroupMemberDto[] = [
  {
    employee_id: 11,
    employee_no: '1001',
    name: '张三',
    department_path: '总部/生产部',
    group_id: 1,
    group_name: '白班组',
    via: zhangSanAssignment,
  },
  {
    employee_id: 13,
    employee_no: '1003',
    name: '李四',
    department_path: '总部/生产部/一车间',
    group_id: 1,
    group_name: '白班组',
    via: productionAssignment,
  },
];

export const unassignedMembers: GroupMemberDto[] = [
  { employee_id: 21, employee_no: '2001', name: '赵六', department_path: '总部/品质部', group_id: null, group_name: null, via: null },
  { employee_id: 22, employee_no: '2002', name: '钱七', department_path: '总部/品质部', group_id: null, group_name: null, via: null },
  { employee_id: 23, employee_no: '2003', name: '孙八', department_path: '总部', group_id: null, group_name: null, via: null },
];

// ---- 班次 and 轮班规律 (src/shifts) ----
import type { ErrorDto as ShiftsErrorDto } from '../bindings/ErrorDto';
import type { RotationDto as ShiftsRotationDto } from '../bindings/RotationDto';
import type { SegmentInput as ShiftsSegmentInput } from '../bindings/SegmentInput';
import type { SetupImportResult as ShiftsSetupImportResult } from '../bindings/SetupImportResult';
import type { TimetableDto as ShiftsTimetableDto } from '../bindings/TimetableDto';

/** A segment with every default written out, as a dry run returns it. */
export function shiftSegment(on: string, off: string, over: Partial<ShiftsSegmentInput> = {}): ShiftsSegmentInput {
  return {
    on,
    off,
    check_in_before_minutes: 120,
    check_in_after_minutes: 120,
    check_out_before_minutes: 120,
    check_out_after_minutes: 240,
    late_grace_minutes: 0,
    early_grace_minutes: 0,
    serious_late_minutes: null,
    late_absent_minutes: null,
    early_absent_minutes: null,
    ...over,
  };
}

/** 白班 09:00–18:00 with lunch 12:00–13:00, 5 minutes' grace, as list_timetables returns it. */
export const dayTimetable: ShiftsTimetableDto = {
  id: 1,
  code: '白',
  name: '白班',
  color: '#1677ff',
  kind: 'fixed',
  summary: { zh: '09:00–18:00 · 休息 12:00–13:00 · 8 小时', en: '09:00–18:00 · break 12:00–13:00 · 8 h' },
  required_minutes: 480,
  day_value: 1,
  form: {
    code: '白',
    name: '白班',
    color: '#1677ff',
    kind: 'fixed',
    pairing: '',
    day_value: 1,
    day_change: '07:00',
    required_minutes: 480,
    segments: [shiftSegment('09:00', '18:00', { late_grace_minutes: 5 })],
    breaks: [{ kind: 'fixed', start: '12:00', end: '13:00', minutes: null, after_worked_minutes: null, paid: false }],
    earliest_arrival: '',
    latest_arrival: '',
    late_grace_minutes: null,
    late_absent_minutes: null,
  },
  versions: ['2000-01-01', '2026-03-01'],
  used_by: [],
};

function shiftTimetable(id: number, code: string, name: string, on: string, off: string, color: string, usedBy: string[]): ShiftsTimetableDto {
  const summary = `${on}–${off} · 满 6 小时扣 30 分钟（带薪） · 8 小时`;
  return {
    ...dayTimetable,
    id,
    code,
    name,
    color,
    summary: { zh: summary, en: `${on}–${off} · 30 min off after 6 h (paid) · 8 h` },
    form: {
      ...dayTimetable.form,
      code,
      name,
      color,
      day_change: '',
      segments: [shiftSegment(on, off)],
      breaks: [{ kind: 'auto', start: '', end: '', minutes: 30, after_worked_minutes: 360, paid: true }],
    },
    versions: ['2000-01-01'],
    used_by: usedBy,
  };
}

export const earlyTimetable = shiftTimetable(2, '早', '早班', '06:00', '14:00', '#52c41a', ['轮班「三班倒」']);
export const middleTimetable = shiftTimetable(3, '中', '中班', '14:00', '22:00', '#faad14', ['轮班「三班倒」']);
export const nightTimetable = shiftTimetable(4, '夜', '夜班', '22:00', '06:00+1', '#722ed1', ['考勤组「车间」', '轮班「三班倒」']);
export const freeTimetable: ShiftsTimetableDto = {
  ...dayTimetable,
  id: 5,
  code: '自',
  name: '自由工时',
  color: null,
  kind: 'free',
  summary: { zh: '自由工时，每天 05:00 起算', en: 'free hours, day starts 05:00' },
  required_minutes: null,
  form: { ...dayTimetable.form, code: '自', name: '自由工时', color: '', kind: 'free', day_change: '05:00', required_minutes: null, segments: [], breaks: [] },
  versions: ['2000-01-01'],
};
export const shiftTimetables: ShiftsTimetableDto[] = [dayTimetable, earlyTimetable, middleTimetable, nightTimetable, freeTimetable];

export const threeShiftRotation: ShiftsRotationDto = { id: 7, name: '三班倒', days: ['早', '早', '中', '中', '夜', '夜', '休', '休'] };

/** What delete_timetable says while a group or rotation names the timetable. */
export const timetableInUseError: ShiftsErrorDto = {
  code: 'invalid_input',
  message: {
    zh: '输入有误，未做任何修改：班次「夜班」正在被 考勤组「车间」、轮班「三班倒」 使用，不能删除：先把它们改掉',
    en: 'invalid input, nothing was changed: timetable "夜班" is used by 考勤组「车间」, 轮班「三班倒」; change those first',
  },
  fields: [
    {
      field: 'timetable',
      value: '夜班',
      problem: 'in_use',
      message: {
        zh: '班次「夜班」正在被 考勤组「车间」、轮班「三班倒」 使用，不能删除：先把它们改掉',
        en: 'timetable "夜班" is used by 考勤组「车间」, 轮班「三班倒」; change those first',
      },
    },
  ],
};

/** A setup file's dry run: two timetables and a rotation new, one timetable changed, the rest unchanged. */
export const setupDryRun: ShiftsSetupImportResult = {
  dry_run: true,
  sections: [
    { section: 'timetable', added: ['早', '中'], changed: ['白'], unchanged: ['夜'] },
    { section: 'rotation', added: ['三班倒'], changed: [], unchanged: [] },
    { section: 'group', added: [], changed: [], unchanged: ['车间'] },
    { section: 'membership', added: [], changed: [], unchanged: [] },
    { section: 'company_day', added: [], changed: [], unchanged: ['2026-10-09'] },
  ],
};

// ---- 排班 grid (src/schedule) ----
import type { RotationDto as ScheduleRotationDto } from '../bindings/RotationDto';
import type { ScheduleCellDto as ScheduleFixtureCellDto } from '../bindings/ScheduleCellDto';
import type { ScheduleConflictDto as ScheduleFixtureConflictDto } from '../bindings/ScheduleConflictDto';
import type { ScheduleDayDto as ScheduleFixtureDayDto } from '../bindings/ScheduleDayDto';
import type { ScheduleGridDto as ScheduleFixtureGridDto } from '../bindings/ScheduleGridDto';
import type { ScheduleRowDto as ScheduleFixtureRowDto } from '../bindings/ScheduleRowDto';
import type { TimetableChipDto as ScheduleChipDto } from '../bindings/TimetableChipDto';

/** The palette of the grid: 中 has no colour of its own (the grid picks one). */
export const scheduleChips: ScheduleChipDto[] = [
  { id: 1, code: '白', name: '白班', color: '#1677ff', kind: 'fixed' },
  { id: 2, code: '早', name: '早班', color: '#52c41a', kind: 'fixed' },
  { id: 3, code: '中', name: '中班', color: null, kind: 'fixed' },
  { id: 4, code: '夜', name: '夜班', color: '#722ed1', kind: 'fixed' },
];

export const scheduleRotations: ScheduleRotationDto[] = [
  { id: 7, name: '三班倒', days: ['早', '早', '中', '中', '夜', '夜', '休', '休'] },
  { id: 8, name: '做二休一', days: ['白', '白', '休'] },
];

/** The header days of a 2026 month, classes as the 2026 calendar fixture has them (October: 国庆节, 10-10 调休上班). */
export function scheduleDays(month = '2026-10'): ScheduleFixtureDayDto[] {
  return calendar2026.days
    .filter((d) => d.date.startsWith(`${month}-`))
    .map((d) => ({ date: d.date, weekday: d.weekday, class: d.class, festival: d.festival }));
}

export function scheduleCell(
  source: string,
  timetable_id: number | null = null,
  conflicts: ScheduleFixtureConflictDto[] = [],
): ScheduleFixtureCellDto {
  return { timetable_id, source, conflicts };
}

/** A 固定班制 person's day from the group's week (白 on working days, off on rest days and holidays). */
function fixedWeekCell(day: ScheduleFixtureDayDto): ScheduleFixtureCellDto {
  switch (day.class) {
    case 'statutory':
      return scheduleCell('holiday');
    case 'rest_day':
      return scheduleCell('week');
    case 'make_up_workday':
      return scheduleCell('make_up', 1);
    default:
      return scheduleCell('week', 1);
  }
}

export const scheduleShortRest: ScheduleFixtureConflictDto = {
  kind: 'short_rest',
  message: {
    zh: '与上一班之间只休息 0 小时，少于考勤组要求的 12 小时',
    en: 'only 0 h of rest after the previous shift, the group asks for 12 h',
  },
};

function scheduleRowOf(
  employee_id: number,
  employee_no: string,
  name: string,
  cells: ScheduleFixtureCellDto[],
  group: { name: string; kind: string } | null,
  department_path = '总部/生产部',
): ScheduleFixtureRowDto {
  return {
    employee_id,
    employee_no,
    name,
    department_path,
    group_name: group?.name ?? null,
    group_kind: group?.kind ?? null,
    cells,
  };
}

/**
 * October 2026: 张三 (白班组, fixed week, 早 painted on 10-12), 李四 (车间三班, 排班制: 夜 on 10-13 and 早 on 10-14
 * from a rotation, the 14th with a short-rest conflict, a planned 休 on 10-15, the rest unscheduled), 王五 (in no group)
 * and 赵六 (白班组, hired on 10-15: off the books before).
 */
export function scheduleOctober(): ScheduleFixtureGridDto {
  const days = scheduleDays('2026-10');
  const zhang = days.map((d) => (d.date === '2026-10-12' ? scheduleCell('paint', 2) : fixedWeekCell(d)));
  const li = days.map((d) => {
    if (d.date === '2026-10-13') return scheduleCell('rotation', 4);
    if (d.date === '2026-10-14') return scheduleCell('rotation', 2, [scheduleShortRest]);
    if (d.date === '2026-10-15') return scheduleCell('paint', null);
    return scheduleCell('unscheduled');
  });
  const wang = days.map(() => scheduleCell('no_group'));
  const zhao = days.map((d) => (d.date < '2026-10-15' ? scheduleCell('off_books') : fixedWeekCell(d)));
  return {
    month: '2026-10',
    days,
    timetables: scheduleChips,
    rows: [
      scheduleRowOf(11, '1001', '张三', zhang, { name: '白班组', kind: 'fixed' }),
      scheduleRowOf(12, '1002', '李四', li, { name: '车间三班', kind: 'scheduled' }, '总部/生产部/一车间'),
      scheduleRowOf(13, '1003', '王五', wang, null, '总部/品质部'),
      scheduleRowOf(14, '1004', '赵六', zhao, { name: '白班组', kind: 'fixed' }),
    ],
    conflict_count: 1,
    unscheduled_count: 28,
  };
}

/** October 2026 for `people` people of 白班组 (工号 E0001 …), every day from the group's week. */
export function bigScheduleGrid(people: number): ScheduleFixtureGridDto {
  const days = scheduleDays('2026-10');
  const rows = Array.from({ length: people }, (_, i) =>
    scheduleRowOf(1000 + i, `E${String(i + 1).padStart(4, '0')}`, `员工${i + 1}`, days.map(fixedWeekCell), {
      name: '白班组',
      kind: 'fixed',
    }),
  );
  return { month: '2026-10', days, timetables: scheduleChips, rows, conflict_count: 0, unscheduled_count: 0 };
}

// ——— 请假 (leave) ———
import type { LeaveBalanceDto as LeaveFixtureBalanceDto } from '../bindings/LeaveBalanceDto';
import type { LeaveRecordDto as LeaveFixtureRecordDto } from '../bindings/LeaveRecordDto';
import type { LeaveTypeDto as LeaveFixtureTypeDto } from '../bindings/LeaveTypeDto';

function leaveTypeOf(
  id: number,
  code: string,
  name: string,
  unit: 'day' | 'half_day' | 'hour',
  rules: Partial<Omit<LeaveFixtureTypeDto, 'id' | 'code' | 'name' | 'unit'>> = {},
): LeaveFixtureTypeDto {
  return {
    id,
    code,
    name,
    unit,
    counts_rest_days: false,
    on_duty: false,
    paid: true,
    tracks_balance: false,
    annual_grant: null,
    max_carry_over: null,
    carry_over_expires: '',
    ...rules,
  };
}

/** The leave types a new database starts with (ids 1–10 in the order of the migration). */
export const leaveTypes: LeaveFixtureTypeDto[] = [
  leaveTypeOf(1, 'annual', '年假', 'half_day', { tracks_balance: true, annual_grant: 5, max_carry_over: 5, carry_over_expires: '03-31' }),
  leaveTypeOf(2, 'sick', '病假', 'half_day'),
  leaveTypeOf(3, 'personal', '事假', 'hour', { paid: false }),
  leaveTypeOf(4, 'marriage', '婚假', 'day'),
  leaveTypeOf(5, 'maternity', '产假', 'day', { counts_rest_days: true }),
  leaveTypeOf(6, 'paternity', '陪产假', 'day', { counts_rest_days: true }),
  leaveTypeOf(7, 'bereavement', '丧假', 'day'),
  leaveTypeOf(8, 'time_off', '调休假', 'hour', { tracks_balance: true }),
  leaveTypeOf(9, 'outing', '外出', 'hour', { on_duty: true }),
  leaveTypeOf(10, 'business_trip', '出差', 'half_day', { on_duty: true }),
];

export const leaveLiSi: EmployeeDto = {
  ...zhangSan,
  id: 13,
  employee_no: '1003',
  name: '李四',
  department_path: '总部/生产部',
  pin: '1003',
  card_no: null,
};

export function leaveRecord(over: Partial<LeaveFixtureRecordDto> = {}): LeaveFixtureRecordDto {
  return {
    id: 101,
    employee_id: 11,
    employee_no: '1001',
    name: '张三',
    leave_type_id: 1,
    leave_type_name: '年假',
    unit: 'half_day',
    when: { zh: '2026-11-09 下午 至 2026-11-11 上午', en: '2026-11-09 pm to 2026-11-11 am' },
    first_date: '2026-11-09',
    last_date: '2026-11-11',
    amount: 2,
    note: '回老家办事',
    created_by: 'admin',
    cancelled: false,
    cancel_reason: null,
    ...over,
  };
}

/** 张三's annual leave, 李四 外出 (on duty, hours) and a cancelled 事假 of 张三. */
export const leaveRecords: LeaveFixtureRecordDto[] = [
  leaveRecord(),
  leaveRecord({
    id: 102,
    employee_id: 13,
    employee_no: '1003',
    name: '李四',
    leave_type_id: 9,
    leave_type_name: '外出',
    unit: 'hour',
    when: { zh: '2026-11-12 14:00–15:30', en: '2026-11-12 14:00–15:30' },
    first_date: '2026-11-12',
    last_date: '2026-11-12',
    amount: 1.5,
    note: '去供应商处验货',
  }),
  leaveRecord({
    id: 103,
    leave_type_id: 3,
    leave_type_name: '事假',
    unit: 'hour',
    when: { zh: '2026-11-16 09:00–11:00', en: '2026-11-16 09:00–11:00' },
    first_date: '2026-11-16',
    last_date: '2026-11-16',
    amount: 2,
    note: '',
    cancelled: true,
    cancel_reason: '员工提前返岗',
  }),
];

export const annualBalances: LeaveFixtureBalanceDto[] = [
  { employee_id: 11, employee_no: '1001', name: '张三', department_path: '总部/生产部', granted: 8, taken: 2, expired: 1, remaining: 5 },
  { employee_id: 13, employee_no: '1003', name: '李四', department_path: '总部/生产部', granted: 5, taken: 4.5, expired: 0, remaining: 0.5 },
];

/** add_leave refusing 李四's annual leave: not enough balance (field `amount`, the value names the person). */
export const insufficientBalanceError: ErrorDto = {
  code: 'invalid_input',
  message: { zh: '输入有误，请检查标红的项目', en: 'Some fields are not valid' },
  fields: [
    {
      field: 'amount',
      value: '1003 李四',
      problem: 'insufficient_balance',
      message: { zh: '1003 李四：余额只剩 0.5 天，这次需要 2 天', en: '1003 李四: only 0.5 days left, this leave needs 2 days' },
    },
  ],
};
