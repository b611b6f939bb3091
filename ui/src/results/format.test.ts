// Tests of 考勤结果's formatting: days and hours as the tables show them, 次/分钟, colours, weekdays, progress, leave lines.
import { describe, expect, it } from 'vitest';
import {
  blankZero,
  countAndMinutes,
  formatDays,
  formatHours,
  isOffBooks,
  isoWeekday,
  leaveLines,
  progressPercent,
  severityColor,
  shortDate,
  statusColor,
} from './format';

describe('numbers', () => {
  it('shows days with up to two decimals', () => {
    expect(formatDays(22)).toBe('22');
    expect(formatDays(21.5)).toBe('21.5');
    expect(formatDays(0.125)).toBe('0.13');
    expect(formatDays(0)).toBe('0');
  });

  it('shows minutes as hours with one decimal', () => {
    expect(formatHours(450)).toBe('7.5');
    expect(formatHours(480)).toBe('8.0');
    expect(formatHours(465)).toBe('7.8');
    expect(formatHours(0)).toBe('0');
  });

  it('blanks zeros of a day row, and writes 次 / 分钟', () => {
    expect(blankZero(0)).toBe('');
    expect(blankZero(15)).toBe('15');
    expect(blankZero(90, formatHours)).toBe('1.5');
    expect(countAndMinutes(2, 15)).toBe('2 / 15');
    expect(countAndMinutes(0, 0)).toBe('0');
  });
});

describe('colours', () => {
  it('colours statuses and severities', () => {
    expect(statusColor('normal')).toBe('green');
    expect(statusColor('exception')).toBe('red');
    expect(statusColor('leave')).toBe('blue');
    expect(statusColor('rest')).toBeUndefined();
    expect(statusColor('holiday')).toBeUndefined();
    expect(isOffBooks('not_yet_hired')).toBe(true);
    expect(isOffBooks('left')).toBe(true);
    expect(isOffBooks('rest')).toBe(false);
    expect(severityColor('error')).toBe('red');
    expect(severityColor('warning')).toBe('orange');
    expect(severityColor('info')).toBeUndefined();
  });
});

describe('dates and progress', () => {
  it('finds the ISO weekday of a date', () => {
    expect(isoWeekday('2026-10-01')).toBe(4);
    expect(isoWeekday('2026-10-04')).toBe(7);
    expect(isoWeekday('2026-10-05')).toBe(1);
    expect(shortDate('2026-10-08')).toBe('10-08');
  });

  it('turns progress into a percentage', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 3, total: 3 })).toBe(100);
  });

  it('lists leave by type with days and hours', () => {
    expect(leaveLines([{ type_id: 1, name: '年假', minutes: 960, days: 2 }])).toEqual([{ name: '年假', days: '2', hours: '16.0' }]);
  });
});
