// Tests of the hash router's parsing: unknown hashes fall back to 首页; 设置 has tabs and a year; 请假 has views.
import { describe, expect, it } from 'vitest';
import {
  hashFor,
  hashForLeaveView,
  hashForSettings,
  LEAVE_VIEWS,
  leaveViewFromHash,
  sectionFromHash,
  SECTIONS,
  settingsPlaceFromHash,
  shiftsTabFromHash,
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
  it('round-trips through hashForSettings', () => {
    for (const place of [{ tab: 'company' }, { tab: 'holidays' }, { tab: 'holidays', year: 2025 }] as const) {
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
