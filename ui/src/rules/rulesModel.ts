// 设置 → 考勤规则, the parts without React: the fields and their limits (copies of the backend's ranges), the form ⇄
// `RulesDto`, backend field paths → form fields, what differs from the saved rules, and the figures of a 试算.
import type { DayRowDto } from '../bindings/DayRowDto';
import type { RulesDto } from '../bindings/RulesDto';
import type { SummaryRowDto } from '../bindings/SummaryRowDto';
import { countAndMinutes, formatDays, formatHours } from '../results/format';

export type RuleField = keyof RulesDto;

/** Every field of the form, in the order the form shows them (and the wire object lists them). */
export const RULE_FIELDS = [
  'duplicate_seconds',
  'missing_punch',
  'ot_source',
  'ot_min_minutes',
  'ot_unit_minutes',
  'ot_rounding',
  'ot_count_before_shift',
  'ot_rest_day_to_time_off',
  'rest_day_break_minutes',
  'rest_day_break_after_minutes',
  'daily_cap_minutes',
  'monthly_cap_minutes',
] as const satisfies readonly RuleField[];

/** Fails to compile when the backend adds a rule this list does not know yet. */
const everyFieldListed: Exclude<RuleField, (typeof RULE_FIELDS)[number]> extends never ? true : never = true;
void everyFieldListed;

export type NumberRuleField =
  | 'duplicate_seconds'
  | 'ot_min_minutes'
  | 'ot_unit_minutes'
  | 'rest_day_break_minutes'
  | 'rest_day_break_after_minutes'
  | 'daily_cap_minutes'
  | 'monthly_cap_minutes';
export type ChoiceRuleField = 'missing_punch' | 'ot_source' | 'ot_rounding';
export type SwitchRuleField = 'ot_count_before_shift' | 'ot_rest_day_to_time_off';

/** The backend's ranges (`Rules::validate`); the unit is what the form's suffix says. */
export const NUMBER_LIMITS: Readonly<Record<NumberRuleField, { min: number; max: number; unit: 'seconds' | 'minutes' }>> = {
  duplicate_seconds: { min: 0, max: 600, unit: 'seconds' },
  ot_min_minutes: { min: 0, max: 480, unit: 'minutes' },
  ot_unit_minutes: { min: 1, max: 240, unit: 'minutes' },
  rest_day_break_minutes: { min: 0, max: 240, unit: 'minutes' },
  rest_day_break_after_minutes: { min: 0, max: 1440, unit: 'minutes' },
  daily_cap_minutes: { min: 0, max: 1440, unit: 'minutes' },
  monthly_cap_minutes: { min: 0, max: 44_640, unit: 'minutes' },
};

/** The choices of each Select, in the order they are offered. */
export const RULE_CHOICES: Readonly<Record<ChoiceRuleField, readonly string[]>> = {
  missing_punch: ['missing', 'absent'],
  ot_source: ['punches', 'approved', 'approved_within_punches'],
  ot_rounding: ['down', 'nearest', 'up'],
};

/** Wire field names the backend may use for a problem, mapped onto the form's fields. */
export const RULE_FIELD_ALIASES: Readonly<Record<string, RuleField>> = {
  overtime_min_minutes: 'ot_min_minutes',
  overtime_unit_minutes: 'ot_unit_minutes',
  overtime_source: 'ot_source',
  overtime_rounding: 'ot_rounding',
  overtime_count_before_shift: 'ot_count_before_shift',
  overtime_rest_day_to_time_off: 'ot_rest_day_to_time_off',
  'overtime.min_minutes': 'ot_min_minutes',
  'overtime.unit_minutes': 'ot_unit_minutes',
  'overtime.source': 'ot_source',
  'overtime.rounding': 'ot_rounding',
  'overtime.rest_day_break_minutes': 'rest_day_break_minutes',
  'overtime.rest_day_break_after_minutes': 'rest_day_break_after_minutes',
  'overtime.daily_cap_minutes': 'daily_cap_minutes',
  'overtime.monthly_cap_minutes': 'monthly_cap_minutes',
};

/** What the form holds: a cleared number field is null until filled in again. */
export type RulesFormValues = { [K in RuleField]: RulesDto[K] | null };

/** The form's values as the wire object, every field in its order (the form's required rules rule out null). */
export function toRulesDto(values: RulesFormValues): RulesDto {
  const dto: Record<string, unknown> = {};
  for (const field of RULE_FIELDS) dto[field] = values[field];
  return dto as RulesDto;
}

/** The fields whose value in `current` differs from `saved` (fields the form has not reported yet count as unchanged). */
export function changedRuleFields(saved: RulesDto, current: Partial<RulesFormValues> | undefined): RuleField[] {
  if (!current) return [];
  return RULE_FIELDS.filter((field) => field in current && current[field] !== saved[field]);
}

/** The figures of a 试算 summary line, as the table shows them. */
export const SUMMARY_FIGURES = [
  'attended',
  'late',
  'missing',
  'absent',
  'ot_workday',
  'ot_restday',
  'ot_holiday',
  'time_off',
] as const;
export type SummaryFigure = (typeof SUMMARY_FIGURES)[number];

/** A summary's figures in words: days, 次 / 分钟, hours with one decimal. */
export function summaryFigures(row: SummaryRowDto): Record<SummaryFigure, string> {
  return {
    attended: formatDays(row.attended_days),
    late: countAndMinutes(row.late_count, row.late_minutes),
    missing: String(row.missing_punch_count),
    absent: formatDays(row.absent_days),
    ot_workday: formatHours(row.ot_workday_minutes),
    ot_restday: formatHours(row.ot_restday_minutes),
    ot_holiday: formatHours(row.ot_holiday_minutes),
    time_off: formatHours(row.time_off_minutes),
  };
}

/** The figures that differ between the two lines. */
export function changedFigures(now: SummaryRowDto, then: SummaryRowDto): Set<SummaryFigure> {
  const a = summaryFigures(now);
  const b = summaryFigures(then);
  return new Set(SUMMARY_FIGURES.filter((figure) => a[figure] !== b[figure]));
}

/** A day's figures a rule can change; minutes shown as hours or minutes as the person's month shows them. */
const DAY_FIGURES = [
  { key: 'worked', get: (d: DayRowDto) => d.worked_minutes, unit: 'hours' },
  { key: 'late', get: (d: DayRowDto) => d.late_minutes, unit: 'minutes' },
  { key: 'early', get: (d: DayRowDto) => d.early_minutes, unit: 'minutes' },
  { key: 'absent', get: (d: DayRowDto) => d.absent_minutes, unit: 'minutes' },
  { key: 'missing', get: (d: DayRowDto) => d.missing_count, unit: 'times' },
  { key: 'leave', get: (d: DayRowDto) => d.leave_minutes, unit: 'hours' },
  { key: 'overtime', get: (d: DayRowDto) => d.overtime_minutes, unit: 'hours' },
] as const;
export type DayFigure = (typeof DAY_FIGURES)[number]['key'];

/** The figures of a day that differ between now and then: `{ key, now, then }` with the values formatted. */
export function changedDayFigures(now: DayRowDto, then: DayRowDto): { key: DayFigure; now: string; then: string }[] {
  return DAY_FIGURES.filter((f) => f.get(now) !== f.get(then)).map((f) => {
    const format = (value: number) => (f.unit === 'hours' ? formatHours(value) : String(value));
    return { key: f.key, now: format(f.get(now)), then: format(f.get(then)) };
  });
}
