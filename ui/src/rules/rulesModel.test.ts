// Tests of the pure parts of 考勤规则: the form ⇄ RulesDto, what differs from the saved rules, the backend's field
// paths, the limits, and the figures of a 试算 (summary lines and a changed day).
import { describe, expect, it } from 'vitest';
import type { RulesDto } from '../bindings/RulesDto';
import { ApiError, splitFieldErrors } from '../apiError';
import { lateDay, normalDay, zhangSanOctober } from '../results/fixtures';
import {
  changedDayFigures,
  changedFigures,
  changedRuleFields,
  NUMBER_LIMITS,
  RULE_CHOICES,
  RULE_FIELD_ALIASES,
  RULE_FIELDS,
  summaryFigures,
  toRulesDto,
} from './rulesModel';

const saved: RulesDto = {
  duplicate_seconds: 60,
  missing_punch: 'missing',
  ot_source: 'punches',
  ot_min_minutes: 30,
  ot_unit_minutes: 30,
  ot_rounding: 'down',
  ot_count_before_shift: false,
  ot_rest_day_to_time_off: false,
  rest_day_break_minutes: 60,
  rest_day_break_after_minutes: 300,
  daily_cap_minutes: 180,
  monthly_cap_minutes: 2160,
};

describe('form ⇄ RulesDto', () => {
  it('sends every field, in order, and nothing else', () => {
    const dto = toRulesDto({ ...saved, ot_unit_minutes: 15, extra: 'x' } as typeof saved);
    expect(Object.keys(dto)).toEqual([...RULE_FIELDS]);
    expect(dto).toStrictEqual({ ...saved, ot_unit_minutes: 15 });
  });

  it('lists the fields that differ from the saved rules', () => {
    expect(changedRuleFields(saved, undefined)).toEqual([]);
    expect(changedRuleFields(saved, { ...saved })).toEqual([]);
    expect(changedRuleFields(saved, { ...saved, ot_rounding: 'up', ot_count_before_shift: true, ot_min_minutes: null })).toEqual([
      'ot_min_minutes',
      'ot_rounding',
      'ot_count_before_shift',
    ]);
    // Fields the form has not reported yet are not changes.
    expect(changedRuleFields(saved, { duplicate_seconds: 60 })).toEqual([]);
  });
});

describe('limits and choices', () => {
  it('copies the backend ranges', () => {
    expect(NUMBER_LIMITS.duplicate_seconds).toMatchObject({ min: 0, max: 600, unit: 'seconds' });
    expect(NUMBER_LIMITS.ot_min_minutes).toMatchObject({ min: 0, max: 480 });
    expect(NUMBER_LIMITS.ot_unit_minutes).toMatchObject({ min: 1, max: 240 });
    expect(NUMBER_LIMITS.rest_day_break_minutes).toMatchObject({ min: 0, max: 240 });
    expect(NUMBER_LIMITS.rest_day_break_after_minutes).toMatchObject({ min: 0, max: 1440 });
  });

  it('offers the choices the backend accepts', () => {
    expect(RULE_CHOICES).toEqual({
      missing_punch: ['missing', 'absent'],
      ot_source: ['punches', 'approved', 'approved_within_punches'],
      ot_rounding: ['down', 'nearest', 'up'],
    });
  });

  it('puts the backend field paths onto the form fields', () => {
    const error = new ApiError({
      code: 'invalid_input',
      message: { zh: '输入有误', en: 'invalid' },
      fields: [
        { field: 'overtime_unit_minutes', value: '0', problem: 'out_of_range', message: { zh: '单位 1–240', en: 'unit 1–240' } },
        { field: 'overtime_min_minutes', value: '999', problem: 'out_of_range', message: { zh: '最短 0–480', en: 'min 0–480' } },
        { field: 'ot_rounding', value: 'x', problem: 'not_one_of', message: { zh: '取整不对', en: 'bad rounding' } },
        { field: 'somewhere_else', value: '', problem: 'x', message: { zh: '别的问题', en: 'other' } },
      ],
    });
    const split = splitFieldErrors(error, RULE_FIELDS, 'zh-CN', RULE_FIELD_ALIASES);
    expect(split.fields).toEqual([
      { name: 'ot_unit_minutes', errors: ['单位 1–240'] },
      { name: 'ot_min_minutes', errors: ['最短 0–480'] },
      { name: 'ot_rounding', errors: ['取整不对'] },
    ]);
    expect(split.general).toEqual(['别的问题']);
  });
});

describe('试算 figures', () => {
  it('formats a summary line: days, 次 / 分钟, hours', () => {
    expect(summaryFigures(zhangSanOctober)).toEqual({
      attended: '21.5',
      late: '2 / 15',
      missing: '1',
      absent: '0.5',
      ot_workday: '10.0',
      ot_restday: '8.0',
      ot_holiday: '0',
      time_off: '4.0',
    });
  });

  it('marks the figures that differ as shown', () => {
    expect([...changedFigures(zhangSanOctober, zhangSanOctober)]).toEqual([]);
    const then = { ...zhangSanOctober, ot_restday_minutes: 0, time_off_minutes: 720, late_minutes: 10 };
    expect([...changedFigures(zhangSanOctober, then)]).toEqual(['late', 'ot_restday', 'time_off']);
    // A difference the line does not show at this precision is no change.
    expect([...changedFigures(zhangSanOctober, { ...zhangSanOctober, ot_workday_minutes: 601 })]).toEqual([]);
  });

  it('lists the figures of a day that change, with both values', () => {
    expect(changedDayFigures(normalDay, normalDay)).toEqual([]);
    expect(changedDayFigures(lateDay, { ...lateDay, overtime_minutes: 60, missing_count: 1 })).toEqual([
      { key: 'missing', now: '0', then: '1' },
      { key: 'overtime', now: '1.5', then: '1.0' },
    ]);
  });
});
