// Client-side checks that mirror the backend's rules for instant feedback; the backend stays the authority.
//
// Each check returns null when the value is fine, or a Problem: an i18n key under `validation.`
// plus the values its message needs. `formRule` turns a check into an antd Form rule.
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}

const problem = (key: string, values?: Record<string, string | number>): Problem =>
  values ? { key, values } : { key };

export const EMPLOYEE_NO_MAX_CHARS = 20;
export const NAME_MAX_CHARS = 50;
export const POSITION_MAX_CHARS = 50;
export const DEPARTMENT_NAME_MAX_CHARS = 50;
export const COMPANY_NAME_MAX_CHARS = 100;
export const CARD_NO_MAX = 4294967295;

// Control characters (tabs, line breaks, …), as the backend refuses them in text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Length in characters (code points), as the backend counts, not UTF-16 units. */
export function charCount(value: string): number {
  return [...value].length;
}

/** Free text: required or not, at most `max` characters, no control characters, no surrounding spaces. */
export function checkText(value: string, required: boolean, max: number): Problem | null {
  if (value === '') return required ? problem('required') : null;
  if (value.trim() === '') return problem('required');
  if (CONTROL.test(value)) return problem('control_character');
  if (value.trim() !== value) return problem('surrounding_space');
  if (charCount(value) > max) return problem('too_long', { max });
  return null;
}

/** 工号: 1–20 characters from A–Z, a–z, 0–9, `-` and `_`. */
export function checkEmployeeNo(value: string): Problem | null {
  const text = checkText(value, true, EMPLOYEE_NO_MAX_CHARS);
  if (text) return text;
  return /^[A-Za-z0-9_-]+$/.test(value) ? null : problem('employee_no_chars');
}

/** 姓名: required, at most 50 characters. */
export const checkName = (value: string): Problem | null => checkText(value, true, NAME_MAX_CHARS);

/** 职位: optional, at most 50 characters. */
export const checkPosition = (value: string): Problem | null =>
  checkText(value, false, POSITION_MAX_CHARS);

/** 部门名称: required, at most 50 characters, no `/` (it separates levels in a department path). */
export function checkDepartmentName(value: string): Problem | null {
  const text = checkText(value, true, DEPARTMENT_NAME_MAX_CHARS);
  if (text) return text;
  return value.includes('/') ? problem('department_name_slash') : null;
}

/** 公司名称: required, at most 100 characters. */
export const checkCompanyName = (value: string): Problem | null =>
  checkText(value, true, COMPANY_NAME_MAX_CHARS);

/** 考勤机工号 (PIN): 1–9 digits, no leading zero. Optional. */
export function checkPin(value: string): Problem | null {
  if (value === '') return null;
  return /^[1-9][0-9]{0,8}$/.test(value) ? null : problem('bad_pin');
}

/** 卡号: 1–10 digits, not zero, at most 4294967295 (what terminals store). Optional. */
export function checkCardNo(value: string): Problem | null {
  if (value === '') return null;
  if (!/^[0-9]{1,10}$/.test(value)) return problem('bad_card_no');
  const n = Number(value);
  return n > 0 && n <= CARD_NO_MAX ? null : problem('bad_card_no');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character for the first 17 digits of an ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 身份证号 (GB 11643): 18 characters, 17 digits + digit or X, a real birth date, the right check character. Optional. */
export function checkIdNumber(value: string): Problem | null {
  if (value === '') return null;
  const v = value.toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(v)) return problem('id_format');
  if (!isRealDate(v.slice(6, 14))) return problem('id_birth_date');
  const expected = idNumberCheckChar(v);
  return v[17] === expected ? null : problem('id_checksum', { expected });
}

/**
 * Phone: a mainland mobile number (11 digits starting 13–19, optionally +86 first), or a
 * landline with area code (`010-12345678`, `0755 1234567`, optional `-123` extension). Optional.
 */
export function checkPhone(value: string): Problem | null {
  if (value === '') return null;
  const mobile = (s: string) => /^1[3-9][0-9]{9}$/.test(s);
  const compact = value.replace(/ /g, '');
  if (mobile(compact)) return null;
  if (compact.startsWith('+86') && mobile(compact.slice(3).replace(/^-+/, ''))) return null;
  const parts = value.split(/[- ]/).filter((p) => p !== '');
  const digits = (s: string) => /^[0-9]+$/.test(s);
  let landline = false;
  if (parts.length === 2 || parts.length === 3) {
    const [area, number, ext] = parts;
    landline =
      area.startsWith('0') &&
      area.length >= 3 &&
      area.length <= 4 &&
      digits(area) &&
      number.length >= 7 &&
      number.length <= 8 &&
      digits(number) &&
      (ext === undefined || (ext.length <= 6 && digits(ext)));
  } else if (parts.length === 1) {
    const [whole] = parts;
    landline = whole.startsWith('0') && whole.length >= 10 && whole.length <= 12 && digits(whole);
  }
  return landline ? null : problem('bad_phone');
}

/** Turns a check into an antd Form rule whose message comes from the locale files. */
export function formRule(check: (value: string) => Problem | null, t: TFunction): Rule {
  return {
    validator: (_rule, value: unknown) => {
      const text = typeof value === 'string' ? value : value == null ? '' : String(value);
      const found = check(text);
      return found
        ? Promise.reject(new Error(t(`validation.${found.key}`, found.values ?? {})))
        : Promise.resolve();
    },
  };
}
