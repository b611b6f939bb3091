// Tests that zh-CN and en have exactly the same keys and the same {{placeholders}}, and that no string is empty.
import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  const zh = flatten(zhCN as Tree);
  const enKeys = flatten(en as Tree);

  it('every zh-CN key exists in en', () => {
    expect([...zh.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('every en key exists in zh-CN', () => {
    expect([...enKeys.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('both languages use the same placeholders', () => {
    const mismatched = [...zh.entries()]
      .filter(([k, v]) => enKeys.has(k) && placeholders(v).join() !== placeholders(enKeys.get(k) ?? '').join())
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('has no empty strings', () => {
    expect([...zh.entries(), ...enKeys.entries()].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });
});

describe('keys used in the code', () => {
  // Every literal t('…') key in the sources must exist (dynamic keys such as `nav.${key}` are checked by the pages' tests).
  const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;
  const zh = flatten(zhCN as Tree);

  it('finds the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it('every literal key exists in the locale files', () => {
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const match of text.matchAll(/\bt\(\s*'([a-z_]+(?:\.[A-Za-z_/]+)+)'/g)) {
        if (!zh.has(match[1])) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every dynamic key family has its members', () => {
    for (const section of ['home', 'people', 'shifts', 'results', 'terminals', 'exceptions', 'reports', 'settings']) {
      expect(zh.has(`nav.${section}`), section).toBe(true);
    }
    for (const section of ['reports']) {
      expect(zh.has(`not_yet.${section}`), section).toBe(true);
    }
    for (const field of ['employee_no', 'name', 'department_id', 'position', 'hired_on', 'left_on', 'id_number', 'phone', 'pin', 'card_no', 'status']) {
      expect(zh.has(`employee.fields.${field}`), field).toBe(true);
    }
    for (const kind of ['make_up', 'accept_worked', 'mark_absent', 'note', 'leave', 'overtime', 'ignore_punch', 'flip_punch']) {
      expect(zh.has(`exceptions.kinds.${kind}`), kind).toBe(true);
    }
    for (const action of ['close', 'reopen']) {
      expect(zh.has(`exceptions.period.${action}`), action).toBe(true);
    }
    for (const tab of ['company', 'holidays', 'rules', 'audit']) {
      expect(zh.has(`settings.tabs.${tab}`), tab).toBe(true);
    }
    for (const dayClass of ['statutory', 'rest_day', 'make_up_workday', 'workday']) {
      expect(zh.has(`calendar.classes.${dayClass}`), dayClass).toBe(true);
      expect(zh.has(`calendar.class_pay.${dayClass}`), dayClass).toBe(true);
    }
    for (const source of ['weekday', 'weekend', 'statutory', 'substitute', 'swapped_rest', 'make_up_workday', 'company_day_off', 'company_working_day']) {
      expect(zh.has(`calendar.sources.${source}`), source).toBe(true);
    }
    for (const kind of ['statutory', 'substitute', 'swapped_rest', 'make_up_workday']) {
      expect(zh.has(`calendar.kinds.${kind}`), kind).toBe(true);
    }
    for (let day = 1; day <= 7; day += 1) {
      expect(zh.has(`calendar.weekdays.${day}`), String(day)).toBe(true);
      expect(zh.has(`calendar.weekday_names.${day}`), String(day)).toBe(true);
    }
    for (let month = 1; month <= 12; month += 1) {
      expect(zh.has(`calendar.months.${month}`), String(month)).toBe(true);
    }
    for (const reason of ['why_statutory', 'why_rest_day', 'why_working_day']) {
      expect(zh.has(`calendar.company.${reason}`), reason).toBe(true);
    }
    for (const field of ['employee_no', 'name', 'department', 'position', 'hired_on', 'left_on', 'id_number', 'phone', 'pin', 'card_no']) {
      expect(zh.has(`people_import.fields.${field}`), field).toBe(true);
    }
    for (const action of ['add', 'update', 'unchanged']) {
      expect(zh.has(`people_import.actions.${action}`), action).toBe(true);
    }
    for (const state of ['never', 'ok', 'failed', 'running', 'interrupted', 'disabled']) {
      expect(zh.has(`terminals.states.${state}`), state).toBe(true);
      expect(zh.has(`terminals.state_help.${state}`), state).toBe(true);
    }
    for (const outcome of ['running', 'ok', 'failed', 'interrupted']) {
      expect(zh.has(`terminals.log.outcomes.${outcome}`), outcome).toBe(true);
    }
    for (const key of ['s', 'ms', 'hm', 'dh']) expect(zh.has(`terminals.duration.${key}`), key).toBe(true);
    for (const key of ['fast', 'slow', 'same']) expect(zh.has(`terminals.skew.${key}`), key).toBe(true);
    for (const key of ['auto', 'tcp', 'udp']) expect(zh.has(`terminals.form.transports.${key}`), key).toBe(true);
    for (const key of ['none', 'hint', 'trust']) expect(zh.has(`terminals.form.state_keys.${key}`), key).toBe(true);
    for (const key of ['gbk', 'utf8', 'windows1252', 'windows1251', 'windows1256']) {
      expect(zh.has(`terminals.form.name_codecs.${key}`), key).toBe(true);
    }
    for (const zone of ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei']) {
      expect(zh.has(`timezones.${zone}`), zone).toBe(true);
    }
    for (const key of ['required', 'too_long', 'control_character', 'surrounding_space', 'employee_no_chars', 'department_name_slash', 'bad_pin', 'bad_card_no', 'id_format', 'id_birth_date', 'id_checksum', 'bad_phone']) {
      expect(zh.has(`validation.${key}`), key).toBe(true);
    }
  });
});
