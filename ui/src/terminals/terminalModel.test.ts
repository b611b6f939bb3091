// Tests of the pure parts of 考勤机: defaults of a new terminal, the comm key sent (null / '' / digits), pull times read as
// HH:MM, drift in parts, sizes in KB, one progress percentage over the three stages, and the 停用 input.
import { describe, expect, it } from 'vitest';
import {
  badTimes,
  commKeyToSend,
  countUsers,
  durationParts,
  emptyTerminalForm,
  formatInstant,
  formatKb,
  formToTerminalInput,
  normalizeTime,
  normalizeTimes,
  privilegeKey,
  pullPercent,
  skewDirection,
  terminalToForm,
  withEnabled,
} from './terminalModel';
import { gate1, gate1Users } from './fixtures';

describe('a new terminal', () => {
  it('starts on port 4370, 自动, 仅作参考, GBK, no schedule, enabled, in the company’s zone', () => {
    const form = emptyTerminalForm('Asia/Urumqi');
    expect(form).toMatchObject({
      port: 4370,
      transport: 'auto',
      state_key: 'hint',
      name_codec: 'gbk',
      every_minutes: null,
      at_times: [],
      clear_after_pull: false,
      enabled: true,
      tz: 'Asia/Urumqi',
    });
  });
  it('falls back to Asia/Shanghai for a zone a terminal cannot have, or none', () => {
    expect(emptyTerminalForm(undefined).tz).toBe('Asia/Shanghai');
    expect(emptyTerminalForm('Europe/Paris').tz).toBe('Asia/Shanghai');
  });
});

describe('the comm key sent', () => {
  it('is null (unchanged) when nothing is typed, the digits when typed, and "" when cleared', () => {
    expect(commKeyToSend({ comm_key: '', clear_comm_key: false })).toBeNull();
    expect(commKeyToSend({ comm_key: '   ', clear_comm_key: false })).toBeNull();
    expect(commKeyToSend({ comm_key: ' 1234 ', clear_comm_key: false })).toBe('1234');
    expect(commKeyToSend({ comm_key: '1234', clear_comm_key: true })).toBe('');
  });
  it('is never read back from a stored terminal', () => {
    const input = formToTerminalInput(terminalToForm(gate1), gate1.id);
    expect(input.comm_key).toBeNull();
    expect(input.id).toBe(1);
  });
  it('stays unchanged when a terminal is only disabled', () => {
    expect(withEnabled(gate1, false)).toMatchObject({ id: 1, enabled: false, comm_key: null, name: '一号门', at_times: ['08:30', '18:00'] });
  });
});

describe('pull times', () => {
  it('reads the ways a clerk types a time as HH:MM', () => {
    expect(normalizeTime('8:30')).toBe('08:30');
    expect(normalizeTime('08:30')).toBe('08:30');
    expect(normalizeTime('0830')).toBe('08:30');
    expect(normalizeTime('830')).toBe('08:30');
    expect(normalizeTime('18：00')).toBe('18:00');
    expect(normalizeTime('23:59')).toBe('23:59');
  });
  it('refuses what is no time of day', () => {
    for (const text of ['24:00', '8:60', '8', 'abc', '12345', '']) expect(normalizeTime(text), text).toBeNull();
  });
  it('sorts, drops repeats and keeps the bad ones last for the error', () => {
    expect(normalizeTimes(['18:00', '8:30', '0830', 'xx', ' '])).toEqual(['08:30', '18:00', 'xx']);
    expect(badTimes(['08:30', 'xx', '25:00'])).toEqual(['xx', '25:00']);
  });
  it('are sent as HH:MM', () => {
    const form = { ...emptyTerminalForm('Asia/Shanghai'), name: ' 三号门 ', host: ' 10.0.0.5 ', at_times: ['18:00', '7:05'] };
    expect(formToTerminalInput(form, null)).toMatchObject({ id: null, name: '三号门', host: '10.0.0.5', at_times: ['07:05', '18:00'] });
  });
});

describe('numbers in words', () => {
  it('splits a drift into the largest two units, either direction', () => {
    expect(durationParts(5)).toEqual({ key: 's', values: { s: 5 } });
    expect(durationParts(-75)).toEqual({ key: 'ms', values: { m: 1, s: 15 } });
    expect(durationParts(3 * 3600 + 120 + 9)).toEqual({ key: 'hm', values: { h: 3, m: 2 } });
    expect(durationParts(2 * 86400 + 5 * 3600)).toEqual({ key: 'dh', values: { d: 2, h: 5 } });
    expect(skewDirection(75)).toBe('fast');
    expect(skewDirection(-1)).toBe('slow');
    expect(skewDirection(0)).toBe('same');
  });
  it('shows bytes as KB with one decimal', () => {
    expect(formatKb(0)).toBe('0');
    expect(formatKb(512)).toBe('0.5');
    expect(formatKb(40960)).toBe('40.0');
  });
  it('shows an instant in local time, and anything unreadable as it came', () => {
    expect(formatInstant('2026-10-08T00:30:00Z')).toMatch(/^2026-10-0[78] \d\d:\d\d$/);
    expect(formatInstant('not a time')).toBe('not a time');
    expect(formatInstant(null)).toBe('');
  });
});

describe('pull progress', () => {
  it('runs once from 0 to 100 over connecting, reading and saving', () => {
    expect(pullPercent(null)).toBe(0);
    expect(pullPercent({ stage: 'connecting', done: 0, total: 0 })).toBe(0);
    expect(pullPercent({ stage: 'reading', done: 0, total: 0 })).toBe(0);
    expect(pullPercent({ stage: 'reading', done: 20480, total: 40960 })).toBe(40);
    expect(pullPercent({ stage: 'reading', done: 40960, total: 40960 })).toBe(80);
    expect(pullPercent({ stage: 'saving', done: 60, total: 120 })).toBe(90);
    expect(pullPercent({ stage: 'saving', done: 120, total: 120 })).toBe(100);
    expect(pullPercent({ stage: 'saving', done: 0, total: 0 })).toBe(100);
  });
});

describe('users on a terminal', () => {
  it('names the privileges a ZK terminal knows, and no other', () => {
    expect([0, 2, 6, 14].map(privilegeKey)).toEqual(['user', 'enroller', 'manager', 'admin']);
    expect(privilegeKey(3)).toBeNull();
    expect(privilegeKey(1)).toBeNull();
  });
  it('counts those matched to a person by PIN; a suggestion is not a match', () => {
    expect(countUsers(gate1Users)).toEqual({ total: 5, matched: 3, unmatched: 2 });
    expect(countUsers([])).toEqual({ total: 0, matched: 0, unmatched: 0 });
  });
});
