// 节假日 without React: month grids (weeks from Monday), class counts, year choices, company-day rules, and the manual-entry form ⇄ CalendarYearInput.
import type { CalendarDayDto } from '../bindings/CalendarDayDto';
import type { CalendarStatusDto } from '../bindings/CalendarStatusDto';
import type { CalendarYearDto } from '../bindings/CalendarYearDto';
import type { CalendarYearInput } from '../bindings/CalendarYearInput';
import type { DayClass } from '../bindings/DayClass';
import type { DaySource } from '../bindings/DaySource';

/** The classes in legend order: the ones that change pay first. */
export const DAY_CLASSES: readonly DayClass[] = ['statutory', 'rest_day', 'make_up_workday', 'workday'];

/** The kinds of date a notice names (manual entry). */
export const NOTICE_KINDS = ['statutory', 'substitute', 'swapped_rest', 'make_up_workday'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Kinds that come in 调休 pairs and so need the other date (`swapped_with`). */
export function isSwappedKind(kind: string | undefined): boolean {
  return kind === 'swapped_rest' || kind === 'make_up_workday';
}

export const COMPANY_SOURCES: readonly DaySource[] = ['company_day_off', 'company_working_day'];

export function isCompanyDay(day: CalendarDayDto): boolean {
  return COMPANY_SOURCES.includes(day.source);
}

/** The year of an ISO date (`2026-10-01` → 2026). */
export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** The month (1–12) of an ISO date. */
export function monthOf(isoDate: string): number {
  return Number(isoDate.slice(5, 7));
}

/** 1 = Monday … 7 = Sunday, for an ISO date (computed in UTC, so the machine's zone does not matter). */
export function weekdayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const sundayZero = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** One month as weeks of seven cells, Monday first; `null` pads the first and last week. */
export type MonthWeeks = (CalendarDayDto | null)[][];

/** Splits a year's dates into 12 months of weeks. Dates may come in any order; missing months are empty. */
export function yearGrid(days: readonly CalendarDayDto[]): MonthWeeks[] {
  const byMonth: CalendarDayDto[][] = Array.from({ length: 12 }, () => []);
  for (const day of days) {
    const month = monthOf(day.date);
    if (month >= 1 && month <= 12) byMonth[month - 1].push(day);
  }
  return byMonth.map((monthDays) => {
    const sorted = [...monthDays].sort((a, b) => a.date.localeCompare(b.date));
    const weeks: MonthWeeks = [];
    let week: (CalendarDayDto | null)[] = [];
    if (sorted.length > 0) {
      for (let i = 1; i < sorted[0].weekday; i += 1) week.push(null);
    }
    for (const day of sorted) {
      week.push(day);
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length > 0) {
      while (week.length < 7) week.push(null);
      weeks.push(week);
    }
    return weeks;
  });
}

/** How many dates of each class. */
export function classCounts(days: readonly CalendarDayDto[]): Record<DayClass, number> {
  const counts: Record<DayClass, number> = { statutory: 0, rest_day: 0, make_up_workday: 0, workday: 0 };
  for (const day of days) counts[day.class] += 1;
  return counts;
}

/** The company's own days of the year, in date order. */
export function companyDays(days: readonly CalendarDayDto[]): CalendarDayDto[] {
  return days.filter(isCompanyDay).sort((a, b) => a.date.localeCompare(b.date));
}

export type YearState = 'builtin' | 'loaded' | 'missing';

export interface YearChoice {
  year: number;
  state: YearState;
}

/**
 * The years the picker offers: every year with data, plus the years around today's (previous,
 * this, next) and the one being shown, in order.
 */
export function yearChoices(status: CalendarStatusDto, shown?: number): YearChoice[] {
  const known = new Map<number, YearState>(status.years.map((y) => [y.year, y.source]));
  const thisYear = yearOf(status.today);
  const years = new Set<number>([...known.keys(), thisYear - 1, thisYear, thisYear + 1]);
  if (shown !== undefined) years.add(shown);
  return [...years].sort((a, b) => a - b).map((year) => ({ year, state: known.get(year) ?? 'missing' }));
}

export function findYear(status: CalendarStatusDto | undefined, year: number): CalendarYearDto | undefined {
  return status?.years.find((y) => y.year === year);
}

/** The first characters of a SHA-256, enough to compare by eye. */
export function shortChecksum(checksum: string): string {
  return checksum.slice(0, 12);
}

/** Why a company day of a kind may not be added to a date, or null when it may. */
export type CompanyDayRefusal = 'why_statutory' | 'why_rest_day' | 'why_working_day';

export interface CompanyDayOptions {
  dayOff: boolean;
  workingDay: boolean;
  /** Shown beside the disabled button(s). */
  reason: CompanyDayRefusal;
}

/**
 * What a clerk may make of a date (the backend's rules, kaoqin_core::calendar::validate_company_day):
 * statutory holidays stay as they are; a rest day can become a company working day; a working day
 * (plain or 调休上班) can become a company day off.
 */
export function companyDayOptions(dayClass: DayClass): CompanyDayOptions {
  switch (dayClass) {
    case 'statutory':
      return { dayOff: false, workingDay: false, reason: 'why_statutory' };
    case 'rest_day':
      return { dayOff: false, workingDay: true, reason: 'why_rest_day' };
    case 'make_up_workday':
    case 'workday':
      return { dayOff: true, workingDay: false, reason: 'why_working_day' };
  }
}

/** One line of the manual-entry form, as the form holds it (dates as `YYYY-MM-DD` text). */
export interface NoticeDayRow {
  date?: string;
  kind?: NoticeKind;
  festival?: string;
  swapped_with?: string;
}

export interface YearFormValues {
  year: string;
  notice: string;
  issued_on?: string;
  url: string;
  document_no?: string;
  days: NoticeDayRow[];
}

/** The form's values as the backend takes them: text trimmed, `swapped_with` only for 调休 kinds. */
export function toCalendarYearInput(values: YearFormValues): CalendarYearInput {
  return {
    year: String(values.year ?? '').trim(),
    notice: (values.notice ?? '').trim(),
    issued_on: (values.issued_on ?? '').trim(),
    url: (values.url ?? '').trim(),
    document_no: (values.document_no ?? '').trim(),
    days: (values.days ?? []).map((row) => ({
      date: (row.date ?? '').trim(),
      kind: row.kind ?? '',
      festival: (row.festival ?? '').trim(),
      swapped_with: isSwappedKind(row.kind) ? (row.swapped_with ?? '').trim() : '',
    })),
  };
}

/** Backend field names of the manual-entry form's own fields, mapped onto the form's names. */
export const YEAR_FORM_FIELDS = ['year', 'notice', 'issued_on', 'url', 'document_no'] as const;
export const YEAR_FORM_ALIASES = {
  notice_title: 'notice',
  notice_issued_on: 'issued_on',
  notice_url: 'url',
  notice_document_no: 'document_no',
} as const;
