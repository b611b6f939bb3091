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
