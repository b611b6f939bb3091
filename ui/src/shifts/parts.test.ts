// Tests of a new timetable's colour: the first preset no timetable uses, then the presets in turn by count.
import { describe, expect, it } from 'vitest';
import { COLOR_PRESETS, newTimetableColor } from './parts';

const presets = COLOR_PRESETS.map((c) => c.value);

describe('newTimetableColor', () => {
  it('starts with the first preset when there is no timetable', () => {
    expect(newTimetableColor([])).toBe('#1677ff');
  });

  it('skips the presets already used, comparing #RRGGBB without regard to case', () => {
    expect(newTimetableColor(['#1677FF'])).toBe('#52c41a');
    expect(newTimetableColor(['#52C41A', ' #1677ff '])).toBe('#faad14');
    // A gap is filled first: blue is free again.
    expect(newTimetableColor(['#52c41a', '#faad14'])).toBe('#1677ff');
  });

  it('ignores timetables without a colour or with a colour of their own', () => {
    expect(newTimetableColor([null, '', undefined, '#123456', '#1677ff'])).toBe('#52c41a');
  });

  it('cycles through the presets by the number of timetables once all are used', () => {
    expect(newTimetableColor(presets)).toBe(presets[presets.length % presets.length]);
    expect(newTimetableColor([...presets, '#123456'])).toBe(presets[1]);
    expect(newTimetableColor([...presets.map((c) => c.toUpperCase()), null, null])).toBe(presets[2]);
  });
});
