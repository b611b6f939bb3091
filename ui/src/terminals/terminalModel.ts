// 考勤机, the parts without React: the choices and limits the backend accepts, the form ⇄ `TerminalInput` (the comm key
// sent only when typed, `''` when cleared), pull times as HH:MM, clock drift and byte sizes in words, the progress of a
// pull as one percentage, instants in local time, and the users on a terminal (privileges, matched or not, counts).
import dayjs from 'dayjs';
import type { PullProgress } from '../bindings/PullProgress';
import type { TerminalDto } from '../bindings/TerminalDto';
import type { TerminalInput } from '../bindings/TerminalInput';
import type { TerminalUserDto } from '../bindings/TerminalUserDto';

/** `push`: the terminal sends its punches over ADMS (`kaoqin serve`) and is never pulled. */
export const TRANSPORTS = ['auto', 'tcp', 'udp', 'push'] as const;
export const STATE_KEYS = ['none', 'hint', 'trust'] as const;
export const NAME_CODECS = ['gbk', 'utf8', 'windows1252', 'windows1251', 'windows1256'] as const;
/** The zones a terminal's clock may be in (the company's zones). */
export const TERMINAL_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei'] as const;
export const DEFAULT_ZONE = 'Asia/Shanghai';
/** The ZK port every terminal ships with. */
export const DEFAULT_PORT = 4370;
/** The backend's limits (kaoqin-core `terminal.rs`). */
export const NAME_MAX_CHARS = 40;
export const HOST_MAX_CHARS = 253;
export const LOCATION_MAX_CHARS = 100;
export const MAX_AT_TIMES = 12;
export const EVERY_MINUTES_MAX = 1440;
/** Clock drift past this many seconds is a warning (the backend's rule, shown in the sync log). */
export const DRIFT_WARNING_SECONDS = 60;
/** Letters, digits, `.`, `-`, `:` and `_`: an IPv4/IPv6 address or a host name, without a port. */
export const HOST_PATTERN = /^[A-Za-z0-9.\-:_]+$/;
/** A comm key is 1–9 digits. */
export const COMM_KEY_PATTERN = /^\d{1,9}$/;
/** How many pulls the sync log shows. */
export const PULL_LOG_LIMIT = 100;

/** Sync states of a terminal, as `SyncStatusDto.state` names them. */
export const SYNC_STATES = ['never', 'ok', 'failed', 'running', 'interrupted'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface TerminalFormValues {
  name: string;
  host: string;
  port: number | null;
  transport: string;
  /** The serial number (SN): needed for a terminal that pushes; learned by itself otherwise. */
  serial: string;
  /** Typed comm key; empty: unchanged (or none, for a new terminal). */
  comm_key: string;
  /** 清除通讯密码 (only offered when the terminal has one). */
  clear_comm_key: boolean;
  tz: string;
  location: string;
  group_ids: number[];
  state_key: string;
  name_codec: string;
  every_minutes: number | null;
  at_times: string[];
  clear_after_pull: boolean;
  enabled: boolean;
}

/** The form's fields; the backend's field errors land on these. */
export const TERMINAL_FORM_FIELDS = [
  'name',
  'host',
  'port',
  'transport',
  'serial',
  'comm_key',
  'tz',
  'location',
  'group_ids',
  'state_key',
  'name_codec',
  'every_minutes',
  'at_times',
] as const;
export type TerminalFormField = (typeof TERMINAL_FORM_FIELDS)[number];
/** Backend field names that differ from the form's. */
export const TERMINAL_FIELD_ALIASES: Readonly<Record<string, TerminalFormField>> = {
  timezone: 'tz',
  group: 'group_ids',
  group_id: 'group_ids',
};

/** A new terminal: port 4370, 自动, the company's zone, 状态键 仅作参考, GBK, no schedule, enabled. */
export function emptyTerminalForm(zone: string | undefined): TerminalFormValues {
  return {
    name: '',
    host: '',
    port: DEFAULT_PORT,
    transport: 'auto',
    serial: '',
    comm_key: '',
    clear_comm_key: false,
    tz: zone && (TERMINAL_ZONES as readonly string[]).includes(zone) ? zone : DEFAULT_ZONE,
    location: '',
    group_ids: [],
    state_key: 'hint',
    name_codec: 'gbk',
    every_minutes: null,
    at_times: [],
    clear_after_pull: false,
    enabled: true,
  };
}

/** A stored terminal in the form; the comm key is never shown back. */
export function terminalToForm(terminal: TerminalDto): TerminalFormValues {
  return {
    name: terminal.name,
    host: terminal.host,
    port: terminal.port,
    transport: terminal.transport,
    serial: terminal.serial ?? '',
    comm_key: '',
    clear_comm_key: false,
    tz: terminal.tz,
    location: terminal.location,
    group_ids: [...terminal.group_ids],
    state_key: terminal.state_key,
    name_codec: terminal.name_codec,
    every_minutes: terminal.every_minutes,
    at_times: [...terminal.at_times],
    clear_after_pull: terminal.clear_after_pull,
    enabled: terminal.enabled,
  };
}

/** The comm key to send: `''` removes it, typed digits set it, anything else (null) leaves it as it is. */
export function commKeyToSend(values: Pick<TerminalFormValues, 'comm_key' | 'clear_comm_key'>): string | null {
  if (values.clear_comm_key) return '';
  const typed = (values.comm_key ?? '').trim();
  return typed === '' ? null : typed;
}

/** The form as the backend's input (`id` null: a new terminal). */
export function formToTerminalInput(values: TerminalFormValues, id: number | null): TerminalInput {
  return {
    id,
    name: values.name.trim(),
    host: values.host.trim(),
    port: values.port ?? DEFAULT_PORT,
    transport: values.transport,
    tz: values.tz,
    location: (values.location ?? '').trim(),
    state_key: values.state_key,
    name_codec: values.name_codec,
    clear_after_pull: values.clear_after_pull,
    every_minutes: values.every_minutes ?? null,
    at_times: normalizeTimes(values.at_times ?? []),
    enabled: values.enabled,
    group_ids: [...(values.group_ids ?? [])],
    comm_key: commKeyToSend(values),
    // Sent only when typed: a serial the terminal reported is kept as it is.
    serial: (values.serial ?? '').trim() === '' ? null : values.serial.trim(),
  };
}

/** A stored terminal as an input that changes nothing but `enabled` (the comm key stays). */
export function withEnabled(terminal: TerminalDto, enabled: boolean): TerminalInput {
  return { ...formToTerminalInput(terminalToForm(terminal), terminal.id), enabled };
}

/** `9:00`, `09:00`, `0900`, `900` or `9：00` as `09:00`; null when it is no time of day. */
export function normalizeTime(text: string): string | null {
  const trimmed = text.trim().replace('：', ':');
  const match = /^(\d{1,2}):(\d{2})$/.exec(trimmed) ?? /^(\d{1,2})(\d{2})$/.exec(trimmed);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** Pull times as typed → valid ones as HH:MM, sorted, no repeats, then the ones that are no time (for the field's error). */
export function normalizeTimes(list: readonly string[]): string[] {
  const good = new Set<string>();
  const bad: string[] = [];
  for (const text of list) {
    const time = normalizeTime(text);
    if (time) good.add(time);
    else if (text.trim() !== '' && !bad.includes(text.trim())) bad.push(text.trim());
  }
  return [...[...good].sort(), ...bad];
}

/** The entries that are no time of day. */
export function badTimes(list: readonly string[]): string[] {
  return list.filter((text) => normalizeTime(text) === null);
}

/** A duration's parts for the words of `terminals.duration.*`: seconds, minutes and seconds, hours and minutes, or days and hours. */
export function durationParts(totalSeconds: number): { key: 's' | 'ms' | 'hm' | 'dh'; values: Record<string, number> } {
  const s = Math.abs(Math.round(totalSeconds));
  if (s < 60) return { key: 's', values: { s } };
  if (s < 3600) return { key: 'ms', values: { m: Math.floor(s / 60), s: s % 60 } };
  if (s < 86400) return { key: 'hm', values: { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) } };
  return { key: 'dh', values: { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) } };
}

/** Whether the terminal's clock is ahead of the PC's (`fast`), behind it (`slow`) or the same. */
export function skewDirection(skewSeconds: number): 'fast' | 'slow' | 'same' {
  if (skewSeconds > 0) return 'fast';
  if (skewSeconds < 0) return 'slow';
  return 'same';
}

/** Bytes as kilobytes with one decimal (`12.3`); 0 stays `0`. */
export function formatKb(bytes: number): string {
  if (bytes <= 0) return '0';
  return (bytes / 1024).toFixed(1);
}

/**
 * The progress of a pull as one bar, 0–100: connecting 0, reading the bytes up to 80, saving the records the rest
 * (a terminal with nothing to save is done).
 */
export function pullPercent(progress: PullProgress | null): number {
  if (!progress) return 0;
  const share = (done: number, total: number) => (total > 0 ? Math.min(1, Math.max(0, done / total)) : 0);
  switch (progress.stage) {
    case 'reading':
      return Math.floor(share(progress.done, progress.total) * 80);
    case 'saving':
      return progress.total > 0 ? 80 + Math.floor(share(progress.done, progress.total) * 20) : 100;
    default:
      return 0;
  }
}

/** An instant from the backend (RFC 3339) as local `YYYY-MM-DD HH:mm`; anything unreadable as it came. */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '';
  const parsed = dayjs(instant);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm') : instant;
}

/** The known sync states; anything else (a newer backend) shows as never pulled. */
export function asSyncState(state: string): SyncState {
  return (SYNC_STATES as readonly string[]).includes(state) ? (state as SyncState) : 'never';
}

/** antd Tag colour of a sync state (or of a pull's outcome: `ok` is the same colour). */
export function syncStateColor(state: SyncState): string | undefined {
  switch (state) {
    case 'ok':
      return 'green';
    case 'failed':
      return 'red';
    case 'running':
      return 'processing';
    case 'interrupted':
      return 'orange';
    default:
      return undefined;
  }
}

/** The privileges a ZK terminal knows by name (`terminals.users.privileges.<key>`); others are shown as the number. */
const PRIVILEGES: Readonly<Record<number, 'user' | 'enroller' | 'manager' | 'admin'>> = {
  0: 'user',
  2: 'enroller',
  6: 'manager',
  14: 'admin',
};

/** The word for a terminal user's privilege, or null for a number the terminal has no name for. */
export function privilegeKey(privilege: number): 'user' | 'enroller' | 'manager' | 'admin' | null {
  return PRIVILEGES[privilege] ?? null;
}

/** Whether a terminal user is matched to someone on the roster (by PIN). */
export const isMatched = (user: TerminalUserDto): boolean => user.employee_id !== null;

/** How many users are on the terminal, how many are matched to a person, how many are not. */
export function countUsers(users: readonly TerminalUserDto[]): { total: number; matched: number; unmatched: number } {
  const matched = users.filter(isMatched).length;
  return { total: users.length, matched, unmatched: users.length - matched };
}
