// Tests of the calendar model: month grids from Monday, counts, year choices, company-day rules, the manual-entry input.
import { describe, expect, it } from 'vitest';
import { calendar2026, calendarStatus, yearDays } from '../test/fixtures';
import {
  classCounts,
  companyDayOptions,
  companyDays,
  shortChecksum,
  toCalendarYearInput,
  weekdayOf,
  yearChoices,
  yearGrid,
} from './model';

describe('yearGrid', () => {
  const months = yearGrid(calendar2026.days);

  it('makes 12 months of 7-day weeks starting on Monday', () => {
    expect(months).toHaveLength(12);
    for (const weeks of months) for (const week of weeks) expect(week).toHaveLength(7);
    // 2026-10-01 is a Thursday: three blanks before it.
    const october = months[9];
    expect(october[0].slice(0, 3)).toEqual([null, null, null]);
    expect(october[0][3]?.date).toBe('2026-10-01');
    expect(october[0][6]?.date).toBe('2026-10-04');
    // 2026-02-01 is a Sunday: the last cell of the first week; February has no 30th.
    expect(months[1][0].filter(Boolean).map((d) => d?.date)).toEqual(['2026-02-01']);
    expect(months[1].flat().filter(Boolean)).toHaveLength(28);
  });

  it('places every date exactly once, whatever the input order', () => {
    const shuffled = [...calendar2026.days].reverse();
    const dates = yearGrid(shuffled).flatMap((weeks) => weeks.flat()).filter(Boolean).map((d) => d?.date);
    expect(dates).toHaveLength(365);
    expect(dates[0]).toBe('2026-01-01');
    expect(dates[364]).toBe('2026-12-31');
  });
});

describe('counts and lists', () => {
  it('counts classes over the year', () => {
    const counts = classCounts(calendar2026.days);
    expect(counts.statutory).toBe(5);
    expect(counts.make_up_workday).toBe(3);
    expect(counts.statutory + counts.rest_day + counts.make_up_workday + counts.workday).toBe(365);
  });

  it('lists company days only', () => {
    expect(companyDays(calendar2026.days).map((d) => [d.date, d.note])).toEqual([['2026-10-09', '全厂设备检修']]);
    expect(companyDays(yearDays(2027))).toEqual([]);
  });

  it('computes weekdays from ISO dates, Monday = 1', () => {
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(weekdayOf('2026-10-04')).toBe(7);
    expect(weekdayOf('2026-10-05')).toBe(1);
    expect(shortChecksum('0123456789abcdef0123')).toBe('0123456789ab');
  });
});

describe('yearChoices', () => {
  it('offers the loaded years and the years around today, marked', () => {
    expect(yearChoices(calendarStatus)).toEqual([
      { year: 2025, state: 'builtin' },
      { year: 2026, state: 'builtin' },
      { year: 2027, state: 'missing' },
    ]);
  });

  it('adds the year being shown and keeps years loaded far away', () => {
    const status = {
      ...calendarStatus,
      years: [...calendarStatus.years, { ...calendarStatus.years[1], year: 2030, source: 'loaded' as const }],
    };
    expect(yearChoices(status, 2019).map((c) => `${c.year}:${c.state}`)).toEqual([
      '2019:missing',
      '2025:builtin',
      '2026:builtin',
      '2027:missing',
      '2030:loaded',
    ]);
  });
});

describe('companyDayOptions', () => {
  it('follows the backend: statutory fixed, rest days may be worked, working days may be off', () => {
    expect(companyDayOptions('statutory')).toEqual({ dayOff: false, workingDay: false, reason: 'why_statutory' });
    expect(companyDayOptions('rest_day')).toMatchObject({ dayOff: false, workingDay: true });
    expect(companyDayOptions('workday')).toMatchObject({ dayOff: true, workingDay: false });
    expect(companyDayOptions('make_up_workday')).toMatchObject({ dayOff: true, workingDay: false });
  });
});

describe('toCalendarYearInput', () => {
  it('trims text and keeps swapped_with only for 调休 kinds', () => {
    expect(
      toCalendarYearInput({
        year: ' 2027 ',
        notice: ' 通知 ',
        issued_on: '2026-11-20',
        url: 'https://www.gov.cn/x ',
        document_no: undefined,
        days: [
          { date: '2027-01-01', kind: 'statutory', festival: ' 元旦', swapped_with: '2027-01-02' },
          { date: '2027-02-06', kind: 'make_up_workday', festival: '春节', swapped_with: '2027-02-12' },
        ],
      }),
    ).toEqual({
      year: '2027',
      notice: '通知',
      issued_on: '2026-11-20',
      url: 'https://www.gov.cn/x',
      document_no: '',
      days: [
        { date: '2027-01-01', kind: 'statutory', festival: '元旦', swapped_with: '' },
        { date: '2027-02-06', kind: 'make_up_workday', festival: '春节', swapped_with: '2027-02-12' },
      ],
    });
  });
});
