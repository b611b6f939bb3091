// 考勤结果, the parts without React: days and hours as the tables show them, the colour of a day's status and of a
// finding, weekdays, the success line of 计算 and the leave tooltip lines.
import type { ComputeProgress } from '../bindings/ComputeProgress';
import type { LeaveDaysDto } from '../bindings/LeaveDaysDto';

/** Days as a number of up to two decimals: 22, 21.5, 0.25. */
export function formatDays(days: number): string {
  return String(Math.round(days * 100) / 100);
}

/** Minutes as hours with one decimal (450 → 7.5, 480 → 8.0); nothing is plain 0. */
export function formatHours(minutes: number): string {
  if (minutes === 0) return '0';
  return (minutes / 60).toFixed(1);
}

/** A day row's minutes: blank when 0, so that the month's exceptions stand out. */
export function blankZero(value: number, format: (n: number) => string = String): string {
  return value === 0 ? '' : format(value);
}

/** `count / minutes` of 迟到 and 早退 (`2 / 15`); `0` when it never happened. */
export function countAndMinutes(count: number, minutes: number): string {
  return count === 0 && minutes === 0 ? '0' : `${count} / ${minutes}`;
}

/** antd Tag colour of a day's status: normal green, exception red, leave blue, rest and holidays plain; off the books grey (see `isOffBooks`). */
export function statusColor(status: string): string | undefined {
  switch (status) {
    case 'normal':
      return 'green';
    case 'exception':
      return 'red';
    case 'leave':
      return 'blue';
    default:
      return undefined;
  }
}

/** Days before hiring or after leaving: shown grey. */
export function isOffBooks(status: string): boolean {
  return status === 'not_yet_hired' || status === 'left';
}

/** antd Tag colour of a finding's severity: error red, warning orange, info plain. */
export function severityColor(severity: string): string | undefined {
  switch (severity) {
    case 'error':
      return 'red';
    case 'warning':
      return 'orange';
    default:
      return undefined;
  }
}

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday (read as a calendar date, no time zone). */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `10-08` of `2026-10-08`: the month is in the title already. */
export function shortDate(date: string): string {
  return date.slice(5);
}

/** The share of the people computed so far, 0–100. */
export function progressPercent(progress: ComputeProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(100, Math.floor((progress.done * 100) / progress.total));
}

/** The leave of a month by type, with days and hours (`年假`, `2`, `16.0`). */
export function leaveLines(leave: readonly LeaveDaysDto[]): { name: string; days: string; hours: string }[] {
  return leave.map((l) => ({ name: l.name, days: formatDays(l.days), hours: formatHours(l.minutes) }));
}
