// Test data of 考勤结果 shaped exactly like the backend's DTOs: a computed October 2026 (one person over the overtime
// cap), 张三's month, the 为什么 of one day, punch import reports, and the errors of a month not computed and a bad file.
import type { ComputeReport } from '../bindings/ComputeReport';
import type { DayDetailDto } from '../bindings/DayDetailDto';
import type { DayRowDto } from '../bindings/DayRowDto';
import type { ErrorDto } from '../bindings/ErrorDto';
import type { MonthSummaryDto } from '../bindings/MonthSummaryDto';
import type { PersonMonthDto } from '../bindings/PersonMonthDto';
import type { PunchImportReport } from '../bindings/PunchImportReport';
import type { SummaryRowDto } from '../bindings/SummaryRowDto';

export const zhangSanOctober: SummaryRowDto = {
  employee_id: 11,
  employee_no: '1001',
  name: '张三',
  department: '总部/生产部',
  scheduled_days: 22,
  attended_days: 21.5,
  late_count: 2,
  late_minutes: 15,
  early_count: 0,
  early_minutes: 0,
  missing_punch_count: 1,
  absent_days: 0.5,
  leave_minutes: 1200,
  ot_workday_minutes: 600,
  ot_restday_minutes: 480,
  ot_holiday_minutes: 0,
  time_off_minutes: 240,
  on_duty_minutes: 0,
  leave: [
    { type_id: 1, name: '年假', minutes: 960, days: 2 },
    { type_id: 2, name: '事假', minutes: 240, days: 0.5 },
  ],
  exception_days: 3,
  provisional_days: 2,
  over_monthly_cap: false,
  settlement_period: null,
  period_worked_minutes: null,
  period_standard_minutes: null,
  period_excess_minutes: null,
};

/** 40 hours of overtime: past the 36-hour cap. */
export const liSiOctober: SummaryRowDto = {
  ...zhangSanOctober,
  employee_id: 12,
  employee_no: '1002',
  name: '李四',
  department: '总部/生产部/一车间',
  attended_days: 22,
  late_count: 0,
  late_minutes: 0,
  missing_punch_count: 0,
  absent_days: 0,
  leave_minutes: 0,
  leave: [],
  ot_workday_minutes: 1500,
  ot_restday_minutes: 600,
  ot_holiday_minutes: 300,
  time_off_minutes: 0,
  exception_days: 0,
  provisional_days: 0,
  over_monthly_cap: true,
  settlement_period: null,
  period_worked_minutes: null,
  period_standard_minutes: null,
  period_excess_minutes: null,
};

export const october: MonthSummaryDto = { month: '2026-10', rows: [zhangSanOctober, liSiOctober] };

const baseDay: DayRowDto = {
  date: '2026-10-09',
  status: 'normal',
  status_name: { zh: '正常', en: 'Normal' },
  class_name: { zh: '工作日', en: 'Workday' },
  timetable: '早',
  scheduled_minutes: 480,
  worked_minutes: 480,
  late_minutes: 0,
  early_minutes: 0,
  absent_minutes: 0,
  missing_count: 0,
  leave_minutes: 0,
  on_duty_minutes: 0,
  overtime_minutes: 0,
  findings: [],
  provisional: false,
};

export const holidayDay: DayRowDto = {
  ...baseDay,
  date: '2026-10-01',
  status: 'holiday',
  status_name: { zh: '节假日', en: 'Holiday' },
  class_name: { zh: '法定节假日', en: 'Statutory holiday' },
  timetable: null,
  scheduled_minutes: 0,
  worked_minutes: 0,
};

export const lateDay: DayRowDto = {
  ...baseDay,
  date: '2026-10-08',
  status: 'exception',
  status_name: { zh: '异常', en: 'Exception' },
  worked_minutes: 465,
  late_minutes: 15,
  overtime_minutes: 90,
  findings: [
    { kind: 'late', severity: 'warning', text: { zh: '迟到 15 分钟', en: 'Late 15 min' } },
    { kind: 'missing_check_out', severity: 'error', text: { zh: '缺下班卡', en: 'No check-out punch' } },
  ],
};

export const normalDay: DayRowDto = baseDay;

export const provisionalDay: DayRowDto = { ...baseDay, date: '2026-10-30', provisional: true };

export const zhangSanMonth: PersonMonthDto = {
  employee_id: 11,
  employee_no: '1001',
  name: '张三',
  department: '总部/生产部',
  month: '2026-10',
  days: [holidayDay, lateDay, normalDay, provisionalDay],
};

export const lateDayDetail: DayDetailDto = {
  employee_id: 11,
  employee_no: '1001',
  name: '张三',
  row: lateDay,
  ledger: [
    { zh: '排班：早班 08:00–17:00（考勤组 白班组）', en: 'Scheduled: 早 08:00–17:00 (group 白班组)' },
    { zh: '打卡：08:15 上班', en: 'Punch: 08:15 in' },
    { zh: '08:15 晚于 08:00，超过宽限 5 分钟：迟到 15 分钟', en: '08:15 is after 08:00 beyond the 5 min grace: late 15 min' },
    { zh: '17:00 之后没有下班卡：缺卡', en: 'No punch after 17:00: missing check-out' },
  ],
};

export const computeReport: ComputeReport = {
  month: '2026-10',
  employees: 2,
  days: 62,
  exception_days: 3,
  provisional_days: 2,
  punches: 1234,
};

export const punchPreview: PunchImportReport = {
  file_name: '1_attlog.dat',
  kind: 'attlog',
  punches: 120,
  added: 100,
  already_stored: 20,
  unknown: ['PIN 21', '工号 1005'],
  first: '2026-10-01 07:52:10',
  last: '2026-10-31 18:03:44',
  dry_run: true,
};

export const punchDone: PunchImportReport = { ...punchPreview, dry_run: false };

export function notComputedError(month: string): ErrorDto {
  return {
    code: 'not_found',
    message: { zh: `${month} 还没有计算考勤结果`, en: `${month} has not been computed` },
    fields: [],
  };
}

export const badPunchFileError: ErrorDto = {
  code: 'invalid_input',
  message: {
    zh: '打卡文件有 2 行读不了，没有导入：\n- 第 3 行：时间“2026-13-01 08:00”不对\n- 第 7 行：缺少考勤机工号',
    en: '2 lines of the punch file cannot be read; nothing was imported:\n- line 3: bad time “2026-13-01 08:00”\n- line 7: no PIN',
  },
  fields: [],
};
