// Unit tests of the 班次 form model: time parsing, next-day inference, form ⇄ TimetableInput, dry-run windows, error paths.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../apiError';
import type { TimetableInput } from '../bindings/TimetableInput';
import {
  effectiveFromToSend,
  emptyBreak,
  emptySegment,
  emptyTimetableForm,
  errorPathToName,
  formatTime,
  hoursText,
  inferTime,
  parseTime,
  resolveTimes,
  segmentWindows,
  splitErrors,
  toFormValues,
  toTimetableInput,
  withDefaultWindows,
  type TimetableFormValues,
} from './timetableForm';

function fixed(segments: [string, string][], breaks: TimetableFormValues['breaks'] = []): TimetableFormValues {
  return {
    ...emptyTimetableForm(),
    code: '白',
    name: '白班',
    segments: segments.map(([on, off]) => emptySegment(on, off)),
    breaks,
  };
}

describe('parseTime', () => {
  it('reads the ways a clerk writes a time, as the backend does', () => {
    const cases: [string, number, boolean][] = [
      ['9:00', 540, false],
      ['09:00', 540, false],
      [' 22:30 ', 1350, false],
      ['12：00', 720, false],
      ['06:00+1', 1800, true],
      ['06:00 +1', 1800, true],
      ['次日06:00', 1800, true],
      ['24:00', 1440, true],
      ['00:00', 0, false],
    ];
    for (const [text, minutes, next] of cases) {
      expect(parseTime(text), text).toEqual({ minutes, explicitNextDay: next });
    }
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', '9', '25:00', '09:60', '9:5', '23:59+2', '24:01', 'a:bc', '24:00+1', '0900']) {
      expect(parseTime(bad), bad).toBeNull();
    }
  });

  it('writes times back with +1 for the next day', () => {
    expect([formatTime(540), formatTime(1800), formatTime(1440), formatTime(0)]).toEqual(['09:00', '06:00+1', '00:00+1', '00:00']);
  });
});

describe('next-day inference', () => {
  it('takes a time before the previous one as the next day', () => {
    expect(inferTime('06:00', 1320, true)).toEqual({ text: '06:00+1', minutes: 1800, nextDay: true, inferred: true });
    expect(inferTime('18:00', 540, true)).toEqual({ text: '18:00', minutes: 1080, nextDay: false, inferred: false });
    // An explicit +1 is kept and not inferred.
    expect(inferTime('06:00+1', 1320, true)).toEqual({ text: '06:00+1', minutes: 1800, nextDay: true, inferred: false });
    // Equal: the next day when it must be after (an off time), the same day when it may equal (the next on time).
    expect(inferTime('12:00', 720, true).text).toBe('12:00+1');
    expect(inferTime('12:00', 720, false).text).toBe('12:00');
    // Not a time: kept as typed for the backend to explain.
    expect(inferTime(' 9点 ', 540, true)).toEqual({ text: '9点', minutes: null, nextDay: false, inferred: false });
  });

  it('night shift 22:00 → 06:00 is sent as 06:00+1', () => {
    const input = toTimetableInput(fixed([['22:00', '06:00']]));
    expect(input.segments.map((s) => [s.on, s.off])).toEqual([['22:00', '06:00+1']]);
  });

  it('walks segment 1 on, off, segment 2 on, off …', () => {
    const times = resolveTimes(fixed([['18:00', '23:00'], ['00:30', '03:00'], ['3:30', '5:00']]));
    expect(times.segments.map((s) => [s.on.text, s.off.text])).toEqual([
      ['18:00', '23:00'],
      ['00:30+1', '03:00+1'],
      ['03:30+1', '05:00+1'],
    ]);
    expect(times.segments[1].on.inferred).toBe(true);
    // A day shift stays on the same day.
    const day = resolveTimes(fixed([['08:00', '12:00'], ['13:00', '17:00']]));
    expect(day.segments.flatMap((s) => [s.on.nextDay, s.off.nextDay])).toEqual([false, false, false, false]);
  });

  it('puts night breaks on the next day and leaves auto breaks alone', () => {
    const values = fixed(
      [['22:00', '06:00']],
      [
        { ...emptyBreak('fixed'), start: '23:30', end: '00:15' },
        { ...emptyBreak('must_punch'), start: '2:00', end: '2:30' },
        { ...emptyBreak('auto'), start: 'ignored', minutes: 30, after_worked_minutes: 360 },
      ],
    );
    expect(toTimetableInput(values).breaks).toEqual([
      { kind: 'fixed', start: '23:30', end: '00:15+1', minutes: null, after_worked_minutes: null, paid: false },
      { kind: 'must_punch', start: '02:00+1', end: '02:30+1', minutes: null, after_worked_minutes: null, paid: false },
      { kind: 'auto', start: '', end: '', minutes: 30, after_worked_minutes: 360, paid: false },
    ]);
  });

  it('puts flexible arrivals before the day change on the next day', () => {
    const values: TimetableFormValues = {
      ...emptyTimetableForm(),
      kind: 'flexible',
      day_change: '20:00',
      earliest_arrival: '21:00',
      latest_arrival: '1:00',
    };
    const times = resolveTimes(values);
    expect([times.earliest_arrival.text, times.latest_arrival.text]).toEqual(['21:00', '01:00+1']);
    expect(resolveTimes({ ...values, day_change: '' }).latest_arrival.text).toBe('01:00+1');
    expect(resolveTimes({ ...values, day_change: '', earliest_arrival: '' }).latest_arrival.text).toBe('01:00');
  });
});

describe('form values → TimetableInput', () => {
  it('sends only what the kind uses, trimmed, with empty numbers as defaults', () => {
    const values: TimetableFormValues = {
      ...fixed([['9:00', '18:00']], [{ ...emptyBreak('fixed'), start: '12:00', end: '13:00' }]),
      code: ' 白 ',
      color: '#1677ff',
      earliest_arrival: '07:00',
      late_grace_minutes: 5,
    };
    values.segments[0].late_grace_minutes = 5;
    expect(toTimetableInput(values)).toEqual({
      code: '白',
      name: '白班',
      color: '#1677ff',
      kind: 'fixed',
      day_value: 1,
      day_change: '',
      required_minutes: null,
      segments: [{ ...emptySegment('09:00', '18:00'), late_grace_minutes: 5 }],
      breaks: [{ kind: 'fixed', start: '12:00', end: '13:00', minutes: null, after_worked_minutes: null, paid: false }],
      earliest_arrival: '',
      latest_arrival: '',
      late_grace_minutes: null,
      late_absent_minutes: null,
      pairing: '',
    });
    expect(toTimetableInput({ ...values, pairing: 'every_pair' }).pairing).toBe('every_pair');
    const free = toTimetableInput({ ...values, kind: 'free', day_change: '5:00', required_minutes: 480 });
    expect([free.segments, free.breaks, free.day_change, free.required_minutes]).toEqual([[], [], '05:00', 480]);
    const flex = toTimetableInput({ ...values, kind: 'flexible', latest_arrival: '10:00', required_minutes: 480 });
    expect([flex.segments, flex.earliest_arrival, flex.latest_arrival, flex.late_grace_minutes]).toEqual([[], '07:00', '10:00', 5]);
  });

  it('round-trips a saved timetable: TimetableDto.form → form values → the same TimetableInput', () => {
    const night: TimetableInput = {
      code: '夜',
      name: '夜班',
      color: '#722ed1',
      kind: 'fixed',
      pairing: 'every_pair',
      day_value: 1,
      day_change: '20:00',
      required_minutes: 450,
      segments: [
        {
          on: '22:00',
          off: '06:00+1',
          check_in_before_minutes: 120,
          check_in_after_minutes: 120,
          check_out_before_minutes: 120,
          check_out_after_minutes: 240,
          late_grace_minutes: 5,
          early_grace_minutes: 0,
          serious_late_minutes: 30,
          late_absent_minutes: null,
          early_absent_minutes: null,
        },
      ],
      breaks: [
        { kind: 'fixed', start: '02:00+1', end: '02:30+1', minutes: null, after_worked_minutes: null, paid: false },
        { kind: 'auto', start: '', end: '', minutes: 15, after_worked_minutes: 240, paid: true },
      ],
      earliest_arrival: '',
      latest_arrival: '',
      late_grace_minutes: null,
      late_absent_minutes: null,
    };
    const values = toFormValues(night);
    // Shown without the +1 where the form infers it (a 次日 tag beside it).
    expect(values.segments[0].off).toBe('06:00');
    expect(values.breaks[0]).toMatchObject({ start: '02:00', end: '02:30' });
    expect(resolveTimes(values).segments[0].off).toMatchObject({ nextDay: true, inferred: true });
    expect(toTimetableInput(values)).toEqual(night);

    const flexible: TimetableInput = {
      ...night,
      kind: 'flexible',
      day_change: '00:00',
      segments: [],
      breaks: [{ kind: 'auto', start: '', end: '', minutes: 60, after_worked_minutes: 300, paid: false }],
      earliest_arrival: '07:30',
      latest_arrival: '10:00',
      required_minutes: 480,
      late_grace_minutes: 0,
      late_absent_minutes: 120,
    };
    expect(toTimetableInput(toFormValues(flexible))).toEqual(flexible);
  });

  it('keeps a +1 the form would not infer', () => {
    const long: TimetableInput = { ...toTimetableInput(fixed([['08:00', '20:00']])), segments: [{ ...emptySegment('08:00', '09:00+1') }] };
    const values = toFormValues(long);
    expect(values.segments[0].off).toBe('09:00+1');
    expect(toTimetableInput(values).segments[0].off).toBe('09:00+1');
  });

  it('puts windows, day change and required minutes back on their defaults', () => {
    const values = fixed([['09:00', '18:00']]);
    values.day_change = '07:00';
    values.required_minutes = 480;
    values.segments[0] = { ...values.segments[0], check_in_before_minutes: 120, check_out_after_minutes: 240, late_grace_minutes: 5 };
    const reset = withDefaultWindows(values);
    expect([reset.day_change, reset.required_minutes]).toEqual(['', null]);
    expect(reset.segments[0]).toMatchObject({ check_in_before_minutes: null, check_out_after_minutes: null, late_grace_minutes: 5 });
  });

  it('sends an effective date only for an edit from a date on', () => {
    expect(effectiveFromToSend(false, 'from', '2026-07-01')).toBe('');
    expect(effectiveFromToSend(true, 'correct', '2026-07-01')).toBe('');
    expect(effectiveFromToSend(true, 'from', '2026-07-01')).toBe('2026-07-01');
  });
});

describe('dry-run windows', () => {
  it('shows where punches count, from the defaults written out', () => {
    const segment = {
      ...emptySegment('09:00', '18:00'),
      check_in_before_minutes: 120,
      check_in_after_minutes: 120,
      check_out_before_minutes: 120,
      check_out_after_minutes: 240,
    };
    expect(segmentWindows(segment)).toEqual({ on: '09:00', off: '18:00', checkIn: '07:00–11:00', checkOut: '16:00–22:00' });
    const night = { ...segment, on: '22:00', off: '06:00+1' };
    expect(segmentWindows(night)).toMatchObject({ checkIn: '20:00–00:00+1', checkOut: '04:00+1–10:00+1' });
    expect([hoursText(480), hoursText(450), hoursText(465)]).toEqual(['8', '7.5', '7.75']);
  });
});

describe('backend error paths → form names', () => {
  const values = fixed([['09:00', '18:00'], ['19:00', '21:00']], [{ ...emptyBreak('auto'), minutes: 30 }]);

  it('maps paths the form shows, as antd Form.List names', () => {
    expect(errorPathToName('segments.0.off', values)).toEqual(['segments', 0, 'off']);
    expect(errorPathToName('segments.1.check_in_after_minutes', values)).toEqual(['segments', 1, 'check_in_after_minutes']);
    expect(errorPathToName('breaks.0.minutes', values)).toEqual(['breaks', 0, 'minutes']);
    expect(errorPathToName('code', values)).toEqual(['code']);
    expect(errorPathToName('day_change', values)).toEqual(['day_change']);
  });

  it('leaves the rest for the general list', () => {
    expect(errorPathToName('segments', values)).toBeNull();
    expect(errorPathToName('segments.2.on', values)).toBeNull();
    expect(errorPathToName('breaks.0.start', values)).toBeNull(); // an auto break has no start field
    expect(errorPathToName('latest_arrival', values)).toBeNull(); // not shown for a fixed timetable
    expect(errorPathToName('effective_from', values)).toBeNull();
    expect(errorPathToName('effective_from', values, ['effective_from'])).toEqual(['effective_from']);
    expect(errorPathToName('latest_arrival', { ...values, kind: 'flexible' })).toEqual(['latest_arrival']);
    expect(errorPathToName('segments.0.on', { ...values, kind: 'flexible' })).toBeNull();
  });

  it('splits an error into field errors and general messages', () => {
    const error = new ApiError({
      code: 'invalid_input',
      message: { zh: '输入有误，未做任何修改', en: 'invalid input' },
      fields: [
        { field: 'segments.0.off', value: '06:00', problem: 'not_after', message: { zh: '第 1 段：下班时间应晚于上班时间 22:00', en: 'segment 1: off must be after 22:00' } },
        { field: 'segments', value: '', problem: 'empty', message: { zh: '至少要有一段上下班时间', en: 'at least one segment' } },
      ],
    });
    expect(splitErrors(error, (p) => errorPathToName(p, values), 'zh-CN')).toEqual({
      fields: [{ name: ['segments', 0, 'off'], errors: ['第 1 段：下班时间应晚于上班时间 22:00'] }],
      general: ['至少要有一段上下班时间'],
    });
    const bare = new ApiError({ code: 'storage', message: { zh: '数据库忙', en: 'database busy' }, fields: [] });
    expect(splitErrors(bare, () => null, 'en').general).toEqual(['database busy']);
  });
});
