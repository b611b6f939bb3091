// 轮班规律 model, pure: the rest marker, quick templates filled with the company's own timetable codes,
// form values → RotationInput, and backend error paths (`days.2.timetable`) → antd Form names.
import type { RotationInput } from '../bindings/RotationInput';
import type { TimetableDto } from '../bindings/TimetableDto';

/** A rest day in a rotation. */
export const REST = '休';
export const MIN_ROTATION_DAYS = 2;
export const MAX_ROTATION_DAYS = 56;
export const ROTATION_NAME_MAX_CHARS = 30;

export interface RotationFormValues {
  name: string;
  /** One timetable code per day, or 休. */
  days: string[];
}

/** A role in a template: the first, second or third shift of the day, or rest. */
type Role = 'A' | 'B' | 'C' | 'R';

export interface RotationTemplate {
  key: 'two_on_one_off' | 'four_crews_three_shifts' | 'early_middle_night';
  pattern: readonly Role[];
}

export const ROTATION_TEMPLATES: readonly RotationTemplate[] = [
  // 做二休一: 白 白 休
  { key: 'two_on_one_off', pattern: ['A', 'A', 'R'] },
  // 四班三倒 / 三班倒: 早 早 中 中 夜 夜 休 休
  { key: 'four_crews_three_shifts', pattern: ['A', 'A', 'B', 'B', 'C', 'C', 'R', 'R'] },
  // 早中晚: 早 中 夜
  { key: 'early_middle_night', pattern: ['A', 'B', 'C'] },
];

/** Codes a company is likely to use for each role, best first. */
const PREFERRED: Record<Exclude<Role, 'R'>, readonly string[]> = {
  A: ['早', '白', '班', 'A', 'D'],
  B: ['中', 'B', 'M'],
  C: ['夜', '晚', 'C', 'N'],
};

/** Timetables a rotation may name: everything but free hours. */
export function rotatableTimetables(timetables: readonly TimetableDto[]): TimetableDto[] {
  return timetables.filter((t) => t.kind !== 'free');
}

/**
 * A template's days with the company's codes: each role takes its preferred code when it exists (早/中/夜, 白 …),
 * else the next timetable not used yet, in list order; '' when there is none left (the clerk picks).
 */
export function fillTemplate(template: RotationTemplate, timetables: readonly TimetableDto[]): string[] {
  const codes = rotatableTimetables(timetables).map((t) => t.code);
  const roles: Exclude<Role, 'R'>[] = [];
  for (const role of template.pattern) if (role !== 'R' && !roles.includes(role)) roles.push(role);
  const chosen = new Map<Role, string>();
  const used = new Set<string>();
  for (const role of roles) {
    const preferred = PREFERRED[role].find((code) => codes.includes(code) && !used.has(code));
    if (preferred) {
      chosen.set(role, preferred);
      used.add(preferred);
    }
  }
  for (const role of roles) {
    if (chosen.has(role)) continue;
    const next = codes.find((code) => !used.has(code));
    if (next) {
      chosen.set(role, next);
      used.add(next);
    }
  }
  return template.pattern.map((role) => (role === 'R' ? REST : (chosen.get(role) ?? '')));
}

export function isRest(day: string | null | undefined): boolean {
  const d = (day ?? '').trim();
  return d === '' || d === REST;
}

export function toRotationInput(values: RotationFormValues): RotationInput {
  return {
    name: (values.name ?? '').trim(),
    days: (values.days ?? []).map((d) => (isRest(d) ? REST : d.trim())),
  };
}

/** `name` → ['name'], `days.2.timetable` → ['days', 2]; null for what belongs to no field (`days`: too few, all rest). */
export function rotationErrorName(path: string, dayCount: number): (string | number)[] | null {
  if (path === 'name') return ['name'];
  const match = /^days\.(\d+)(?:\.\w+)?$/.exec(path);
  if (match && Number(match[1]) < dayCount) return ['days', Number(match[1])];
  return null;
}
