// Unit tests of the 轮班规律 model: templates filled with the company's codes, the input sent, error paths.
import { describe, expect, it } from 'vitest';
import type { TimetableDto } from '../bindings/TimetableDto';
import { fillTemplate, isRest, REST, ROTATION_TEMPLATES, rotationErrorName, toRotationInput } from './rotationModel';

const tt = (code: string, kind = 'fixed') => ({ code, kind }) as TimetableDto;
const template = (key: string) => ROTATION_TEMPLATES.find((t) => t.key === key)!;

describe('rotation templates', () => {
  it('uses 早/中/夜 when the company has them, whatever their order', () => {
    const timetables = [tt('班'), tt('夜'), tt('中'), tt('早'), tt('Z', 'free')];
    expect(fillTemplate(template('four_crews_three_shifts'), timetables)).toEqual(['早', '早', '中', '中', '夜', '夜', '休', '休']);
    expect(fillTemplate(template('early_middle_night'), timetables)).toEqual(['早', '中', '夜']);
    expect(fillTemplate(template('two_on_one_off'), timetables)).toEqual(['早', '早', '休']);
  });

  it('falls back on the list order, skips free hours, and leaves a gap when codes run out', () => {
    expect(fillTemplate(template('two_on_one_off'), [tt('Z', 'free'), tt('白')])).toEqual(['白', '白', '休']);
    expect(fillTemplate(template('early_middle_night'), [tt('X1'), tt('X2')])).toEqual(['X1', 'X2', '']);
    expect(fillTemplate(template('early_middle_night'), [])).toEqual(['', '', '']);
  });
});

describe('rotation input', () => {
  it('trims and writes rest days as 休', () => {
    expect(toRotationInput({ name: ' 三班倒 ', days: ['早', '', ' 中 ', REST] })).toEqual({ name: '三班倒', days: ['早', '休', '中', '休'] });
    expect([isRest('休'), isRest(''), isRest(undefined), isRest('早')]).toEqual([true, true, true, false]);
  });

  it('maps backend paths to the day cells', () => {
    expect(rotationErrorName('days.2.timetable', 8)).toEqual(['days', 2]);
    expect(rotationErrorName('days.9.timetable', 8)).toBeNull();
    expect(rotationErrorName('days', 8)).toBeNull();
    expect(rotationErrorName('name', 8)).toEqual(['name']);
  });
});
