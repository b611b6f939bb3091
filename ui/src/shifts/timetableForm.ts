// 班次 form model, pure: time parsing ("9:00", "06:00+1", "次日06:00"), next-day inference along a timetable's times,
// form values ⇄ TimetableInput, the effective windows of a dry run, and backend error paths → antd Form names.
import type { ApiError } from '../apiError';
import type { BreakInput } from '../bindings/BreakInput';
import type { SegmentInput } from '../bindings/SegmentInput';
import type { TimetableInput } from '../bindings/TimetableInput';
import { localize, type Language } from '../i18n';

export const TIMETABLE_KINDS = ['fixed', 'flexible', 'free'] as const;
export type TimetableKind = (typeof TIMETABLE_KINDS)[number];
export const BREAK_KINDS = ['fixed', 'must_punch', 'auto'] as const;
export type BreakKind = (typeof BREAK_KINDS)[number];

export const CODE_MAX_CHARS = 8;
export const NAME_MAX_CHARS = 30;
export const MAX_SEGMENTS = 3;
export const MAX_BREAKS = 3;
export const MAX_WINDOW_MINUTES = 720;
/** 2000-01-01: the start date of a first version, "from the beginning". */
export const SINCE_ALWAYS = '2000-01-01';

const DAY = 1440;
/** Times run to the end of the next calendar day. */
const TIME_END = 2 * DAY;

/** The four check-in/check-out windows of a segment, in the order the form shows them. */
export const WINDOW_FIELDS = [
  'check_in_before_minutes',
  'check_in_after_minutes',
  'check_out_before_minutes',
  'check_out_after_minutes',
] as const;
/** Grace minutes and thresholds of a segment. */
export const THRESHOLD_FIELDS = [
  'late_grace_minutes',
  'early_grace_minutes',
  'serious_late_minutes',
  'late_absent_minutes',
  'early_absent_minutes',
] as const;
export type SegmentNumberField = (typeof WINDOW_FIELDS)[number] | (typeof THRESHOLD_FIELDS)[number];
const SEGMENT_NUMBER_FIELDS: readonly SegmentNumberField[] = [...WINDOW_FIELDS, ...THRESHOLD_FIELDS];

export type SegmentValues = { on: string; off: string } & Record<SegmentNumberField, number | null>;

export interface BreakValues {
  kind: BreakKind;
  start: string;
  end: string;
  minutes: number | null;
  after_worked_minutes: number | null;
  paid: boolean;
}

/** What the 班次 form holds. Times are text as typed; numbers are null when empty (= the default). */
export interface TimetableFormValues {
  code: string;
  name: string;
  color: string;
  kind: TimetableKind;
  day_value: number;
  day_change: string;
  required_minutes: number | null;
  segments: SegmentValues[];
  breaks: BreakValues[];
  earliest_arrival: string;
  latest_arrival: string;
  late_grace_minutes: number | null;
  late_absent_minutes: number | null;
  /** 首末打卡 or 成对打卡. */
  pairing: Pairing;
}

export const PAIRINGS = ['first_last', 'every_pair'] as const;
export type Pairing = (typeof PAIRINGS)[number];

/** How an edit applies: correct the rules in force, or new rules from a date on. */
export type EffectiveMode = 'correct' | 'from';

// ---------------------------------------------------------------------------------------------
// Times

export interface ParsedTime {
  /** Minutes after the work date's midnight; 1440 and later are on the next calendar day. */
  minutes: number;
  /** The text itself said next day (`+1`, `次日`, or `24:00`). */
  explicitNextDay: boolean;
}

/**
 * Parses a time as the backend does: `9:00`, `09:00`, `22:30`, `12：00`, `06:00+1`, `次日06:00`, `24:00` (= `00:00+1`).
 * Null for anything else.
 */
export function parseTime(value: string | null | undefined): ParsedTime | null {
  let s = (value ?? '').trim();
  let nextDay = false;
  if (s.endsWith('+1') || s.endsWith('＋1')) {
    s = s.slice(0, -2).trimEnd();
    nextDay = true;
  } else if (s.startsWith('次日')) {
    s = s.slice(2).trimStart();
    nextDay = true;
  }
  const match = /^(\d{1,2})[:：](\d{2})$/.exec(s);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  let base: number;
  if (h === 24 && m === 0) base = DAY;
  else if (h <= 23 && m <= 59) base = h * 60 + m;
  else return null;
  const minutes = base + (nextDay ? DAY : 0);
  if (minutes >= TIME_END) return null;
  return { minutes, explicitNextDay: nextDay || base >= DAY };
}

/** `HH:MM`, with `+1` for the next calendar day (as the backend writes times). */
export function formatTime(minutes: number): string {
  const m = ((minutes % DAY) + DAY) % DAY;
  const text = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return minutes >= DAY ? `${text}+1` : text;
}

/** One time of the form, resolved. */
export interface TimeSlot {
  /** What to send: `HH:MM` or `HH:MM+1`; '' when empty; the typed text when it is not a time. */
  text: string;
  minutes: number | null;
  /** On the calendar day after the work date. */
  nextDay: boolean;
  /** Next day only because it is not after the time before it (the form shows a 次日 tag). */
  inferred: boolean;
}

const EMPTY_SLOT: TimeSlot = { text: '', minutes: null, nextDay: false, inferred: false };

/**
 * Resolves a typed time that follows `after` (minutes, or null at the start): a time without `+1` that is before it
 * (or, when `strict`, equal to it) is taken as the next day, so 22:00 → 06:00 becomes 06:00+1.
 */
export function inferTime(value: string | null | undefined, after: number | null, strict: boolean): TimeSlot {
  const typed = (value ?? '').trim();
  if (typed === '') return EMPTY_SLOT;
  const parsed = parseTime(typed);
  if (!parsed) return { text: typed, minutes: null, nextDay: false, inferred: false };
  let minutes = parsed.minutes;
  let inferred = false;
  if (
    !parsed.explicitNextDay &&
    after !== null &&
    (minutes < after || (strict && minutes === after)) &&
    minutes + DAY < TIME_END
  ) {
    minutes += DAY;
    inferred = true;
  }
  return { text: formatTime(minutes), minutes, nextDay: minutes >= DAY, inferred };
}

type Resolver = (value: string | null | undefined, after: number | null, strict: boolean) => TimeSlot;

export interface ResolvedTimes {
  segments: { on: TimeSlot; off: TimeSlot }[];
  breaks: { start: TimeSlot; end: TimeSlot }[];
  earliest_arrival: TimeSlot;
  latest_arrival: TimeSlot;
}

type TimeValues = Pick<TimetableFormValues, 'kind' | 'day_change' | 'earliest_arrival' | 'latest_arrival'> & {
  segments?: readonly Pick<SegmentValues, 'on' | 'off'>[] | null;
  breaks?: readonly Pick<BreakValues, 'kind' | 'start' | 'end'>[] | null;
};

/**
 * Walks the times of a timetable in order and resolves each against the one before:
 * segment 1 on, off, segment 2 on, off, …; an on may equal the previous off, an off must be after its on.
 * A fixed or must-punch break's start is next day when it is before the first on, its end when not after its start.
 * A flexible timetable's arrivals follow the day-change time (earliest, then latest).
 */
export function resolveTimes(values: TimeValues, resolve: Resolver = inferTime): ResolvedTimes {
  const out: ResolvedTimes = { segments: [], breaks: [], earliest_arrival: EMPTY_SLOT, latest_arrival: EMPTY_SLOT };
  if (values.kind === 'fixed') {
    let previous: number | null = null;
    for (const segment of values.segments ?? []) {
      const on = resolve(segment?.on, previous, false);
      previous = on.minutes ?? previous;
      const off = resolve(segment?.off, previous, true);
      previous = off.minutes ?? previous;
      out.segments.push({ on, off });
    }
    const firstOn = out.segments[0]?.on.minutes ?? null;
    for (const pause of values.breaks ?? []) {
      if (pause?.kind === 'auto') {
        out.breaks.push({ start: EMPTY_SLOT, end: EMPTY_SLOT });
        continue;
      }
      const start = resolve(pause?.start, firstOn, false);
      const end = resolve(pause?.end, start.minutes ?? firstOn, true);
      out.breaks.push({ start, end });
    }
  } else if (values.kind === 'flexible') {
    const dayChange = parseTime(values.day_change);
    const from = dayChange && !dayChange.explicitNextDay ? dayChange.minutes : null;
    out.earliest_arrival = resolve(values.earliest_arrival, from, false);
    out.latest_arrival = resolve(values.latest_arrival, out.earliest_arrival.minutes ?? from, false);
  }
  return out;
}

/** The day-change time as sent: `HH:MM` when it parses, else as typed (the backend explains). */
function dayChangeText(value: string): string {
  const parsed = parseTime(value);
  return parsed && !parsed.explicitNextDay ? formatTime(parsed.minutes) : value.trim();
}

// ---------------------------------------------------------------------------------------------
// Form values ⇄ TimetableInput

export function emptySegment(on = '', off = ''): SegmentValues {
  return {
    on,
    off,
    check_in_before_minutes: null,
    check_in_after_minutes: null,
    check_out_before_minutes: null,
    check_out_after_minutes: null,
    late_grace_minutes: null,
    early_grace_minutes: null,
    serious_late_minutes: null,
    late_absent_minutes: null,
    early_absent_minutes: null,
  };
}

export function emptyBreak(kind: BreakKind = 'fixed'): BreakValues {
  return { kind, start: '', end: '', minutes: null, after_worked_minutes: null, paid: false };
}

/** A new timetable: fixed, one segment 09:00–18:00 to start from. */
export function emptyTimetableForm(): TimetableFormValues {
  return {
    code: '',
    name: '',
    color: '',
    kind: 'fixed',
    day_value: 1,
    day_change: '',
    required_minutes: null,
    segments: [emptySegment('09:00', '18:00')],
    breaks: [],
    earliest_arrival: '',
    latest_arrival: '',
    late_grace_minutes: null,
    late_absent_minutes: null,
    pairing: 'first_last',
  };
}

const num = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const text = (value: string | null | undefined): string => (value ?? '').trim();

function isBreakKind(value: unknown): value is BreakKind {
  return (BREAK_KINDS as readonly unknown[]).includes(value);
}

export function isTimetableKind(value: unknown): value is TimetableKind {
  return (TIMETABLE_KINDS as readonly unknown[]).includes(value);
}

/** The form's values as the backend takes them: only what the kind uses, times resolved (`+1` added where inferred). */
export function toTimetableInput(values: TimetableFormValues): TimetableInput {
  const kind = values.kind;
  const times = resolveTimes(values);
  const base: TimetableInput = {
    code: text(values.code),
    name: text(values.name),
    color: text(values.color),
    kind,
    day_value: num(values.day_value),
    day_change: dayChangeText(values.day_change ?? ''),
    required_minutes: num(values.required_minutes),
    segments: [],
    breaks: [],
    earliest_arrival: '',
    latest_arrival: '',
    late_grace_minutes: null,
    late_absent_minutes: null,
    pairing: values.pairing === 'every_pair' ? 'every_pair' : '',
  };
  const breakInput = (b: BreakValues, i: number): BreakInput => {
    const auto = b.kind === 'auto';
    return {
      kind: b.kind,
      start: auto ? '' : (times.breaks[i]?.start.text ?? ''),
      end: auto ? '' : (times.breaks[i]?.end.text ?? ''),
      minutes: auto ? num(b.minutes) : null,
      after_worked_minutes: auto ? num(b.after_worked_minutes) : null,
      paid: Boolean(b.paid),
    };
  };
  if (kind === 'fixed') {
    base.segments = (values.segments ?? []).map((s, i): SegmentInput => {
      const segment: SegmentInput = { ...emptySegment(times.segments[i].on.text, times.segments[i].off.text) };
      for (const field of SEGMENT_NUMBER_FIELDS) segment[field] = num(s[field]);
      return segment;
    });
    base.breaks = (values.breaks ?? []).map(breakInput);
  } else if (kind === 'flexible') {
    base.earliest_arrival = times.earliest_arrival.text;
    base.latest_arrival = times.latest_arrival.text;
    base.late_grace_minutes = num(values.late_grace_minutes);
    base.late_absent_minutes = num(values.late_absent_minutes);
    base.breaks = (values.breaks ?? []).map(breakInput);
  }
  return base;
}

/** Drops an explicit next-day mark: `06:00+1` → `06:00`, `次日06:00` → `06:00`. */
function withoutNextDay(value: string): string {
  const parsed = parseTime(value);
  return parsed ? formatTime(parsed.minutes % DAY) : value;
}

/**
 * Keeps a time as it was saved, but without its `+1` when the form would infer it anyway
 * (`22:00`–`06:00+1` shows as `06:00` with a 次日 tag).
 */
const displayResolver: Resolver = (value, after, strict) => {
  const saved = inferTime(value, after, strict);
  if (saved.minutes === null || !saved.nextDay) return saved;
  const bare = inferTime(withoutNextDay(value ?? ''), after, strict);
  return bare.minutes === saved.minutes ? { ...saved, text: withoutNextDay(saved.text) } : saved;
};

/** A saved timetable (TimetableDto.form, every default written out) as form values. */
export function toFormValues(input: TimetableInput): TimetableFormValues {
  const kind: TimetableKind = isTimetableKind(input.kind) ? input.kind : 'fixed';
  const times = resolveTimes(
    {
      kind,
      day_change: input.day_change,
      earliest_arrival: input.earliest_arrival,
      latest_arrival: input.latest_arrival,
      segments: input.segments,
      breaks: input.breaks.map((b) => ({ ...b, kind: isBreakKind(b.kind) ? b.kind : 'fixed' })),
    },
    displayResolver,
  );
  return {
    code: input.code,
    name: input.name,
    color: input.color ?? '',
    kind,
    day_value: input.day_value ?? 1,
    day_change: input.day_change,
    pairing: input.pairing === 'every_pair' ? 'every_pair' : 'first_last',
    required_minutes: input.required_minutes,
    segments: input.segments.map((s, i) => {
      const segment = emptySegment(times.segments[i]?.on.text ?? s.on, times.segments[i]?.off.text ?? s.off);
      for (const field of SEGMENT_NUMBER_FIELDS) segment[field] = s[field];
      return segment;
    }),
    breaks: input.breaks.map((b, i) => ({
      kind: isBreakKind(b.kind) ? b.kind : 'fixed',
      start: b.kind === 'auto' ? '' : (times.breaks[i]?.start.text ?? b.start),
      end: b.kind === 'auto' ? '' : (times.breaks[i]?.end.text ?? b.end),
      minutes: b.minutes,
      after_worked_minutes: b.after_worked_minutes,
      paid: b.paid,
    })),
    earliest_arrival: kind === 'flexible' ? times.earliest_arrival.text : input.earliest_arrival,
    latest_arrival: kind === 'flexible' ? times.latest_arrival.text : input.latest_arrival,
    late_grace_minutes: input.late_grace_minutes,
    late_absent_minutes: input.late_absent_minutes,
  };
}

/** The same form with every window, the day change and the required minutes back on their defaults. */
export function withDefaultWindows(values: TimetableFormValues): TimetableFormValues {
  return {
    ...values,
    day_change: '',
    required_minutes: values.kind === 'fixed' ? null : values.required_minutes,
    segments: (values.segments ?? []).map((s) => ({
      ...s,
      check_in_before_minutes: null,
      check_in_after_minutes: null,
      check_out_before_minutes: null,
      check_out_after_minutes: null,
    })),
  };
}

/** The effective date to send: '' for a new timetable and for a correction. */
export function effectiveFromToSend(isEdit: boolean, mode: EffectiveMode | undefined, date: string | undefined): string {
  return isEdit && mode === 'from' ? (date ?? '').trim() : '';
}

// ---------------------------------------------------------------------------------------------
// A dry run's result

export interface SegmentWindows {
  on: string;
  off: string;
  checkIn: string;
  checkOut: string;
}

/** Where punches count as check-in and check-out, from a segment with its defaults written out. */
export function segmentWindows(segment: SegmentInput): SegmentWindows | null {
  const on = parseTime(segment.on);
  const off = parseTime(segment.off);
  if (!on || !off) return null;
  const span = (from: number, to: number) => `${formatTime(Math.max(0, from))}–${formatTime(to)}`;
  return {
    on: formatTime(on.minutes),
    off: formatTime(off.minutes),
    checkIn: span(on.minutes - (segment.check_in_before_minutes ?? 0), on.minutes + (segment.check_in_after_minutes ?? 0)),
    checkOut: span(off.minutes - (segment.check_out_before_minutes ?? 0), off.minutes + (segment.check_out_after_minutes ?? 0)),
  };
}

/** Minutes as hours the way a clerk says them: 480 → "8", 450 → "7.5". */
export function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// Backend errors → form fields

export type FormName = (string | number)[];

const TOP_FIELDS: Record<TimetableKind, readonly string[]> = {
  fixed: ['code', 'name', 'color', 'kind', 'day_value', 'day_change', 'required_minutes', 'pairing'],
  flexible: [
    'code',
    'name',
    'color',
    'kind',
    'day_value',
    'day_change',
    'required_minutes',
    'earliest_arrival',
    'latest_arrival',
    'late_grace_minutes',
    'late_absent_minutes',
    'pairing',
  ],
  free: ['code', 'name', 'color', 'kind', 'day_value', 'day_change', 'required_minutes', 'pairing'],
};
const SEGMENT_FIELDS: readonly string[] = ['on', 'off', ...SEGMENT_NUMBER_FIELDS];
const BREAK_FIELDS: Record<BreakKind, readonly string[]> = {
  fixed: ['kind', 'start', 'end', 'paid'],
  must_punch: ['kind', 'start', 'end', 'paid'],
  auto: ['kind', 'minutes', 'after_worked_minutes', 'paid'],
};

/**
 * The antd Form name of a backend field path (`segments.0.on` → ['segments', 0, 'on']), or null when the form does not
 * show that field for these values (it then goes into the general problem list). `extra` are further top-level fields
 * the form shows (e.g. `effective_from`).
 */
export function errorPathToName(path: string, values: TimetableFormValues, extra: readonly string[] = []): FormName | null {
  const kind: TimetableKind = isTimetableKind(values.kind) ? values.kind : 'fixed';
  const parts = path.split('.');
  if (parts.length === 1) {
    return TOP_FIELDS[kind].includes(path) || extra.includes(path) ? [path] : null;
  }
  if (parts.length !== 3 || !/^\d+$/.test(parts[1])) return null;
  const [list, index, field] = [parts[0], Number(parts[1]), parts[2]];
  if (list === 'segments' && kind === 'fixed') {
    return index < (values.segments ?? []).length && SEGMENT_FIELDS.includes(field) ? [list, index, field] : null;
  }
  if (list === 'breaks' && kind !== 'free') {
    const pause = (values.breaks ?? [])[index];
    if (!pause) return null;
    const shown = BREAK_FIELDS[isBreakKind(pause.kind) ? pause.kind : 'fixed'];
    return shown.includes(field) ? [list, index, field] : null;
  }
  return null;
}

export interface FormErrors {
  fields: { name: FormName; errors: string[] }[];
  general: string[];
}

/**
 * Splits a backend error into errors on form fields and a general list, in the current language.
 * `toName` maps a field path to a form name (null: general).
 */
export function splitErrors(error: ApiError, toName: (path: string) => FormName | null, lang: Language): FormErrors {
  const byName = new Map<string, { name: FormName; errors: string[] }>();
  const general: string[] = [];
  for (const fieldError of error.dto.fields) {
    const message = localize(fieldError.message, lang);
    const name = toName(fieldError.field);
    if (name) {
      const key = name.join('.');
      const entry = byName.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(message)) entry.errors.push(message);
      byName.set(key, entry);
    } else if (!general.includes(message)) {
      general.push(message);
    }
  }
  if (byName.size === 0 && general.length === 0) general.push(localize(error.dto.message, lang));
  return { fields: [...byName.values()], general };
}

/** Every form name that can carry an error for these values (to clear old server errors before a new check). */
export function errorFieldNames(values: TimetableFormValues, extra: readonly string[] = []): FormName[] {
  const kind: TimetableKind = isTimetableKind(values.kind) ? values.kind : 'fixed';
  const names: FormName[] = [...TOP_FIELDS[kind], ...extra].map((f) => [f]);
  if (kind === 'fixed') {
    (values.segments ?? []).forEach((_, i) => SEGMENT_FIELDS.forEach((f) => names.push(['segments', i, f])));
  }
  if (kind !== 'free') {
    (values.breaks ?? []).forEach((b, i) =>
      BREAK_FIELDS[isBreakKind(b?.kind) ? b.kind : 'fixed'].forEach((f) => names.push(['breaks', i, f])),
    );
  }
  return names;
}
