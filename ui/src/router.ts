// A tiny hash router: the current section lives in location.hash (#/people), so reloads keep the place;
// a section may add a sub-path (#/settings/holidays/2027: the 节假日 tab of 设置, year 2027).
import { useCallback, useSyncExternalStore } from 'react';

export const SECTIONS = [
  'home',
  'people',
  'shifts',
  'results',
  'terminals',
  'exceptions',
  'reports',
  'settings',
] as const;
export type Section = (typeof SECTIONS)[number];
export const DEFAULT_SECTION: Section = 'home';

/** The tabs of 设置: company settings (the default), the holiday calendar, the attendance rules and the audit log. */
export const SETTINGS_TABS = ['company', 'holidays', 'rules', 'audit'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];
export const DEFAULT_SETTINGS_TAB: SettingsTab = 'company';

/** The tabs of 班次与排班, in the order a site is set up: timetables (the default), rotations,
 * attendance groups, then the 排班 grid and leave. */
export const SHIFTS_TABS = ['timetables', 'rotations', 'groups', 'schedule', 'leave'] as const;
export type ShiftsTab = (typeof SHIFTS_TABS)[number];
export const DEFAULT_SHIFTS_TAB: ShiftsTab = 'timetables';

/** The views of 班次与排班 → 请假: the records (the default), the balances and the leave types. */
export const LEAVE_VIEWS = ['records', 'balances', 'types'] as const;
export type LeaveView = (typeof LEAVE_VIEWS)[number];
export const DEFAULT_LEAVE_VIEW: LeaveView = 'records';

/** Where 考勤结果 is: the month (`YYYY-MM`) and, when a person's month is open, that person. */
export interface ResultsPlace {
  month: string;
  employeeId?: number;
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before the one `today` is in (`YYYY-MM`): a clerk closes last month. */
export function previousMonth(today: Date): string {
  const year = today.getFullYear();
  const month = today.getMonth(); // 0-based: the previous month's 1-based number
  return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, '0')}`;
}

/** The parts of a hash such as `#/settings/holidays/2027`: ['settings', 'holidays', '2027']. */
function hashParts(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('?')[0].split('/');
}

/** The section named by a hash such as `#/people`; unknown or empty hashes mean the default. */
export function sectionFromHash(hash: string): Section {
  const name = hashParts(hash)[0];
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : DEFAULT_SECTION;
}

/** `#/section`, or `#/section/sub/path` with the given sub-path parts. */
export function hashFor(section: Section, ...path: (string | number)[]): string {
  return ['#', section, ...path.map(String)].join('/');
}

/** Where 设置 is: its tab and, on 节假日, the year asked for (if the hash names a plausible one). */
export interface SettingsPlace {
  tab: SettingsTab;
  year?: number;
}

export function settingsPlaceFromHash(hash: string): SettingsPlace {
  const [section, tab, year] = hashParts(hash);
  if (section !== 'settings' || !(SETTINGS_TABS as readonly string[]).includes(tab)) {
    return { tab: DEFAULT_SETTINGS_TAB };
  }
  const place: SettingsPlace = { tab: tab as SettingsTab };
  if (tab === 'holidays' && /^\d{4}$/.test(year ?? '')) place.year = Number(year);
  return place;
}

export function hashForSettings(place: SettingsPlace): string {
  if (place.tab === DEFAULT_SETTINGS_TAB) return hashFor('settings');
  return place.year === undefined ? hashFor('settings', place.tab) : hashFor('settings', place.tab, place.year);
}

/**
 * 考勤结果 as `#/results/2026-10` or `#/results/2026-10/12` (person 12's month open). A missing or odd month means the
 * month before `today`'s; an odd person is ignored.
 */
export function resultsPlaceFromHash(hash: string, today: Date): ResultsPlace {
  const [section, month, person] = hashParts(hash);
  if (section !== 'results' || !MONTH_PATTERN.test(month ?? '')) return { month: previousMonth(today) };
  const place: ResultsPlace = { month };
  if (/^[1-9]\d{0,15}$/.test(person ?? '')) place.employeeId = Number(person);
  return place;
}

/** `#/results/<month>`, with `/<employeeId>` when a person's month is open. */
export function hashForResults(place: ResultsPlace): string {
  return place.employeeId === undefined ? hashFor('results', place.month) : hashFor('results', place.month, place.employeeId);
}

function go(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function navigate(section: Section): void {
  go(hashFor(section));
}

/** Goes to 考勤结果 on the given month. */
export function navigateToResults(month: string): void {
  go(hashForResults({ month }));
}

/** Goes to 设置 → 节假日, on the given year when there is one. */
export function navigateToHolidays(year?: number): void {
  go(hashForSettings({ tab: 'holidays', year }));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current section and a function to go to another one. */
export function useSection(): [Section, (section: Section) => void] {
  const section = useSyncExternalStore(
    subscribe,
    () => sectionFromHash(window.location.hash),
    () => DEFAULT_SECTION,
  );
  const goTo = useCallback((next: Section) => navigate(next), []);
  return [section, goTo];
}

/** The current place inside 设置 and a function to go elsewhere in it. */
export function useSettingsPlace(): [SettingsPlace, (place: SettingsPlace) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  const goTo = useCallback((place: SettingsPlace) => go(hashForSettings(place)), []);
  return [settingsPlaceFromHash(hash), goTo];
}

/** The 班次与排班 tab named by a hash such as `#/shifts/groups`. */
export function shiftsTabFromHash(hash: string): ShiftsTab {
  const [section, tab] = hashParts(hash);
  return section === 'shifts' && (SHIFTS_TABS as readonly string[]).includes(tab) ? (tab as ShiftsTab) : DEFAULT_SHIFTS_TAB;
}

/** The current 班次与排班 tab and a function to switch tabs (the tab lives in the address). */
export function useShiftsTab(): [ShiftsTab, (tab: ShiftsTab) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  const goTo = useCallback((tab: ShiftsTab) => go(tab === DEFAULT_SHIFTS_TAB ? hashFor('shifts') : hashFor('shifts', tab)), []);
  return [shiftsTabFromHash(hash), goTo];
}

/** The 请假 view named by a hash such as `#/shifts/leave/balances`; a missing or unknown view means the default. */
export function leaveViewFromHash(hash: string): LeaveView {
  const [section, tab, view] = hashParts(hash);
  return section === 'shifts' && tab === 'leave' && (LEAVE_VIEWS as readonly string[]).includes(view)
    ? (view as LeaveView)
    : DEFAULT_LEAVE_VIEW;
}

/** `#/shifts/leave`, or `#/shifts/leave/<view>` for a view other than the default. */
export function hashForLeaveView(view: LeaveView): string {
  return view === DEFAULT_LEAVE_VIEW ? hashFor('shifts', 'leave') : hashFor('shifts', 'leave', view);
}

/** The current 请假 view and a function to switch views (the view lives in the address, like the tab). */
export function useLeaveView(): [LeaveView, (view: LeaveView) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  const goTo = useCallback((view: LeaveView) => go(hashForLeaveView(view)), []);
  return [leaveViewFromHash(hash), goTo];
}

/** Where 考勤机 is: the list, and when a terminal's drawer is open (同步记录 or 人员), that terminal. */
export interface TerminalsPlace {
  logOf?: number;
  usersOf?: number;
}

/**
 * 考勤机 as `#/terminals`, `#/terminals/12/log` (terminal 12's sync log open) or `#/terminals/12/users` (the users on
 * terminal 12); anything else is the list.
 */
export function terminalsPlaceFromHash(hash: string): TerminalsPlace {
  const [section, id, view] = hashParts(hash);
  if (section !== 'terminals' || !/^[1-9]\d{0,15}$/.test(id ?? '')) return {};
  if (view === 'log') return { logOf: Number(id) };
  if (view === 'users') return { usersOf: Number(id) };
  return {};
}

/** `#/terminals`, or `#/terminals/<id>/log` with a sync log open, or `#/terminals/<id>/users` with its users open. */
export function hashForTerminals(place: TerminalsPlace): string {
  if (place.logOf !== undefined) return hashFor('terminals', place.logOf, 'log');
  if (place.usersOf !== undefined) return hashFor('terminals', place.usersOf, 'users');
  return hashFor('terminals');
}

/** The current place inside 考勤机 and a function to go elsewhere in it. */
export function useTerminalsPlace(): [TerminalsPlace, (place: TerminalsPlace) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  const goTo = useCallback((place: TerminalsPlace) => go(hashForTerminals(place)), []);
  return [terminalsPlaceFromHash(hash), goTo];
}

/** The current place inside 考勤结果 (`today` decides the default month) and a function to go elsewhere in it. */
export function useResultsPlace(today: Date): [ResultsPlace, (place: ResultsPlace) => void] {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  const goTo = useCallback((place: ResultsPlace) => go(hashForResults(place)), []);
  return [resultsPlaceFromHash(hash, today), goTo];
}
