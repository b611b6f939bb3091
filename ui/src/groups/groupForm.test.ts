// Tests of the 考勤组 helpers: form ⇄ GroupInput, the assign form, server field paths, week and assignment summaries.
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { ApiError } from '../apiError';
import { dayShiftGroup, groupTimetables, productionAssignment, shiftGroup, zhangSanAssignment } from '../test/fixtures';
import {
  assignFieldPath,
  assignmentKey,
  assignmentSummary,
  eligibleTimetables,
  emptyAssignForm,
  emptyGroupForm,
  endAssignmentForm,
  fillWorkdays,
  formToAssignInput,
  formToGroupInput,
  groupFieldPath,
  groupToForm,
  latestVersion,
  problemTexts,
  quickFillCode,
  splitServerErrors,
  versionStart,
  weekCells,
} from './groupForm';

const oct1 = dayjs('2026-10-01');

function refusal(fields: { field: string; zh: string; problem?: string }[], zh = '输入有误，请检查标红的项目'): ApiError {
  return new ApiError({
    code: 'invalid_input',
    message: { zh, en: 'some fields are not valid' },
    fields: fields.map((f) => ({ field: f.field, value: '', problem: f.problem ?? 'x', message: { zh: f.zh, en: `en: ${f.zh}` } })),
  });
}

describe('group form ⇄ GroupInput', () => {
  it('a new fixed group sends seven entries, the defaults and no date', () => {
    const values = { ...emptyGroupForm(), name: '  行政 ', week: fillWorkdays('班') };
    expect(formToGroupInput(values, 'add')).toEqual({
      name: '行政',
      kind: 'fixed',
      week: ['班', '班', '班', '班', '班', '休', '休'],
      follow_holidays: true,
      min_rest_minutes: 480,
      max_consecutive_days: 6,
      effective_from: '',
      hours: '',
    });
  });

  it('a scheduled group sends an empty week whatever the pickers hold', () => {
    const values = { ...emptyGroupForm(), name: '三班', kind: 'scheduled' as const, week: fillWorkdays('班'), follow_holidays: false };
    const input = formToGroupInput(values, 'add');
    expect(input.week).toEqual([]);
    expect(input.follow_holidays).toBe(false);
  });

  it('rest words and empty entries become 休; a new group never sends a date', () => {
    const values = { ...emptyGroupForm(), name: 'x', week: ['班', '', '-', '休息', 'rest', undefined, '夜'], effective_from: oct1, apply: 'from' as const };
    const input = formToGroupInput(values, 'add');
    expect(input.week).toEqual(['班', '休', '休', '休', '休', '休', '夜']);
    expect(input.effective_from).toBe('');
    expect(formToGroupInput({ ...values, hours: 'comprehensive_month' }, 'add').hours).toBe('comprehensive_month');
  });

  it('editing opens the newest version, and sends its date only for 从某日起生效', () => {
    const form = groupToForm(dayShiftGroup, oct1);
    expect(form.name).toBe('白班组');
    expect(form.week).toEqual(['班', '班', '班', '班', '班', '班', '休']);
    expect(form.apply).toBe('from');
    expect(formToGroupInput(form, 'edit').effective_from).toBe('2026-10-01');
    expect(formToGroupInput({ ...form, apply: 'correct' }, 'edit').effective_from).toBe('');
    expect(latestVersion(dayShiftGroup).effective_from).toBe('2026-10-01');
  });

  it('a scheduled group opens with the default week ready for a switch to fixed', () => {
    const form = groupToForm(shiftGroup, oct1);
    expect(form.kind).toBe('scheduled');
    expect(form.week).toEqual([undefined, undefined, undefined, undefined, undefined, '休', '休']);
    expect(form.follow_holidays).toBe(false);
    expect(form.min_rest_minutes).toBe(600);
  });
});

describe('weekly pattern helpers', () => {
  it('offers fixed and flexible timetables to fixed groups, free ones to free groups', () => {
    expect(eligibleTimetables(groupTimetables, 'fixed').map((t) => t.code)).toEqual(['班', '夜', '弹']);
    expect(eligibleTimetables(groupTimetables, 'free').map((t) => t.code)).toEqual(['自']);
    expect(eligibleTimetables(groupTimetables, 'scheduled')).toEqual([]);
  });

  it('工作日都用 takes Monday’s timetable, else the first one allowed', () => {
    expect(quickFillCode(['夜', undefined, undefined, undefined, undefined, '休', '休'], ['班', '夜'])).toBe('夜');
    expect(quickFillCode([undefined, '夜'], ['班', '夜'])).toBe('班');
    expect(quickFillCode(['休'], ['班'])).toBe('班');
    expect(quickFillCode(['自'], ['班'])).toBe('班');
    expect(quickFillCode([], [])).toBeNull();
    expect(fillWorkdays('夜')).toEqual(['夜', '夜', '夜', '夜', '夜', '休', '休']);
  });

  it('summarises a week as seven cells with the timetable behind each code', () => {
    const cells = weekCells(['班', '班', '班', '班', '夜', '', '休'], groupTimetables);
    expect(cells.map((c) => `${c.weekday}:${c.code}:${c.rest}`)).toEqual([
      'mon:班:false',
      'tue:班:false',
      'wed:班:false',
      'thu:班:false',
      'fri:夜:false',
      'sat:休:true',
      'sun:休:true',
    ]);
    expect(cells[4].timetable?.name).toBe('夜班');
    expect(weekCells([], groupTimetables)).toEqual([]);
  });

  it('summarises assignments and version starts', () => {
    expect(assignmentSummary([productionAssignment, zhangSanAssignment])).toEqual({ first: '总部/生产部', count: 2 });
    expect(assignmentSummary([])).toBeNull();
    expect(versionStart('2000-01-01')).toBeNull();
    expect(versionStart('2026-10-01')).toBe('2026-10-01');
  });
});

describe('server field errors', () => {
  it('maps group paths onto the form', () => {
    expect(groupFieldPath('name')).toEqual(['name']);
    expect(groupFieldPath('week.2.timetable')).toEqual(['week', 2]);
    expect(groupFieldPath('week.6.timetable')).toEqual(['week', 6]);
    expect(groupFieldPath('days')).toBe('days');
    expect(groupFieldPath('min_rest_minutes')).toEqual(['min_rest_minutes']);
    expect(groupFieldPath('max_consecutive_days')).toEqual(['max_consecutive_days']);
    expect(groupFieldPath('effective_from')).toEqual(['effective_from']);
    expect(groupFieldPath('group')).toBeNull();
  });

  it('maps assignment paths onto the assign form', () => {
    expect(assignFieldPath('department_id')).toEqual(['department_id']);
    expect(assignFieldPath('employee_id')).toEqual(['employee_id']);
    expect(assignFieldPath('effective_from')).toEqual(['effective_from']);
    expect(assignFieldPath('group')).toEqual(['group_id']);
    expect(assignFieldPath('target_kind')).toBeNull();
  });

  it('splits a refusal into fields, week problems and general text; hidden fields go to the general text', () => {
    const error = refusal([
      { field: 'week.2.timetable', zh: '周三：班次「X」不存在' },
      { field: 'name', zh: '名称 已被 考勤组「行政」 使用' },
      { field: 'days', zh: '每周安排不能全是休息' },
      { field: 'effective_from', zh: '生效日期不对' },
      { field: 'something_else', zh: '别的问题' },
    ]);
    const split = splitServerErrors(error, 'zh-CN', groupFieldPath, (path) => path === 'days' || path[0] !== 'effective_from');
    expect(split.fields).toEqual([
      { name: ['week', 2], errors: ['周三：班次「X」不存在'] },
      { name: ['name'], errors: ['名称 已被 考勤组「行政」 使用'] },
    ]);
    expect(split.week).toEqual(['每周安排不能全是休息']);
    expect(split.general).toEqual(['生效日期不对', '别的问题']);
    expect(splitServerErrors(error, 'en', groupFieldPath).fields[0].errors).toEqual(['en: 周三：班次「X」不存在']);
  });

  it('falls back to the general message when no field is named', () => {
    const error = refusal([], '数据库忙');
    expect(splitServerErrors(error, 'zh-CN', groupFieldPath)).toEqual({ fields: [], week: [], general: ['数据库忙'] });
    expect(problemTexts(error, 'zh-CN')).toEqual(['数据库忙']);
    expect(problemTexts(refusal([{ field: 'group', zh: '正在被使用' }]), 'zh-CN')).toEqual(['正在被使用']);
  });
});

describe('assign form → AssignGroupInput', () => {
  it('sends the department, the group and the date', () => {
    const values = { ...emptyAssignForm(1, oct1), department_id: 2, employee_id: 11 };
    expect(formToAssignInput(values)).toEqual({ target_kind: 'department', target_id: 2, group_id: 1, effective_from: '2026-10-01' });
  });

  it('sends the person when assigning by person', () => {
    const values = { ...emptyAssignForm(1, oct1), target_kind: 'employee' as const, department_id: 2, employee_id: 11 };
    expect(formToAssignInput(values)).toEqual({ target_kind: 'employee', target_id: 11, group_id: 1, effective_from: '2026-10-01' });
  });

  it('ends an assignment with no group', () => {
    const form = endAssignmentForm(zhangSanAssignment, dayjs('2027-01-01'));
    expect(formToAssignInput(form)).toEqual({ target_kind: 'employee', target_id: 11, group_id: null, effective_from: '2027-01-01' });
    expect(assignmentKey(productionAssignment)).toEqual({ target_kind: 'department', target_id: 2, group_id: 1, effective_from: '2026-10-01' });
  });
});
