// Component tests of 班次与排班 → 考勤组 with a mocked api module: the list, the group form (quick fill, kinds, server errors, effective dates), assignments, members and delete.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel, type UserEvent } from '@testing-library/user-event';
import dayjs from 'dayjs';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import type { GroupsDto } from '../bindings/GroupsDto';
import {
  dayShiftGroup,
  dayShiftMembers,
  departments,
  groupsOnJune15,
  groupTimetables,
  page,
  productionAssignment,
  unassignedMembers,
  zhangSan,
  zhangSanAssignment,
} from '../test/fixtures';
import { GroupsTab } from './GroupsTab';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    listGroups: vi.fn(),
    saveGroup: vi.fn(),
    deleteGroup: vi.fn(),
    assignGroup: vi.fn(),
    removeAssignment: vi.fn(),
    listGroupMembers: vi.fn(),
    listTimetables: vi.fn(),
    listDepartments: vi.fn(),
    listEmployees: vi.fn(),
  };
});

const TODAY = dayjs().format('YYYY-MM-DD');

function renderGroups() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <GroupsTab />
    </AppProviders>,
  );
}

function refusal(field: string, zh: string, problem = 'not_found'): ApiError {
  return new ApiError({
    code: 'invalid_input',
    message: { zh: '输入有误，请检查标红的项目', en: 'some fields are not valid' },
    fields: [{ field, value: '', problem, message: { zh, en: zh } }],
  });
}

/** The form item (label, control, errors) around an element. */
const itemOf = (element: HTMLElement) => element.closest('.ant-form-item') as HTMLElement;

/**
 * Opens an antd Select (or TreeSelect) with this test id, optionally types a search, and clicks the
 * option titled `title` (jsdom key events carry no `which`, which rc-select reads on Enter).
 */
async function pick(user: UserEvent, testId: string, title: string, typed = '') {
  const input = screen.getByTestId(testId).querySelector('input') as HTMLElement;
  await user.click(input);
  if (typed) await user.type(input, typed);
  const option = await waitFor(() => {
    const found = document.querySelectorAll<HTMLElement>(
      `.ant-select-item-option[title="${title}"], .ant-select-tree-node-content-wrapper[title="${title}"]`,
    );
    if (found.length === 0) throw new Error(`no option ${title}`);
    return found[found.length - 1];
  });
  await user.click(option);
}

/** Unfolds a group's row (history and assignments). */
async function expandRow(user: UserEvent, name: string) {
  const row = await screen.findByTestId(`group-row-${name}`);
  await user.click(row.querySelector('.ant-table-row-expand-icon') as HTMLElement);
  return screen.findByTestId(`group-detail-${name}`);
}

/** Replaces the text of a DatePicker input and confirms it. */
async function typeDate(user: UserEvent, testId: string, date: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${date}{Enter}`);
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.listGroups).mockResolvedValue(groupsOnJune15);
  vi.mocked(api.listTimetables).mockResolvedValue(groupTimetables);
  vi.mocked(api.listDepartments).mockResolvedValue(departments);
  vi.mocked(api.listEmployees).mockResolvedValue(page([zhangSan]));
  vi.mocked(api.listGroupMembers).mockImplementation(({ unassigned }) =>
    Promise.resolve(unassigned ? unassignedMembers : dayShiftMembers),
  );
  vi.mocked(api.saveGroup).mockImplementation(({ id, group }) =>
    Promise.resolve({ ...dayShiftGroup, id: id ?? 9, name: group.name }),
  );
  vi.mocked(api.assignGroup).mockImplementation((input) =>
    Promise.resolve({ ...productionAssignment, ...input, target_label: '总部/生产部', group_name: '白班组' }),
  );
});

afterEach(async () => {
  await setLanguage('zh-CN');
});

describe('考勤组 list', () => {
  it('shows each group with its kind, week, holidays, members and assignments on the date', async () => {
    renderGroups();
    const row = await screen.findByTestId('group-row-白班组');
    expect(api.listGroups).toHaveBeenCalledWith(null);
    expect(screen.getByTestId('group-member-count-白班组')).toHaveTextContent(/^12$/);
    expect(screen.getByTestId('group-member-count-车间三班')).toHaveTextContent(/^0$/);
    expect(within(row).getByText('固定班制')).toBeInTheDocument();
    // The week in force on 2026-06-15 (Saturday still off), as seven tags.
    const tags = within(row).getAllByText(/^[一二三四五六日] /);
    expect(tags.map((tag) => tag.textContent)).toEqual(['一 班', '二 班', '三 班', '四 班', '五 班', '六 休', '日 休']);
    expect(tags[0]).toHaveAttribute('title', '周一：班 白班');
    expect(row).toHaveTextContent('总部/生产部 等 3 项');
    expect(within(row).getByText('是')).toBeInTheDocument();

    const shift = screen.getByTestId('group-row-车间三班');
    expect(shift).toHaveTextContent('排班制');
    expect(shift).toHaveTextContent('按排班表');
    expect(shift).toHaveTextContent('未分配');
    expect(within(shift).getByText('否')).toBeInTheDocument();

    // The date drives the counts.
    expect(screen.getByTestId('groups-on')).toHaveValue('2026-06-15');
  });

  it('warns about people in no group and lists them, with a way to assign each', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    const button = await screen.findByTestId('groups-unassigned');
    expect(button).toHaveTextContent('查看未分组 3 人');
    expect(screen.getByText('2026-06-15 有 3 人不在任何考勤组')).toBeInTheDocument();
    await user.click(button);
    const table = await screen.findByTestId('group-members-table');
    expect(api.listGroupMembers).toHaveBeenCalledWith({ groupId: null, unassigned: true, on: '2026-06-15' });
    expect(await within(table).findByText('赵六')).toBeInTheDocument();
    expect(within(table).getByText('孙八')).toBeInTheDocument();
    expect(screen.getByTestId('group-members-count')).toHaveTextContent('共 3 人');

    await user.click(within(table).getAllByTestId('group-member-assign')[0]);
    expect(await screen.findByText('给 赵六 分配考勤组')).toBeInTheDocument();
    const employee = screen.getByTestId('assign-employee');
    expect(employee).toHaveTextContent('2001 赵六（总部/品质部）');
  });

  it('no warning when everyone is in a group', async () => {
    vi.mocked(api.listGroups).mockResolvedValue({ ...groupsOnJune15, unassigned_count: 0 });
    renderGroups();
    await screen.findByTestId('group-row-白班组');
    expect(screen.queryByTestId('groups-unassigned')).toBeNull();
  });

  it('asks again for another date', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await screen.findByTestId('group-row-白班组');
    const later: GroupsDto = { ...groupsOnJune15, on: '2026-10-08', groups: [{ ...dayShiftGroup, member_count: 40 }] };
    vi.mocked(api.listGroups).mockResolvedValue(later);
    await typeDate(user, 'groups-on', '2026-10-08');
    await waitFor(() => expect(api.listGroups).toHaveBeenLastCalledWith('2026-10-08'));
    await waitFor(() => expect(screen.getByTestId('group-member-count-白班组')).toHaveTextContent(/^40$/));
  });

  it('explains 考勤组 when there is none, with the only 新建考勤组 button', async () => {
    vi.mocked(api.listGroups).mockResolvedValue({ on: '2026-06-15', groups: [], unassigned_count: 25 });
    renderGroups();
    expect(await screen.findByText('还没有考勤组')).toBeInTheDocument();
    expect(screen.getByText(/每个人都要在一个考勤组里/)).toBeInTheDocument();
    expect(screen.getAllByTestId('group-new')).toHaveLength(1);
    expect(screen.queryByTestId('groups-unassigned')).toBeNull();
  });

  it('lists a group’s members with why each is in it', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-members-白班组'));
    const table = await screen.findByTestId('group-members-table');
    expect(api.listGroupMembers).toHaveBeenCalledWith({ groupId: 1, unassigned: false, on: '2026-06-15' });
    expect(await within(table).findByText('通过 总部/生产部（2026-10-01 起）')).toBeInTheDocument();
    expect(within(table).getByText('个人分配（2026-11-01 起）')).toBeInTheDocument();
    expect(screen.getByText('「白班组」的成员（2026-06-15）')).toBeInTheDocument();
  });

  it('shows the history of the rules and the assignments when a row is expanded', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    const detail = await expandRow(user, '白班组');
    expect(within(detail).getByText('最初')).toBeInTheDocument();
    expect(within(detail).getAllByText('2026-10-01 起').length).toBeGreaterThanOrEqual(2);
    expect(within(detail).getByText('当前').closest('td')).toHaveTextContent('最初');
    expect(within(detail).getByText('1001 张三')).toBeInTheDocument();
  });

  it('says until when each assignment runs, and what follows it', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const group = groupsOnJune15.groups[0];
    const ended = { ...productionAssignment, until: '2026-11-30', next_group_name: null };
    const moved = { ...zhangSanAssignment, until: '2026-12-31', next_group_name: '车间三班' };
    vi.mocked(api.listGroups).mockResolvedValue({
      ...groupsOnJune15,
      groups: [{ ...group, assignments: [ended, moved, { ...productionAssignment, target_id: 3, target_label: '一车间' }] }, ...groupsOnJune15.groups.slice(1)],
    });
    renderGroups();
    const detail = await expandRow(user, group.name);
    expect(within(detail).getByTestId('assignment-until-department-2-2026-10-01')).toHaveTextContent('至 2026-11-30（之后不属于任何考勤组）');
    expect(within(detail).getByTestId('assignment-until-employee-11-2026-11-01')).toHaveTextContent('至 2026-12-31（之后转入「车间三班」）');
    expect(within(detail).getByText('至今')).toBeInTheDocument();
  });
});

describe('group form', () => {
  it('creates a fixed group: 工作日都用 fills Monday–Friday, the weekend off', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-new'));
    await user.type(screen.getByTestId('group-name'), '行政');
    const fill = screen.getByTestId('group-week-fill');
    // Nothing chosen on Monday yet: the first fixed timetable is offered.
    expect(fill).toHaveTextContent('工作日都用「班」，周六日休');
    await user.click(fill);
    expect(screen.getByTestId('group-week-2')).toHaveTextContent('班');
    expect(screen.getByTestId('group-week-5')).toHaveTextContent('休');
    await user.click(screen.getByTestId('group-save'));
    await waitFor(() =>
      expect(api.saveGroup).toHaveBeenCalledWith({
        id: null,
        group: {
          name: '行政',
          kind: 'fixed',
          week: ['班', '班', '班', '班', '班', '休', '休'],
          follow_holidays: true,
          min_rest_minutes: 480,
          max_consecutive_days: 6,
          effective_from: '',
          hours: '',
        },
      }),
    );
    expect(await screen.findByText('已新建考勤组「行政」')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('group-name')).toBeNull());
  });

  it('fills the weekdays with Monday’s choice, and Enter in the name saves', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-new'));
    await user.type(screen.getByTestId('group-name'), '夜班组');
    await pick(user, 'group-week-0', '夜');
    expect(screen.getByTestId('group-week-0')).toHaveTextContent('夜');
    await waitFor(() => expect(screen.getByTestId('group-week-fill')).toHaveTextContent('工作日都用「夜」'));
    await user.click(screen.getByTestId('group-week-fill'));
    await user.type(screen.getByTestId('group-name'), '{Enter}');
    await waitFor(() => expect(api.saveGroup).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.saveGroup).mock.calls[0][0].group.week).toEqual(['夜', '夜', '夜', '夜', '夜', '休', '休']);
  });

  it('does not send a week with days still to choose', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-new'));
    await user.type(screen.getByTestId('group-name'), '行政');
    await user.click(screen.getByTestId('group-save'));
    expect(await within(itemOf(screen.getByTestId('group-week-0'))).findByText('请选择')).toBeInTheDocument();
    expect(api.saveGroup).not.toHaveBeenCalled();
  });

  it('a free-hours group offers free-hours timetables; a scheduled group sends an empty week', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-new'));
    await user.type(screen.getByTestId('group-name'), '车间倒班');
    await user.click(screen.getByTestId('group-kind-free'));
    expect(screen.getByTestId('group-week-fill')).toHaveTextContent('工作日都用「自」');
    await user.click(screen.getByTestId('group-kind-scheduled'));
    expect(screen.queryByTestId('group-week-0')).toBeNull();
    expect(screen.queryByTestId('group-week-fill')).toBeNull();
    await user.click(screen.getByTestId('group-follow-holidays'));
    await user.click(screen.getByTestId('group-save'));
    await waitFor(() =>
      expect(api.saveGroup).toHaveBeenCalledWith({
        id: null,
        group: {
          name: '车间倒班',
          kind: 'scheduled',
          week: [],
          follow_holidays: false,
          min_rest_minutes: 480,
          max_consecutive_days: 6,
          effective_from: '',
          hours: '',
        },
      }),
    );
  });

  it('shows a server error on Wednesday’s picker, and the rest in an alert', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(api.saveGroup).mockRejectedValueOnce(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误，请检查标红的项目', en: 'some fields are not valid' },
        fields: [
          { field: 'week.2.timetable', value: '夜', problem: 'not_found', message: { zh: '周三：班次「夜」不存在', en: 'Wednesday: no timetable 夜' } },
          { field: 'name', value: '行政', problem: 'duplicate', message: { zh: '名称「行政」已被 考勤组「行政」 使用', en: 'taken' } },
          { field: 'days', value: '', problem: 'empty', message: { zh: '每周安排不能全是休息', en: 'no working day' } },
          { field: 'audit', value: '', problem: 'x', message: { zh: '别的问题', en: 'something else' } },
        ],
      }),
    );
    renderGroups();
    await user.click(await screen.findByTestId('group-new'));
    await user.type(screen.getByTestId('group-name'), '行政');
    await user.click(screen.getByTestId('group-week-fill'));
    await user.click(screen.getByTestId('group-save'));
    const wednesday = itemOf(screen.getByTestId('group-week-2'));
    expect(await within(wednesday).findByText('周三：班次「夜」不存在')).toBeInTheDocument();
    expect(within(itemOf(screen.getByTestId('group-week-1'))).queryByText('周三：班次「夜」不存在')).toBeNull();
    expect(within(itemOf(screen.getByTestId('group-name'))).getByText('名称「行政」已被 考勤组「行政」 使用')).toBeInTheDocument();
    expect(screen.getByTestId('group-form-problems')).toHaveTextContent('别的问题');
    expect(screen.getByTestId('group-week-error')).toHaveTextContent('每周安排不能全是休息');
    // The dialog stays open for a fix.
    expect(screen.getByTestId('group-save')).toBeInTheDocument();
  });

  it('edits from a date: the newest rules, a new version from 2026-10-08', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-edit-白班组'));
    expect(await screen.findByText('编辑考勤组「白班组」')).toBeInTheDocument();
    expect(screen.getByTestId('group-name')).toHaveValue('白班组');
    // The newest version (from 2026-10-01) works Saturdays.
    expect(screen.getByTestId('group-week-5')).toHaveTextContent('班');
    expect(screen.getByTestId('group-editing-version')).toHaveTextContent('2026-10-01 起');
    expect(screen.getByTestId('group-effective-from')).toHaveValue(TODAY);
    await pick(user, 'group-week-5', '休');
    await typeDate(user, 'group-effective-from', '2026-10-08');
    await user.click(screen.getByTestId('group-save'));
    await waitFor(() =>
      expect(api.saveGroup).toHaveBeenCalledWith({
        id: 1,
        group: {
          name: '白班组',
          kind: 'fixed',
          week: ['班', '班', '班', '班', '班', '休', '休'],
          follow_holidays: true,
          min_rest_minutes: 480,
          max_consecutive_days: 6,
          effective_from: '2026-10-08',
          hours: '',
        },
      }),
    );
    expect(await screen.findByText('已保存考勤组「白班组」')).toBeInTheDocument();
  });

  it('corrects the rules in force: no date is sent', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-edit-白班组'));
    await user.click(await screen.findByTestId('group-apply-correct'));
    expect(screen.queryByTestId('group-effective-from')).toBeNull();
    expect(screen.getByText(/自 2026-10-01 起的这一版规则被替换/)).toBeInTheDocument();
    await user.click(screen.getByTestId('group-save'));
    await waitFor(() => expect(api.saveGroup).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.saveGroup).mock.calls[0][0]).toMatchObject({ id: 1, group: { effective_from: '' } });
  });
});

describe('assignments', () => {
  it('assigns a department from a date to the group of its row; a refusal shows on its field', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(api.assignGroup).mockRejectedValueOnce(refusal('effective_from', '生效日期「2026-02-30」不是有效的日期', 'bad_date'));
    renderGroups();
    await user.click(await screen.findByTestId('group-assign-白班组'));
    expect(await screen.findByText('分配成员到「白班组」')).toBeInTheDocument();
    expect(screen.getByTestId('assign-group')).toHaveTextContent('白班组');
    expect(screen.getByTestId('assign-from')).toHaveValue(TODAY);
    expect(screen.getByText(/个人分配优先于部门；下级部门优先于上级/)).toBeInTheDocument();
    await pick(user, 'assign-department', '生产部');
    expect(screen.getByTestId('assign-department')).toHaveTextContent('总部/生产部');
    await typeDate(user, 'assign-from', '2026-10-01');
    await user.click(screen.getByTestId('assign-save'));
    expect(await within(itemOf(screen.getByTestId('assign-from'))).findByText('生效日期「2026-02-30」不是有效的日期')).toBeInTheDocument();

    await user.click(screen.getByTestId('assign-save'));
    await waitFor(() => expect(api.assignGroup).toHaveBeenCalledTimes(2));
    expect(api.assignGroup).toHaveBeenLastCalledWith({
      target_kind: 'department',
      target_id: 2,
      group_id: 1,
      effective_from: '2026-10-01',
    });
    expect(await screen.findByText('已将 总部/生产部 自 2026-10-01 起分配到「白班组」')).toBeInTheDocument();
  });

  it('assigns a person found by 工号', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderGroups();
    await user.click(await screen.findByTestId('group-assign-白班组'));
    await user.click(await screen.findByTestId('assign-kind-employee'));
    // The person picker replaces the department picker once the radio has re-rendered the form.
    const picker = await screen.findByTestId('assign-employee');
    await user.click(picker.querySelector('input') as HTMLElement);
    await user.type(picker.querySelector('input') as HTMLElement, '1001');
    await waitFor(() =>
      expect(api.listEmployees).toHaveBeenLastCalledWith({ status: 'all', page: 1, page_size: 30, search: '1001' }),
    );
    await user.click(await waitFor(() => document.querySelector('.ant-select-item-option[title="1001 张三（总部/生产部）"]') as HTMLElement));
    await user.click(screen.getByTestId('assign-save'));
    await waitFor(() =>
      expect(api.assignGroup).toHaveBeenCalledWith({ target_kind: 'employee', target_id: 11, group_id: 1, effective_from: TODAY }),
    );
  });

  it('ends an assignment from a date: the same target, no group', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(api.assignGroup).mockResolvedValueOnce({ ...productionAssignment, group_id: null, group_name: null, effective_from: '2027-01-01' });
    renderGroups();
    const detail = await expandRow(user, '白班组');
    await user.click(within(detail).getAllByTestId('group-assignment-end')[0]);
    expect(await screen.findByText('结束 总部/生产部 的分配')).toBeInTheDocument();
    expect(screen.getByTestId('assign-group')).toHaveTextContent('不属于任何考勤组');
    expect(screen.getByTestId('assign-department')).toHaveTextContent('总部/生产部');
    await typeDate(user, 'assign-from', '2027-01-01');
    await user.click(screen.getByTestId('assign-save'));
    await waitFor(() =>
      expect(api.assignGroup).toHaveBeenCalledWith({ target_kind: 'department', target_id: 2, group_id: null, effective_from: '2027-01-01' }),
    );
    expect(await screen.findByText('已结束 总部/生产部 自 2027-01-01 起的考勤组分配')).toBeInTheDocument();
  });

  it('deletes a mistaken assignment row', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(api.removeAssignment).mockResolvedValue(null);
    renderGroups();
    const detail = await expandRow(user, '白班组');
    await user.click(within(detail).getAllByTestId('group-assignment-delete')[1]);
    await user.click(await waitFor(() => document.querySelector('.ant-popconfirm .ant-btn-dangerous') as HTMLElement));
    await waitFor(() =>
      expect(api.removeAssignment).toHaveBeenCalledWith({ target_kind: 'employee', target_id: 11, group_id: 1, effective_from: '2026-11-01' }),
    );
  });
});

describe('delete', () => {
  it('deletes a group never assigned', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(api.deleteGroup).mockResolvedValue(null);
    renderGroups();
    await user.click(await screen.findByTestId('group-delete-车间三班'));
    await user.click(document.querySelector('.ant-popconfirm .ant-btn-dangerous') as HTMLElement);
    await waitFor(() => expect(api.deleteGroup).toHaveBeenCalledWith(2));
    expect(await screen.findByText('已删除考勤组「车间三班」')).toBeInTheDocument();
  });

  it('shows why a group in use cannot be deleted, and what to do instead', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(api.deleteGroup).mockRejectedValue(
      refusal('group', '考勤组「白班组」正在被 总部/生产部（2026-10-01 起）、1001 张三（2026-11-01 起） 使用，不能删除：先把它们改掉', 'in_use'),
    );
    renderGroups();
    await user.click(await screen.findByTestId('group-delete-白班组'));
    await user.click(document.querySelector('.ant-popconfirm .ant-btn-dangerous') as HTMLElement);
    const refused = await screen.findByTestId('group-delete-refused');
    expect(api.deleteGroup).toHaveBeenCalledWith(1);
    expect(refused).toHaveTextContent('正在被 总部/生产部（2026-10-01 起）、1001 张三（2026-11-01 起） 使用');
    expect(refused).toHaveTextContent('点「结束」');
    expect(document.querySelector('.ant-modal-confirm-title')).toHaveTextContent('考勤组「白班组」不能删除');
  });
});

describe('English', () => {
  it('speaks English', async () => {
    await setLanguage('en');
    renderGroups();
    const row = await screen.findByTestId('group-row-白班组');
    expect(row).toHaveTextContent('Fixed');
    expect(row).toHaveTextContent('总部/生产部 and 3 in all');
    expect(screen.getByTestId('groups-unassigned')).toHaveTextContent('Show the 3 unassigned');
  });
});
