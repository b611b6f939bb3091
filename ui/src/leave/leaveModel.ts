// Pure helpers of 请假: the leave form → LeaveInput for each unit, times as the backend reads them, amounts with their unit,
// backend field errors → form fields, the leave-type form ⇄ LeaveTypeInput, and the small date defaults.
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import type { ApiError } from '../apiError';
import type { LeaveInput } from '../bindings/LeaveInput';
import type { LeaveRecordDto } from '../bindings/LeaveRecordDto';
import type { LeaveTypeDto } from '../bindings/LeaveTypeDto';
import type { LeaveTypeInput } from '../bindings/LeaveTypeInput';
import { localize, type Language } from '../i18n';

export const DATE_FORMAT = 'YYYY-MM-DD';
export const NOTE_MAX_CHARS = 200;

export const LEAVE_UNITS = ['day', 'half_day', 'hour'] as const;
export type LeaveUnit = (typeof LEAVE_UNITS)[number];

/** The unit of a type as the backend spells it; anything unknown is treated as whole days. */
export function asUnit(unit: string | null | undefined): LeaveUnit {
  return (LEAVE_UNITS as readonly string[]).includes(unit ?? '') ? (unit as LeaveUnit) : 'day';
}

export type Half = 'am' | 'pm';

/** The 登记请假 form as antd holds it. */
export interface LeaveFormValues {
  employee_ids: number[];
  leave_type_id: number | undefined;
  start_date: Dayjs | null;
  /** Half-day types: `pm` = the first day starts at noon. */
  start_half: Half;
  end_date: Dayjs | null;
  /** Half-day types: `am` = the last day ends at noon. */
  end_half: Half;
  from_time: string;
  to_time: string;
  note: string;
}

export function emptyLeaveForm(today: Dayjs = dayjs()): LeaveFormValues {
  return {
    employee_ids: [],
    leave_type_id: undefined,
    start_date: today,
    start_half: 'am',
    end_date: today,
    end_half: 'pm',
    from_time: '',
    to_time: '',
    note: '',
  };
}

const TIME_SHAPES: readonly RegExp[] = [/^(\d{1,2})[:：](\d{2})$/, /^(\d{2})(\d{2})$/, /^(\d{1,2})$/];

/** `9:00`, `09:00`, `0900`, `9`, `9：00` → `09:00`; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const trimmed = text.trim();
  for (const shape of TIME_SHAPES) {
    const m = shape.exec(trimmed);
    if (!m) continue;
    const hours = Number(m[1]);
    const minutes = m[2] === undefined ? 0 : Number(m[2]);
    if (hours > 23 || minutes > 59) return null;
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  }
  return null;
}

/** Hours between two `HH:MM` times (0 when either is not a time or the end is not later). */
export function hoursBetween(from: string, to: string): number {
  const a = parseTime(from);
  const b = parseTime(to);
  if (!a || !b) return 0;
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return Math.max(0, (minutes(b) - minutes(a)) / 60);
}

const iso = (d: Dayjs | null | undefined): string => (d ? d.format(DATE_FORMAT) : '');

/**
 * The form as the backend takes it. Day types take whole days (am → pm); half-day types keep the
 * halves; hour types take one date and the two times (the end date is the same date).
 */
export function formToLeaveInput(values: LeaveFormValues, unit: LeaveUnit, dryRun: boolean): LeaveInput {
  const start = iso(values.start_date);
  const base = {
    employee_ids: [...values.employee_ids],
    leave_type_id: values.leave_type_id ?? 0,
    start_date: start,
    note: (values.note ?? '').trim(),
    dry_run: dryRun,
  };
  if (unit === 'hour') {
    const time = (text: string) => parseTime(text ?? '') ?? (text ?? '').trim();
    return {
      ...base,
      start_half: 'am',
      end_date: start,
      end_half: 'pm',
      from_time: time(values.from_time),
      to_time: time(values.to_time),
    };
  }
  const end = iso(values.end_date) || start;
  const halves = unit === 'half_day';
  return {
    ...base,
    start_half: halves ? values.start_half : 'am',
    end_date: end,
    end_half: halves ? values.end_half : 'pm',
    from_time: '',
    to_time: '',
  };
}

/** `3`, `0.5`, `1.25`, `-2`: at most three decimals, no trailing zeros. */
export function formatAmount(amount: number): string {
  const rounded = Math.round(amount * 1000) / 1000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** An amount with its unit in the current language: `3 天`, `1.5 小时`, `1 day`, `0.5 day`, `2 hours`. */
export function amountText(amount: number, unit: string, t: TFunction): string {
  const value = formatAmount(amount);
  const single = Math.abs(amount) <= 1;
  if (asUnit(unit) === 'hour') {
    return single ? t('leave.amount.hour', { amount: value }) : t('leave.amount.hours', { amount: value });
  }
  return single ? t('leave.amount.day', { amount: value }) : t('leave.amount.days', { amount: value });
}

/** `张三 3 天，李四 2 天` — the dry run's amounts in one line. */
export function previewSummary(rows: readonly LeaveRecordDto[], t: TFunction): string {
  return rows
    .map((r) => t('leave.preview.person', { name: r.name, amount: amountText(r.amount, r.unit, t) }))
    .join(t('leave.preview.separator'));
}

/** The sum of the amounts (the unit is the same for every row of one leave). */
export function totalAmount(rows: readonly { amount: number }[]): number {
  return Math.round(rows.reduce((sum, r) => sum + r.amount, 0) * 1000) / 1000;
}

/** The smallest step of an amount typed in a unit: half a day, a quarter hour. */
export function amountStep(unit: string): number {
  return asUnit(unit) === 'hour' ? 0.25 : 0.5;
}

/** Whether an amount typed in a unit is a whole number of steps (as the backend requires). */
export function isAmountOnStep(amount: number, unit: string): boolean {
  const steps = amount / amountStep(unit);
  return Number.isFinite(steps) && Math.abs(steps - Math.round(steps)) < 1e-9;
}

// ——— Backend refusals → form fields ———

export type LeaveFormField = keyof LeaveFormValues;

/** A time as typed (even a wrong one such as 25:00), not a date and not a person. */
const looksLikeTime = (value: string) => /^[\d:：]{1,5}$/.test(value.trim());

/**
 * Which form field a backend field error belongs to. `start`/`end` are the dates, or for hour
 * types the times when the value is a time; `amount` (not enough balance) names a person, so it
 * marks the people picker.
 */
export function leaveFormFieldOf(field: string, value: string, unit: LeaveUnit): LeaveFormField | null {
  switch (field) {
    case 'employee_id':
    case 'employee_ids':
    case 'amount':
      return 'employee_ids';
    case 'leave_type':
    case 'leave_type_id':
      return 'leave_type_id';
    case 'start':
      return unit === 'hour' && looksLikeTime(value) ? 'from_time' : 'start_date';
    case 'end':
      return unit === 'hour' ? 'to_time' : 'end_date';
    case 'note':
      return 'note';
    default:
      return null;
  }
}

/** Every message of a refusal (each field message once, or the general message). */
export function problemTexts(error: ApiError, lang: Language): string[] {
  const texts: string[] = [];
  for (const f of error.dto.fields) {
    const text = localize(f.message, lang);
    if (!texts.includes(text)) texts.push(text);
  }
  return texts.length > 0 ? texts : [localize(error.dto.message, lang)];
}

/** The messages of a refusal grouped per form field (for `form.setFields`). */
export function fieldErrors<F extends string>(
  error: ApiError,
  lang: Language,
  fieldOf: (field: string, value: string) => F | null,
): { name: F; errors: string[] }[] {
  const byField = new Map<F, string[]>();
  for (const f of error.dto.fields) {
    const name = fieldOf(f.field, f.value);
    if (name === null) continue;
    const list = byField.get(name) ?? [];
    const text = localize(f.message, lang);
    if (!list.includes(text)) list.push(text);
    byField.set(name, list);
  }
  return [...byField.entries()].map(([name, errors]) => ({ name, errors }));
}

// ——— Leave types ———

export interface LeaveTypeFormValues {
  code: string;
  name: string;
  unit: LeaveUnit;
  counts_rest_days: boolean;
  on_duty: boolean;
  paid: boolean;
  tracks_balance: boolean;
  annual_grant: number | null;
  max_carry_over: number | null;
  carry_over_expires: string;
}

export function emptyLeaveTypeForm(): LeaveTypeFormValues {
  return {
    code: '',
    name: '',
    unit: 'day',
    counts_rest_days: false,
    on_duty: false,
    paid: true,
    tracks_balance: false,
    annual_grant: null,
    max_carry_over: null,
    carry_over_expires: '',
  };
}

export function leaveTypeToForm(t: LeaveTypeDto): LeaveTypeFormValues {
  return {
    code: t.code,
    name: t.name,
    unit: asUnit(t.unit),
    counts_rest_days: t.counts_rest_days,
    on_duty: t.on_duty,
    paid: t.paid,
    tracks_balance: t.tracks_balance,
    annual_grant: t.annual_grant,
    max_carry_over: t.max_carry_over,
    carry_over_expires: t.carry_over_expires ?? '',
  };
}

/** `3-31`, `3/31`, `0331` → `03-31`; anything else is sent as typed (the backend explains). */
export function normalizeMonthDay(text: string): string {
  const trimmed = text.trim();
  const m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(trimmed) ?? /^(\d{2})(\d{2})$/.exec(trimmed);
  if (!m) return trimmed;
  return `${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}

/** The form as the backend takes it; the balance fields are dropped for a type without a balance. */
export function formToLeaveTypeInput(values: LeaveTypeFormValues): LeaveTypeInput {
  const balance = values.tracks_balance;
  const number = (v: number | null | undefined) => (balance && typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    unit: values.unit,
    counts_rest_days: values.counts_rest_days,
    on_duty: values.on_duty,
    paid: values.paid,
    tracks_balance: balance,
    annual_grant: number(values.annual_grant),
    max_carry_over: number(values.max_carry_over),
    carry_over_expires: balance ? normalizeMonthDay(values.carry_over_expires ?? '') : '',
  };
}

/** Whether 发放年度假期 has anything to do for a type (a yearly grant or a carry-over). */
export function grantsYearly(t: LeaveTypeDto): boolean {
  return t.tracks_balance && (t.annual_grant !== null || t.max_carry_over !== null);
}

// ——— Dates ———

/** The first and last day of the month of `day`. */
export function monthRange(day: Dayjs = dayjs()): [Dayjs, Dayjs] {
  return [day.startOf('month'), day.endOf('month').startOf('day')];
}

/** The years offered for grants and adjustments: last year, this year and next year. */
export function yearChoices(today: Dayjs = dayjs()): number[] {
  const y = today.year();
  return [y - 1, y, y + 1];
}

/** Whether a record matches the 工号/姓名 search text. */
export function matchesPerson(row: { employee_no: string; name: string }, search: string): boolean {
  const s = search.trim().toLowerCase();
  if (s === '') return true;
  return row.employee_no.toLowerCase().includes(s) || row.name.toLowerCase().includes(s);
}
