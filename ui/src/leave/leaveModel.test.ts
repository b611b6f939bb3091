// Unit tests of the 请假 helpers: form → LeaveInput per unit, times, amounts with their unit, field mapping, the type form.
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import i18n from '../i18n';
import zhCN from '../i18n/zh-CN.json';
import en from '../i18n/en.json';
import { ApiError } from '../apiError';
import { insufficientBalanceError, leaveRecord, leaveTypes } from '../test/fixtures';
import {
  amountText,
  emptyLeaveForm,
  fieldErrors,
  formatAmount,
  formToLeaveInput,
  formToLeaveTypeInput,
  grantsYearly,
  isAmountOnStep,
  leaveFormFieldOf,
  leaveTypeToForm,
  matchesPerson,
  monthRange,
  normalizeMonthDay,
  parseTime,
  previewSummary,
  problemTexts,
  totalAmount,
  type LeaveFormValues,
} from './leaveModel';

const zh = i18n.getFixedT('zh-CN');
const english = i18n.getFixedT('en');

function form(over: Partial<LeaveFormValues> = {}): LeaveFormValues {
  return {
    ...emptyLeaveForm(dayjs('2026-10-08')),
    employee_ids: [11, 13],
    leave_type_id: 1,
    note: '  回老家  ',
    ...over,
  };
}

describe('formToLeaveInput', () => {
  it('half-day types keep the halves: from the afternoon of the first day until noon of the last', () => {
    const values = form({ start_half: 'pm', end_date: dayjs('2026-10-12'), end_half: 'am', from_time: '09:00' });
    expect(formToLeaveInput(values, 'half_day', true)).toEqual({
      employee_ids: [11, 13],
      leave_type_id: 1,
      start_date: '2026-10-08',
      start_half: 'pm',
      end_date: '2026-10-12',
      end_half: 'am',
      from_time: '',
      to_time: '',
      note: '回老家',
      dry_run: true,
    });
  });

  it('day types take whole days whatever the halves say', () => {
    const values = form({ leave_type_id: 4, start_half: 'pm', end_date: dayjs('2026-10-10'), end_half: 'am' });
    const input = formToLeaveInput(values, 'day', false);
    expect(input).toMatchObject({ leave_type_id: 4, start_date: '2026-10-08', start_half: 'am', end_date: '2026-10-10', end_half: 'pm', dry_run: false });
    expect(input.from_time).toBe('');
    expect(input.to_time).toBe('');
  });

  it('a missing end date means the start date', () => {
    expect(formToLeaveInput(form({ end_date: null }), 'day', true).end_date).toBe('2026-10-08');
  });

  it('hour types take one date and the two times, normalised', () => {
    const values = form({ leave_type_id: 3, end_date: dayjs('2026-10-20'), from_time: '9:00', to_time: '1130', start_half: 'pm' });
    expect(formToLeaveInput(values, 'hour', true)).toEqual({
      employee_ids: [11, 13],
      leave_type_id: 3,
      start_date: '2026-10-08',
      start_half: 'am',
      end_date: '2026-10-08',
      end_half: 'pm',
      from_time: '09:00',
      to_time: '11:30',
      note: '回老家',
      dry_run: true,
    });
  });

  it('sends a time it cannot read as typed (the backend explains)', () => {
    expect(formToLeaveInput(form({ from_time: ' 25:00 ', to_time: '10:00' }), 'hour', true).from_time).toBe('25:00');
  });
});

describe('parseTime', () => {
  it.each([
    ['9:00', '09:00'],
    ['09:05', '09:05'],
    ['0930', '09:30'],
    ['14', '14:00'],
    ['14：30', '14:30'],
    [' 7:15 ', '07:15'],
  ])('%s → %s', (text, time) => expect(parseTime(text)).toBe(time));

  it.each(['24:00', '9:60', 'abc', '', '9.30'])('refuses %j', (text) => expect(parseTime(text)).toBeNull());
});

describe('amounts', () => {
  it('formats without trailing zeros', () => {
    expect(formatAmount(3)).toBe('3');
    expect(formatAmount(0.5)).toBe('0.5');
    expect(formatAmount(1.25)).toBe('1.25');
    expect(formatAmount(2.0000001)).toBe('2');
    expect(formatAmount(-1.5)).toBe('-1.5');
  });

  it('adds the unit in Chinese: 天 for day and half-day types, 小时 for hours', () => {
    expect(amountText(3, 'day', zh)).toBe('3 天');
    expect(amountText(0.5, 'half_day', zh)).toBe('0.5 天');
    expect(amountText(1.5, 'hour', zh)).toBe('1.5 小时');
  });

  it('and in English, singular up to one', () => {
    expect(amountText(1, 'half_day', english)).toBe('1 day');
    expect(amountText(0.5, 'day', english)).toBe('0.5 day');
    expect(amountText(2.5, 'half_day', english)).toBe('2.5 days');
    expect(amountText(1, 'hour', english)).toBe('1 hour');
    expect(amountText(1.5, 'hour', english)).toBe('1.5 hours');
  });

  it('sums a batch and says it per person', () => {
    const rows = [leaveRecord({ name: '张三', amount: 3 }), leaveRecord({ name: '李四', amount: 2 })];
    expect(totalAmount(rows)).toBe(5);
    expect(previewSummary(rows, zh)).toBe('张三 3 天，李四 2 天');
    expect(previewSummary(rows, english)).toBe('张三 3 days, 李四 2 days');
  });

  it('checks the step of a unit (half a day, a quarter hour)', () => {
    expect(isAmountOnStep(1.5, 'day')).toBe(true);
    expect(isAmountOnStep(-2.5, 'half_day')).toBe(true);
    expect(isAmountOnStep(1.25, 'day')).toBe(false);
    expect(isAmountOnStep(1.25, 'hour')).toBe(true);
    expect(isAmountOnStep(1.1, 'hour')).toBe(false);
  });
});

describe('backend refusals', () => {
  it('maps wire fields onto the form by unit', () => {
    expect(leaveFormFieldOf('employee_id', '99', 'day')).toBe('employee_ids');
    expect(leaveFormFieldOf('amount', '1003 李四', 'half_day')).toBe('employee_ids');
    expect(leaveFormFieldOf('leave_type', '99', 'day')).toBe('leave_type_id');
    expect(leaveFormFieldOf('start', '2026-10-08', 'half_day')).toBe('start_date');
    expect(leaveFormFieldOf('end', '2026-10-01', 'half_day')).toBe('end_date');
    expect(leaveFormFieldOf('start', '25:00', 'hour')).toBe('from_time');
    expect(leaveFormFieldOf('start', '2026-13-01', 'hour')).toBe('start_date');
    expect(leaveFormFieldOf('start', '1001 张三', 'hour')).toBe('start_date');
    expect(leaveFormFieldOf('end', '08:00', 'hour')).toBe('to_time');
    expect(leaveFormFieldOf('note', 'x', 'day')).toBe('note');
    expect(leaveFormFieldOf('year', '1999', 'day')).toBeNull();
  });

  it('lists every message and groups them per field', () => {
    const error = new ApiError({
      ...insufficientBalanceError,
      fields: [
        ...insufficientBalanceError.fields,
        { field: 'start', value: '1001 张三', problem: 'leave_overlaps', message: { zh: '1001 张三 与已登记的请假重叠', en: '1001 张三 overlaps' } },
      ],
    });
    expect(problemTexts(error, 'zh-CN')).toEqual(['1003 李四：余额只剩 0.5 天，这次需要 2 天', '1001 张三 与已登记的请假重叠']);
    expect(fieldErrors(error, 'en', (f, v) => leaveFormFieldOf(f, v, 'half_day'))).toEqual([
      { name: 'employee_ids', errors: ['1003 李四: only 0.5 days left, this leave needs 2 days'] },
      { name: 'start_date', errors: ['1001 张三 overlaps'] },
    ]);
  });

  it('falls back to the general message when no field is named', () => {
    const error = new ApiError({ code: 'calendar_year_missing', message: { zh: '没有 2027 年的节假日数据', en: 'no 2027 holidays' }, fields: [] });
    expect(problemTexts(error, 'zh-CN')).toEqual(['没有 2027 年的节假日数据']);
  });
});

describe('leave type form', () => {
  it('round-trips a type with a balance', () => {
    const annual = leaveTypes[0];
    const { id, ...rest } = annual;
    expect(id).toBe(1);
    expect(formToLeaveTypeInput(leaveTypeToForm(annual))).toEqual(rest);
  });

  it('drops the balance fields of a type without a balance and trims the texts', () => {
    expect(
      formToLeaveTypeInput({
        ...leaveTypeToForm(leaveTypes[0]),
        code: ' home_office ',
        name: ' 居家办公 ',
        tracks_balance: false,
      }),
    ).toMatchObject({ code: 'home_office', name: '居家办公', tracks_balance: false, annual_grant: null, max_carry_over: null, carry_over_expires: '' });
  });

  it('normalises the carry-over expiry to MM-DD', () => {
    expect(normalizeMonthDay('3-31')).toBe('03-31');
    expect(normalizeMonthDay('3月31日')).toBe('03-31');
    expect(normalizeMonthDay('0630')).toBe('06-30');
    expect(normalizeMonthDay('soon')).toBe('soon');
  });

  it('knows which types have something to grant each year', () => {
    expect(leaveTypes.filter(grantsYearly).map((x) => x.name)).toEqual(['年假']);
  });
});

describe('small helpers', () => {
  it('the month range of a day', () => {
    const [from, to] = monthRange(dayjs('2026-02-14'));
    expect([from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')]).toEqual(['2026-02-01', '2026-02-28']);
  });

  it('matches 工号 or 姓名', () => {
    expect(matchesPerson({ employee_no: '1001', name: '张三' }, '100')).toBe(true);
    expect(matchesPerson({ employee_no: '1001', name: '张三' }, '张')).toBe(true);
    expect(matchesPerson({ employee_no: '1001', name: '张三' }, '李')).toBe(false);
    expect(matchesPerson({ employee_no: '1001', name: '张三' }, ' ')).toBe(true);
  });
});

describe('locale keys built at run time', () => {
  type Tree = { [key: string]: string | Tree };
  const has = (tree: Tree, path: string) =>
    typeof path.split('.').reduce<Tree | string | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), tree) === 'string';

  it('exist in both languages', () => {
    const keys = [
      ...['day', 'half_day', 'hour'].map((u) => `leave.units.${u}`),
      ...['records', 'balances', 'types'].map((v) => `leave.views.${v}`),
      ...['start_am', 'start_pm', 'end_pm', 'end_am'].map((h) => `leave.form.half.${h}`),
    ];
    for (const key of keys) {
      expect(has(zhCN as Tree, key), key).toBe(true);
      expect(has(en as Tree, key), key).toBe(true);
    }
  });
});
