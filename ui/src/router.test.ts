// Tests of the hash router's parsing: unknown hashes fall back to 首页; 设置 has tabs (节假日 with a year, 考勤规则);
// 请假 has views; 考勤结果 has a month (last month by default) and a person; 考勤机 may have a terminal's sync log open.
import { describe, expect, it } from 'vitest';
import {
  hashFor,
  hashForLeaveView,
  hashForResults,
  hashForSettings,
  LEAVE_VIEWS,
  leaveViewFromHash,
  previousMonth,
  resultsPlaceFromHash,
  sectionFromHash,
  SECTIONS,
  SETTINGS_TABS,
  settingsPlaceFromHash,
  shiftsTabFromHash,
  hashForTerminals,
  terminalsPlaceFromHash,
} from './router';

describe('sectionFromHash', () => {
  it('reads every section back from its own hash', () => {
    for (const section of SECTIONS) expect(sectionFromHash(hashFor(section))).toBe(section);
  });
  it('falls back to home for empty or unknown hashes', () => {
    expect(sectionFromHash('')).toBe('home');
    expect(sectionFromHash('#/nope')).toBe('home');
    expect(sectionFromHash('#people')).toBe('people');
    expect(sectionFromHash('#/people/12')).toBe('people');
    expect(sectionFromHash('#/settings/holidays/2027')).toBe('settings');
  });
});

describe('settingsPlaceFromHash', () => {
  it('reads the tab and the year', () => {
    expect(settingsPlaceFromHash('#/settings')).toEqual({ tab: 'company' });
    expect(settingsPlaceFromHash('#/settings/holidays')).toEqual({ tab: 'holidays' });
    expect(settingsPlaceFromHash('#/settings/holidays/2027')).toEqual({ tab: 'holidays', year: 2027 });
  });
  it('ignores unknown tabs, odd years and other sections', () => {
    expect(settingsPlaceFromHash('#/settings/nope')).toEqual({ tab: 'company' });
    expect(settingsPlaceFromHash('#/settings/holidays/27')).toEqual({ tab: 'holidays' });
    expect(settingsPlaceFromHash('#/people/holidays')).toEqual({ tab: 'company' });
  });
  it('reads the 考勤规则 tab, which takes no year', () => {
    expect(settingsPlaceFromHash('#/settings/rules')).toEqual({ tab: 'rules' });
    expect(settingsPlaceFromHash('#/settings/rules/2027')).toEqual({ tab: 'rules' });
    expect(settingsPlaceFromHash('#/settings/rules?x=1')).toEqual({ tab: 'rules' });
    expect(sectionFromHash('#/settings/rules')).toBe('settings');
    expect(hashForSettings({ tab: 'rules' })).toBe('#/settings/rules');
    // The existing tabs and the default stay as they were.
    expect(SETTINGS_TABS).toEqual(['company', 'holidays', 'rules', 'audit']);
    expect(hashForSettings({ tab: 'company' })).toBe('#/settings');
  });
  it('round-trips through hashForSettings', () => {
    for (const place of [{ tab: 'company' }, { tab: 'holidays' }, { tab: 'holidays', year: 2025 }, { tab: 'rules' }] as const) {
      expect(settingsPlaceFromHash(hashForSettings(place))).toEqual(place);
    }
    expect(hashForSettings({ tab: 'holidays', year: 2027 })).toBe('#/settings/holidays/2027');
  });
});

describe('leaveViewFromHash', () => {
  it('reads the view after #/shifts/leave, the leave tab staying the shifts tab', () => {
    expect(leaveViewFromHash('#/shifts/leave/balances')).toBe('balances');
    expect(leaveViewFromHash('#/shifts/leave/types')).toBe('types');
    expect(leaveViewFromHash('#/shifts/leave/records')).toBe('records');
    expect(shiftsTabFromHash('#/shifts/leave/balances')).toBe('leave');
  });
  it('falls back to the records for a missing or unknown view, and elsewhere', () => {
    expect(leaveViewFromHash('#/shifts/leave')).toBe('records');
    expect(leaveViewFromHash('#/shifts/leave/nope')).toBe('records');
    expect(leaveViewFromHash('#/shifts/groups/balances')).toBe('records');
    expect(leaveViewFromHash('#/people/leave/balances')).toBe('records');
    expect(leaveViewFromHash('')).toBe('records');
  });
  it('round-trips through hashForLeaveView, the default view without a segment', () => {
    for (const view of LEAVE_VIEWS) expect(leaveViewFromHash(hashForLeaveView(view))).toBe(view);
    expect(hashForLeaveView('records')).toBe('#/shifts/leave');
    expect(hashForLeaveView('balances')).toBe('#/shifts/leave/balances');
  });
});

describe('考勤结果 in the address', () => {
  const nov5 = new Date(2026, 10, 5);

  it('comes right after 班次与排班 in the sections', () => {
    expect(SECTIONS.indexOf('results')).toBe(SECTIONS.indexOf('shifts') + 1);
    expect(sectionFromHash('#/results/2026-10/12')).toBe('results');
  });

  it('reads the month and the person', () => {
    expect(resultsPlaceFromHash('#/results/2026-10', nov5)).toEqual({ month: '2026-10' });
    expect(resultsPlaceFromHash('#/results/2026-09/12', nov5)).toEqual({ month: '2026-09', employeeId: 12 });
  });

  it('defaults to the month before today: a clerk closes last month', () => {
    expect(previousMonth(nov5)).toBe('2026-10');
    expect(previousMonth(new Date(2026, 0, 31))).toBe('2025-12');
    expect(previousMonth(new Date(2026, 9, 1))).toBe('2026-09');
    expect(resultsPlaceFromHash('#/results', nov5)).toEqual({ month: '2026-10' });
    expect(resultsPlaceFromHash('', new Date(2027, 0, 2))).toEqual({ month: '2026-12' });
  });

  it('ignores odd months and people, and other sections', () => {
    expect(resultsPlaceFromHash('#/results/2026-13', nov5)).toEqual({ month: '2026-10' });
    expect(resultsPlaceFromHash('#/results/2026-1', nov5)).toEqual({ month: '2026-10' });
    expect(resultsPlaceFromHash('#/results/2026-10/abc', nov5)).toEqual({ month: '2026-10' });
    expect(resultsPlaceFromHash('#/results/2026-10/0', nov5)).toEqual({ month: '2026-10' });
    expect(resultsPlaceFromHash('#/shifts/2026-08/3', nov5)).toEqual({ month: '2026-10' });
  });

  it('round-trips through hashForResults', () => {
    expect(hashForResults({ month: '2026-10' })).toBe('#/results/2026-10');
    expect(hashForResults({ month: '2026-10', employeeId: 12 })).toBe('#/results/2026-10/12');
    for (const place of [{ month: '2025-01' }, { month: '2026-12', employeeId: 7 }]) {
      expect(resultsPlaceFromHash(hashForResults(place), nov5)).toEqual(place);
    }
  });
});

describe('考勤机 in the address', () => {
  it('reads the open sync log, and round-trips', () => {
    expect(terminalsPlaceFromHash('#/terminals')).toEqual({});
    expect(terminalsPlaceFromHash('#/terminals/12/log')).toEqual({ logOf: 12 });
    expect(hashForTerminals({ logOf: 12 })).toBe('#/terminals/12/log');
    expect(hashForTerminals({})).toBe('#/terminals');
    expect(terminalsPlaceFromHash(hashForTerminals({ logOf: 7 }))).toEqual({ logOf: 7 });
  });
  it('reads the open users drawer, and round-trips', () => {
    expect(terminalsPlaceFromHash('#/terminals/12/users')).toEqual({ usersOf: 12 });
    expect(hashForTerminals({ usersOf: 12 })).toBe('#/terminals/12/users');
    expect(terminalsPlaceFromHash(hashForTerminals({ usersOf: 7 }))).toEqual({ usersOf: 7 });
  });
  it('ignores odd ids, other views and other sections', () => {
    expect(terminalsPlaceFromHash('#/terminals/0/log')).toEqual({});
    expect(terminalsPlaceFromHash('#/terminals/x/log')).toEqual({});
    expect(terminalsPlaceFromHash('#/terminals/12')).toEqual({});
    expect(terminalsPlaceFromHash('#/terminals/12/edit')).toEqual({});
    expect(terminalsPlaceFromHash('#/results/12/log')).toEqual({});
    expect(terminalsPlaceFromHash('#/terminals/0/users')).toEqual({});
    expect(terminalsPlaceFromHash('#/results/12/users')).toEqual({});
  });
});
