// Pure helpers of 考勤组: form values ⇄ GroupInput, the assign form → AssignGroupInput, server field paths → form fields, and the summaries the list shows.
import dayjs, { type Dayjs } from 'dayjs';
import type { ApiError } from '../apiError';
import type { AssignGroupInput } from '../bindings/AssignGroupInput';
import type { GroupDto } from '../bindings/GroupDto';
import type { GroupInput } from '../bindings/GroupInput';
import type { GroupVersionDto } from '../bindings/GroupVersionDto';
import type { MembershipDto } from '../bindings/MembershipDto';
import type { TimetableDto } from '../bindings/TimetableDto';
import { localize, type Language } from '../i18n';

export const DATE_FORMAT = 'YYYY-MM-DD';
/** The week entry of a rest day. */
export const REST = '休';
/** Words the backend also reads as a rest day (besides an empty entry). */
const REST_WORDS = ['休', '休息', 'rest', '-'];
/** The effective date the backend gives rules that apply to every date (shown as 最初). */
export const SINCE_ALWAYS = '2000-01-01';
export const NAME_MAX_CHARS = 30;
export const DEFAULT_MIN_REST_MINUTES = 480;
export const DEFAULT_MAX_CONSECUTIVE_DAYS = 6;
export const MIN_REST_RANGE = { min: 0, max: 1440 } as const;
export const MAX_CONSECUTIVE_RANGE = { min: 1, max: 31 } as const;

export const GROUP_KINDS = ['fixed', 'scheduled', 'free'] as const;
/** 工时制度: standard hours, 综合计算工时 with its settlement period, or 不定时. */
export const HOURS_SYSTEMS = [
  'standard',
  'comprehensive_week',
  'comprehensive_month',
  'comprehensive_quarter',
  'comprehensive_year',
  'non_fixed',
] as const;
export type HoursSystemKey = (typeof HOURS_SYSTEMS)[number];

export function asHoursSystem(key: string): HoursSystemKey {
  return (HOURS_SYSTEMS as readonly string[]).includes(key) ? (key as HoursSystemKey) : 'standard';
}
export type GroupKind = (typeof GROUP_KINDS)[number];
/** Monday first, like the backend's week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function asGroupKind(kind: string): GroupKind {
  return (GROUP_KINDS as readonly string[]).includes(kind) ? (kind as GroupKind) : 'fixed';
}

export function isRest(entry: string | null | undefined): boolean {
  const e = (entry ?? '').trim();
  return e === '' || REST_WORDS.includes(e);
}

/** 更正现行规则 (replace the newest version) or 从某日起生效 (a new version from a date). */
export type ApplyMode = 'correct' | 'from';

export interface GroupFormValues {
  name: string;
  kind: GroupKind;
  /** Seven entries, Monday first: a timetable code, 休, or not chosen yet. */
  week: (string | undefined)[];
  follow_holidays: boolean;
  hours: HoursSystemKey;
  min_rest_minutes: number | null;
  max_consecutive_days: number | null;
  apply: ApplyMode;
  effective_from: Dayjs | null;
}

/** A new group: Monday–Friday still to choose, the weekend off, the backend's defaults. */
export function emptyGroupForm(): GroupFormValues {
  return {
    name: '',
    kind: 'fixed',
    week: [undefined, undefined, undefined, undefined, undefined, REST, REST],
    follow_holidays: true,
    hours: 'standard',
    min_rest_minutes: DEFAULT_MIN_REST_MINUTES,
    max_consecutive_days: DEFAULT_MAX_CONSECUTIVE_DAYS,
    apply: 'correct',
    effective_from: null,
  };
}

/** The versions oldest first. */
export function sortedVersions(group: GroupDto): GroupVersionDto[] {
  return [...group.versions].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
}

/** The newest version: what 编辑 shows and what 更正现行规则 replaces. */
export function latestVersion(group: GroupDto): GroupVersionDto {
  const versions = sortedVersions(group);
  return versions[versions.length - 1] ?? { effective_from: group.current.effective_from, form: group.current };
}

/** The form as 编辑 opens it: the newest rules, and by default a new version from `today`. */
export function groupToForm(group: GroupDto, today: Dayjs): GroupFormValues {
  const rules = latestVersion(group).form;
  const week =
    rules.week.length === 7
      ? rules.week.map((entry) => (isRest(entry) ? REST : entry))
      : emptyGroupForm().week;
  return {
    name: group.name,
    kind: asGroupKind(rules.kind),
    week,
    follow_holidays: rules.follow_holidays ?? true,
    hours: asHoursSystem(rules.hours),
    min_rest_minutes: rules.min_rest_minutes ?? DEFAULT_MIN_REST_MINUTES,
    max_consecutive_days: rules.max_consecutive_days ?? DEFAULT_MAX_CONSECUTIVE_DAYS,
    apply: 'from',
    effective_from: today,
  };
}

/**
 * What 保存 sends. A scheduled group has no week; a new group and 更正现行规则 send no date
 * (the backend then uses "from the start" or the newest version's date).
 */
export function formToGroupInput(values: GroupFormValues, mode: 'add' | 'edit'): GroupInput {
  const usesWeek = values.kind !== 'scheduled';
  const fromDate = mode === 'edit' && values.apply === 'from' && values.effective_from;
  return {
    name: values.name.trim(),
    kind: values.kind,
    week: usesWeek ? Array.from({ length: 7 }, (_, i) => normalizeEntry(values.week[i])) : [],
    follow_holidays: values.follow_holidays,
    min_rest_minutes: values.min_rest_minutes ?? null,
    max_consecutive_days: values.max_consecutive_days ?? null,
    effective_from: fromDate ? values.effective_from!.format(DATE_FORMAT) : '',
    hours: values.hours === 'standard' ? '' : values.hours,
  };
}

function normalizeEntry(entry: string | undefined): string {
  return isRest(entry) ? REST : (entry as string).trim();
}

/** The timetables a group of this kind may name: fixed and flexible ones, or free-hours ones. */
export function eligibleTimetables(timetables: readonly TimetableDto[], kind: GroupKind): TimetableDto[] {
  if (kind === 'scheduled') return [];
  return timetables.filter((t) => (kind === 'free' ? t.kind === 'free' : t.kind === 'fixed' || t.kind === 'flexible'));
}

/** 工作日都用: the timetable for Monday–Friday — Monday's own choice, else the first one allowed. */
export function quickFillCode(week: readonly (string | undefined)[], eligibleCodes: readonly string[]): string | null {
  const monday = week[0];
  if (monday && !isRest(monday) && eligibleCodes.includes(monday)) return monday;
  return eligibleCodes[0] ?? null;
}

/** Monday–Friday on `code`, Saturday and Sunday off. */
export function fillWorkdays(code: string): string[] {
  return [code, code, code, code, code, REST, REST];
}

// ——— Server field errors ———

export type FormPath = (string | number)[];

export interface FormErrors {
  /** Errors to put under form fields (antd `form.setFields`). */
  fields: { name: FormPath; errors: string[] }[];
  /** Errors of the week as a whole (`days`: empty or wrong length). */
  week: string[];
  /** Everything else, for an Alert. */
  general: string[];
}

/** Where a backend field path of save_group lands in the group form (`null`: nowhere). */
export function groupFieldPath(field: string): FormPath | 'days' | null {
  if (field === 'days') return 'days';
  const weekday = /^week\.(\d+)(?:\.timetable)?$/.exec(field);
  if (weekday) {
    const index = Number(weekday[1]);
    return index < 7 ? ['week', index] : 'days';
  }
  if (['name', 'kind', 'follow_holidays', 'min_rest_minutes', 'max_consecutive_days', 'effective_from'].includes(field)) {
    return [field];
  }
  return null;
}

/** Where a backend field path of assign_group lands in the assign form. */
export function assignFieldPath(field: string): FormPath | null {
  switch (field) {
    case 'department_id':
    case 'employee_id':
    case 'effective_from':
      return [field];
    case 'group':
    case 'group_id':
      return ['group_id'];
    default:
      return null;
  }
}

/**
 * Splits a refusal into field errors, week errors and general text. `shown` says whether the form
 * currently shows a field (e.g. no week for a scheduled group): errors of hidden fields go to the
 * general list, so nothing is lost.
 */
export function splitServerErrors(
  error: ApiError,
  lang: Language,
  pathOf: (field: string) => FormPath | 'days' | null,
  shown: (path: FormPath | 'days') => boolean = () => true,
): FormErrors {
  const byPath = new Map<string, { name: FormPath; errors: string[] }>();
  const week: string[] = [];
  const general: string[] = [];
  const add = (list: string[], text: string) => {
    if (!list.includes(text)) list.push(text);
  };
  for (const fieldError of error.dto.fields) {
    const text = localize(fieldError.message, lang);
    const path = pathOf(fieldError.field);
    if (path === null || !shown(path)) {
      add(general, text);
    } else if (path === 'days') {
      add(week, text);
    } else {
      const key = path.join('.');
      const entry = byPath.get(key) ?? { name: path, errors: [] };
      add(entry.errors, text);
      byPath.set(key, entry);
    }
  }
  if (byPath.size === 0 && week.length === 0 && general.length === 0) {
    general.push(localize(error.dto.message, lang));
  }
  return { fields: [...byPath.values()], week, general };
}

/** The texts of a refusal that explain it: its field messages, or its general message. */
export function problemTexts(error: ApiError, lang: Language): string[] {
  const texts = error.dto.fields.map((f) => localize(f.message, lang));
  return texts.length > 0 ? texts : [localize(error.dto.message, lang)];
}

// ——— Assignments ———

export type TargetKind = 'department' | 'employee';
/** The group choice that ends an assignment (the target falls back to the next level). */
export const NO_GROUP = 'none';

export interface AssignFormValues {
  target_kind: TargetKind;
  department_id: number | undefined;
  employee_id: number | undefined;
  group_id: number | typeof NO_GROUP | undefined;
  effective_from: Dayjs | null;
}

export function emptyAssignForm(groupId: number | undefined, today: Dayjs): AssignFormValues {
  return {
    target_kind: 'department',
    department_id: undefined,
    employee_id: undefined,
    group_id: groupId,
    effective_from: today,
  };
}

/** The assign form that ends `assignment` (its target, no group) from `from`. */
export function endAssignmentForm(assignment: MembershipDto, from: Dayjs): AssignFormValues {
  const kind: TargetKind = assignment.target_kind === 'employee' ? 'employee' : 'department';
  return {
    target_kind: kind,
    department_id: kind === 'department' ? assignment.target_id : undefined,
    employee_id: kind === 'employee' ? assignment.target_id : undefined,
    group_id: NO_GROUP,
    effective_from: from,
  };
}

/** What 分配 sends: the chosen target, the group (none ends the assignment) and the date. */
export function formToAssignInput(values: AssignFormValues): AssignGroupInput {
  const target = values.target_kind === 'employee' ? values.employee_id : values.department_id;
  return {
    target_kind: values.target_kind,
    target_id: target ?? 0,
    group_id: typeof values.group_id === 'number' ? values.group_id : null,
    effective_from: values.effective_from ? values.effective_from.format(DATE_FORMAT) : '',
  };
}

/** The row of an assignment as remove_assignment wants it. */
export function assignmentKey(assignment: MembershipDto): AssignGroupInput {
  return {
    target_kind: assignment.target_kind,
    target_id: assignment.target_id,
    group_id: assignment.group_id,
    effective_from: assignment.effective_from,
  };
}

// ——— Summaries for the list ———

export interface WeekCell {
  index: number;
  weekday: (typeof WEEKDAYS)[number];
  rest: boolean;
  code: string;
  /** The timetable's name and times, when the code is known. */
  timetable: TimetableDto | undefined;
}

/** The seven days of a weekly pattern (empty for a scheduled group). */
export function weekCells(week: readonly string[], timetables: readonly TimetableDto[]): WeekCell[] {
  if (week.length !== 7) return [];
  return week.map((entry, index) => ({
    index,
    weekday: WEEKDAYS[index],
    rest: isRest(entry),
    code: isRest(entry) ? REST : entry,
    timetable: isRest(entry) ? undefined : timetables.find((t) => t.code === entry),
  }));
}

/** 「总部/生产部 等 3 项」: the first assignment's label and how many there are. */
export function assignmentSummary(assignments: readonly MembershipDto[]): { first: string; count: number } | null {
  if (assignments.length === 0) return null;
  return { first: assignments[0].target_label, count: assignments.length };
}

/** A version's start for display: null means 最初 (it applies to every earlier date too). */
export function versionStart(effectiveFrom: string): string | null {
  return effectiveFrom === SINCE_ALWAYS || effectiveFrom === '' ? null : effectiveFrom;
}

/** Today as a date at midnight (for date pickers). */
export function today(): Dayjs {
  return dayjs().startOf('day');
}

export function parseDate(text: string): Dayjs | null {
  const parsed = dayjs(text, DATE_FORMAT);
  return parsed.isValid() ? parsed : null;
}
