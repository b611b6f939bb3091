// Component tests of 班次与排班 → 请假 with a mocked api module: the records and their filters, 登记请假 (dry run per
// person, then confirm; half days, hours, refusals, 按部门添加, Enter), 撤销 with a reason, balances, 发放年度假期, 调整余额
// and the leave types.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel, type UserEvent } from '@testing-library/user-event';
import dayjs from 'dayjs';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import type { LeaveInput } from '../bindings/LeaveInput';
import type { LeaveRecordDto } from '../bindings/LeaveRecordDto';
import {
  annualBalances,
  departments,
  insufficientBalanceError,
  leaveLiSi,
  leaveRecord,
  leaveRecords,
  leaveTypes,
  page,
  yearMissingError,
  zhangSan,
} from '../test/fixtures';
import { LeaveTab } from './LeaveTab';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    listLeaveTypes: vi.fn(),
    saveLeaveType: vi.fn(),
    addLeave: vi.fn(),
    listLeave: vi.fn(),
    cancelLeave: vi.fn(),
    grantAnnualLeave: vi.fn(),
    adjustBalance: vi.fn(),
    leaveBalances: vi.fn(),
    listEmployees: vi.fn(),
    listDepartments: vi.fn(),
  };
});

// antd dialogs and selects are slow in jsdom when the whole suite runs in parallel: wait up to 5 s (this file only).
configure({ asyncUtilTimeout: 5000 });

const TODAY = dayjs().format('YYYY-MM-DD');
const MONTH_FROM = dayjs().startOf('month').format('YYYY-MM-DD');
const MONTH_TO = dayjs().endOf('month').format('YYYY-MM-DD');
const people = [zhangSan, leaveLiSi];

function renderTab() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <LeaveTab />
    </AppProviders>,
  );
}

const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });

/** Opens the antd Select with this test id, optionally types a search, and clicks the option titled `title`. */
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

/** Replaces the text of a DatePicker input and confirms it. */
async function typeDate(user: UserEvent, testId: string, date: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${date}{Enter}`);
}

/** The dry run's answer: one row per person, id 0. */
function dryRows(input: LeaveInput, amounts: Record<number, number>): LeaveRecordDto[] {
  const type = leaveTypes.find((x) => x.id === input.leave_type_id)!;
  return input.employee_ids.map((id) => {
    const person = people.find((p) => p.id === id)!;
    return leaveRecord({
      id: input.dry_run ? 0 : 500 + id,
      employee_id: id,
      employee_no: person.employee_no,
      name: person.name,
      leave_type_id: type.id,
      leave_type_name: type.name,
      unit: type.unit,
      when: { zh: `${input.start_date} 至 ${input.end_date}`, en: `${input.start_date} to ${input.end_date}` },
      amount: amounts[id] ?? 1,
      note: input.note,
    });
  });
}

async function openForm(user: UserEvent) {
  renderTab();
  await user.click(await screen.findByTestId('leave-add'));
  return screen.findByTestId('leave-people');
}

async function choosePeople(user: UserEvent) {
  await pick(user, 'leave-people', '1001 张三（总部/生产部）', '1001');
  await pick(user, 'leave-people', '1003 李四（总部/生产部）', '李四');
}

beforeEach(() => {
  // The view lives in the address: every test starts on 请假记录.
  window.location.hash = '#/shifts/leave';
  vi.resetAllMocks();
  vi.mocked(api.listLeaveTypes).mockResolvedValue(leaveTypes);
  vi.mocked(api.listLeave).mockImplementation((q) =>
    Promise.resolve(leaveRecords.filter((r) => q.include_cancelled || !r.cancelled)),
  );
  vi.mocked(api.listDepartments).mockResolvedValue(departments);
  vi.mocked(api.listEmployees).mockImplementation((q) =>
    Promise.resolve(page(people.filter((p) => !q.search || p.employee_no.includes(q.search) || p.name.includes(q.search)))),
  );
  vi.mocked(api.leaveBalances).mockResolvedValue(annualBalances);
  vi.mocked(api.addLeave).mockImplementation((input) => Promise.resolve(dryRows(input, { 11: 3, 13: 2 })));
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('views in the address', () => {
  it('keeps the chosen view in the hash, opens on it after a reload and follows Back', async () => {
    const user = setup();
    const first = renderTab();
    expect(await screen.findByTestId('leave-add')).toBeInTheDocument();
    await user.click(screen.getByTestId('leave-tab-balances'));
    expect(window.location.hash).toBe('#/shifts/leave/balances');
    expect(await screen.findByTestId('leave-grant-annual')).toBeInTheDocument();
    await user.click(screen.getByTestId('leave-tab-types'));
    expect(window.location.hash).toBe('#/shifts/leave/types');
    expect(await screen.findByTestId('leave-type-new')).toBeInTheDocument();

    // A reload: a fresh tab on the same address shows the same view.
    first.unmount();
    renderTab();
    expect(await screen.findByTestId('leave-type-new')).toBeInTheDocument();
    expect(screen.queryByTestId('leave-add')).toBeNull();

    // Back (the hash changes without a click) shows the view of the address.
    window.location.hash = '#/shifts/leave/balances';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await screen.findByTestId('leave-grant-annual')).toBeInTheDocument();
    expect(screen.queryByTestId('leave-type-new')).toBeNull();

    // 请假记录, the default, has no segment of its own.
    await user.click(screen.getByTestId('leave-tab-records'));
    expect(window.location.hash).toBe('#/shifts/leave');
    expect(await screen.findByTestId('leave-add')).toBeInTheDocument();
  });

  it('shows 请假记录 for a missing or unknown view', async () => {
    window.location.hash = '#/shifts/leave/nope';
    renderTab();
    expect(await screen.findByTestId('leave-add')).toBeInTheDocument();
    expect(screen.queryByTestId('leave-grant-annual')).toBeNull();
  });
});

describe('请假记录', () => {
  it('lists this month’s leave with type tags (on-duty marked), time, amount with unit, note and who entered it', async () => {
    renderTab();
    const row = await screen.findByTestId('leave-row-101');
    expect(api.listLeave).toHaveBeenCalledWith({
      from: MONTH_FROM,
      to: MONTH_TO,
      employee_id: null,
      leave_type_id: null,
      include_cancelled: false,
    });
    expect(row).toHaveTextContent('1001');
    expect(row).toHaveTextContent('张三');
    expect(row).toHaveTextContent('2026-11-09 下午 至 2026-11-11 上午');
    expect(screen.getByTestId('leave-amount-101')).toHaveTextContent(/^2 天$/);
    expect(row).toHaveTextContent('回老家办事');
    expect(row).toHaveTextContent('admin');
    expect(within(row).queryByText('算出勤')).toBeNull();

    const outing = screen.getByTestId('leave-row-102');
    expect(within(outing).getByText('外出')).toBeInTheDocument();
    expect(within(outing).getByText('算出勤')).toBeInTheDocument();
    expect(screen.getByTestId('leave-amount-102')).toHaveTextContent(/^1\.5 小时$/);
    // Cancelled leave is hidden until asked for.
    expect(screen.queryByTestId('leave-row-103')).toBeNull();
    expect(screen.getByTestId('leave-count')).toHaveTextContent('共 2 条');
  });

  it('shows cancelled leave greyed with the reason, filters by type and by person', async () => {
    const user = setup();
    renderTab();
    await screen.findByTestId('leave-row-101');
    await user.click(screen.getByTestId('leave-filter-cancelled'));
    const cancelled = await screen.findByTestId('leave-row-103');
    expect(api.listLeave).toHaveBeenLastCalledWith(expect.objectContaining({ include_cancelled: true }));
    expect(cancelled).toHaveClass('leave-row--cancelled');
    expect(cancelled).toHaveTextContent('已撤销');
    expect(cancelled).toHaveTextContent('撤销原因：员工提前返岗');
    expect(screen.queryByTestId('leave-cancel-103')).toBeNull();
    expect(screen.getByTestId('leave-row-101')).not.toHaveClass('leave-row--cancelled');

    await pick(user, 'leave-filter-type', '外出');
    await waitFor(() => expect(api.listLeave).toHaveBeenLastCalledWith(expect.objectContaining({ leave_type_id: 9 })));

    await user.type(screen.getByTestId('leave-filter-search'), '李四');
    await waitFor(() => expect(screen.queryByTestId('leave-row-101')).toBeNull());
    expect(screen.getByTestId('leave-row-102')).toBeInTheDocument();
  });

  it('shows the time in English too', async () => {
    await setLanguage('en');
    renderTab();
    const row = await screen.findByTestId('leave-row-101');
    expect(row).toHaveTextContent('2026-11-09 pm to 2026-11-11 am');
    expect(screen.getByTestId('leave-amount-101')).toHaveTextContent(/^2 days$/);
    expect(within(screen.getByTestId('leave-row-102')).getByText('At work')).toBeInTheDocument();
  });
});

describe('登记请假', () => {
  it('a half-day annual leave for two people: the exact dry run, each person’s amount, then the confirm', async () => {
    const user = setup();
    await openForm(user);
    await choosePeople(user);
    expect(screen.getByTestId('leave-people-count')).toHaveTextContent('已选 2 人');
    await pick(user, 'leave-type', '年假');
    // A half-day type offers 上午/下午 on both ends; there is no time field.
    await screen.findByTestId('leave-start-pm');
    expect(screen.queryByTestId('leave-from-time')).toBeNull();
    await typeDate(user, 'leave-start', '2026-10-08');
    await user.click(screen.getByTestId('leave-start-pm'));
    await typeDate(user, 'leave-end', '2026-10-12');
    await user.click(screen.getByTestId('leave-end-am'));
    await user.type(screen.getByTestId('leave-note'), '国庆后休年假');
    // Nothing can be confirmed before the preview.
    expect(screen.getByTestId('leave-confirm')).toBeDisabled();

    await user.click(screen.getByTestId('leave-preview'));
    const result = await screen.findByTestId('leave-preview-result');
    expect(api.addLeave).toHaveBeenCalledTimes(1);
    expect(api.addLeave).toHaveBeenCalledWith({
      employee_ids: [11, 13],
      leave_type_id: 1,
      start_date: '2026-10-08',
      start_half: 'pm',
      end_date: '2026-10-12',
      end_half: 'am',
      from_time: '',
      to_time: '',
      note: '国庆后休年假',
      dry_run: true,
    });
    expect(within(result).getByTestId('leave-preview-11')).toHaveTextContent('1001 张三 3 天');
    expect(within(result).getByTestId('leave-preview-13')).toHaveTextContent('1003 李四 2 天');
    expect(within(result).getByTestId('leave-preview-summary')).toHaveTextContent(/^张三 3 天，李四 2 天$/);
    expect(result).toHaveTextContent('2 人合计 5 天');

    await user.click(screen.getByTestId('leave-confirm'));
    await waitFor(() => expect(api.addLeave).toHaveBeenCalledTimes(2));
    expect(api.addLeave).toHaveBeenLastCalledWith(expect.objectContaining({ employee_ids: [11, 13], start_half: 'pm', end_half: 'am', dry_run: false }));
    expect(await screen.findByText('已登记年假：张三 3 天，李四 2 天')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('leave-people')).toBeNull());
  });

  it('a change after the preview needs a new preview', async () => {
    const user = setup();
    await openForm(user);
    await pick(user, 'leave-people', '1001 张三（总部/生产部）', '1001');
    await pick(user, 'leave-type', '病假');
    await user.click(screen.getByTestId('leave-preview'));
    await screen.findByTestId('leave-preview-result');
    expect(screen.getByTestId('leave-confirm')).toBeEnabled();
    await user.type(screen.getByTestId('leave-note'), '发烧');
    expect(screen.queryByTestId('leave-preview-result')).toBeNull();
    expect(screen.getByTestId('leave-confirm')).toBeDisabled();
  });

  it('shows the backend’s insufficient-balance refusal and marks the people', async () => {
    const user = setup();
    vi.mocked(api.addLeave).mockRejectedValue(new ApiError(insufficientBalanceError));
    await openForm(user);
    await choosePeople(user);
    await pick(user, 'leave-type', '年假');
    await user.click(screen.getByTestId('leave-preview'));
    const problems = await screen.findByTestId('leave-problems');
    expect(problems).toHaveTextContent('1003 李四：余额只剩 0.5 天，这次需要 2 天');
    expect(screen.getByTestId('leave-preview-result')).toContainElement(problems);
    const item = screen.getByTestId('leave-people').closest('.ant-form-item') as HTMLElement;
    expect(within(item).getByText('1003 李四：余额只剩 0.5 天，这次需要 2 天')).toBeInTheDocument();
    expect(screen.getByTestId('leave-confirm')).toBeDisabled();
  });

  it('shows the message of a year without holiday data', async () => {
    const user = setup();
    vi.mocked(api.addLeave).mockRejectedValue(new ApiError(yearMissingError(2027)));
    await openForm(user);
    await pick(user, 'leave-people', '1001 张三（总部/生产部）', '1001');
    await pick(user, 'leave-type', '婚假');
    await typeDate(user, 'leave-start', '2027-01-04');
    await user.click(screen.getByTestId('leave-preview'));
    const problems = await screen.findByTestId('leave-problems');
    expect(problems.textContent).toBe(yearMissingError(2027).message.zh);
    expect(screen.getByText('请先到「设置 → 节假日」导入这一年的节假日安排，再登记请假。')).toBeInTheDocument();
  });

  it('an hour leave sends one date with from_time and to_time', async () => {
    const user = setup();
    vi.mocked(api.addLeave).mockImplementation((input) => Promise.resolve(dryRows(input, { 11: 2.5 })));
    await openForm(user);
    await pick(user, 'leave-people', '1001 张三（总部/生产部）', '张三');
    await pick(user, 'leave-type', '事假');
    // An hour type takes one date and two times: no end date, no halves.
    await screen.findByTestId('leave-from-time');
    expect(screen.queryByTestId('leave-end')).toBeNull();
    expect(screen.queryByTestId('leave-start-pm')).toBeNull();
    await typeDate(user, 'leave-start', '2026-10-09');
    await user.type(screen.getByTestId('leave-from-time'), '9:00');
    await user.type(screen.getByTestId('leave-to-time'), '11:30');
    await user.click(screen.getByTestId('leave-preview'));
    await screen.findByTestId('leave-preview-result');
    expect(api.addLeave).toHaveBeenCalledWith({
      employee_ids: [11],
      leave_type_id: 3,
      start_date: '2026-10-09',
      start_half: 'am',
      end_date: '2026-10-09',
      end_half: 'pm',
      from_time: '09:00',
      to_time: '11:30',
      note: '',
      dry_run: true,
    });
    expect(screen.getByTestId('leave-preview-11')).toHaveTextContent('2.5 小时');
  });

  it('refuses an end time before the start time without asking the backend', async () => {
    const user = setup();
    await openForm(user);
    await pick(user, 'leave-people', '1001 张三（总部/生产部）', '张三');
    await pick(user, 'leave-type', '外出');
    await user.type(await screen.findByTestId('leave-from-time'), '15:00');
    await user.type(screen.getByTestId('leave-to-time'), '14:00');
    await user.click(screen.getByTestId('leave-preview'));
    expect(await screen.findByText('结束时间要晚于开始时间')).toBeInTheDocument();
    expect(api.addLeave).not.toHaveBeenCalled();
  });

  it('adds everyone of a department with 按部门添加', async () => {
    const user = setup();
    await openForm(user);
    await user.click(screen.getByTestId('leave-add-department'));
    await pick(user, 'leave-add-department-select', '生产部');
    await waitFor(() =>
      expect(api.listEmployees).toHaveBeenCalledWith({
        department_id: 2,
        include_subdepartments: true,
        status: 'active',
        page: 1,
        page_size: 500,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('leave-people-count')).toHaveTextContent('已选 2 人'));
    expect(screen.getByTestId('leave-people')).toHaveTextContent('1001 张三（总部/生产部）');
    expect(screen.getByTestId('leave-people')).toHaveTextContent('1003 李四（总部/生产部）');
    expect(await screen.findByText('已加入 总部/生产部 的 2 人')).toBeInTheDocument();
  });

  it('Enter in the note runs the preview, the next Enter confirms', async () => {
    const user = setup();
    await openForm(user);
    await pick(user, 'leave-people', '1001 张三（总部/生产部）', '1001');
    await pick(user, 'leave-type', '丧假');
    await user.type(screen.getByTestId('leave-note'), '奔丧{Enter}');
    await screen.findByTestId('leave-preview-result');
    expect(api.addLeave).toHaveBeenCalledTimes(1);
    expect(vi.mocked(api.addLeave).mock.calls[0][0]).toMatchObject({ leave_type_id: 7, note: '奔丧', dry_run: true });
    await user.type(screen.getByTestId('leave-note'), '{Enter}');
    await waitFor(() => expect(api.addLeave).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.addLeave).mock.calls[1][0]).toMatchObject({ leave_type_id: 7, dry_run: false });
  });
});

describe('撤销', () => {
  it('asks for a reason and sends {id, reason}', async () => {
    const user = setup();
    vi.mocked(api.cancelLeave).mockResolvedValue(null);
    renderTab();
    await user.click(await screen.findByTestId('leave-cancel-101'));
    expect(await screen.findByText('1001 张三 年假 2026-11-09 下午 至 2026-11-11 上午（2 天）')).toBeInTheDocument();
    await user.click(screen.getByTestId('leave-cancel-ok'));
    expect(await screen.findByText('请填写撤销原因')).toBeInTheDocument();
    expect(api.cancelLeave).not.toHaveBeenCalled();
    await user.type(screen.getByTestId('leave-cancel-reason'), ' 员工提前返岗 ');
    await user.click(screen.getByTestId('leave-cancel-ok'));
    await waitFor(() => expect(api.cancelLeave).toHaveBeenCalledWith({ id: 101, reason: '员工提前返岗' }));
    expect(await screen.findByText('已撤销 张三 的年假')).toBeInTheDocument();
  });
});

describe('假期余额', () => {
  it('shows the balances of a type with a balance on today', async () => {
    const user = setup();
    renderTab();
    await user.click(await screen.findByTestId('leave-tab-balances'));
    const table = await screen.findByTestId('leave-balance-table');
    expect(api.leaveBalances).toHaveBeenCalledWith({ leaveTypeId: 1, asOf: TODAY });
    expect(within(table).getByText('张三')).toBeInTheDocument();
    expect(screen.getByTestId('leave-balance-1001')).toHaveTextContent(/^5 天$/);
    expect(screen.getByTestId('leave-balance-1003')).toHaveTextContent(/^0\.5 天$/);
    const zhang = within(table).getByText('张三').closest('tr') as HTMLElement;
    expect(zhang).toHaveTextContent('8 天');
    expect(zhang).toHaveTextContent('1 天');

    // Only types with a balance are offered.
    await user.click(screen.getByTestId('leave-balance-type').querySelector('input') as HTMLElement);
    const offered = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.getAttribute('title'));
      if (found.length === 0) throw new Error('no options');
      return found;
    });
    expect(offered).toEqual(['年假', '调休假']);
  });

  it('发放年度假期 runs a dry run first, shows the counts, then grants', async () => {
    const user = setup();
    const year = dayjs().year();
    vi.mocked(api.grantAnnualLeave).mockImplementation((input) =>
      Promise.resolve({
        granted_people: 12,
        granted_total: 57.5,
        carried_people: 3,
        carried_total: 4,
        already_granted: 1,
        dry_run: input.dry_run,
      }),
    );
    renderTab();
    await user.click(await screen.findByTestId('leave-tab-balances'));
    await user.click(await screen.findByTestId('leave-grant-annual'));
    const preview = await screen.findByTestId('leave-grant-preview');
    expect(api.grantAnnualLeave).toHaveBeenCalledWith({ leave_type_id: 1, year, dry_run: true });
    expect(vi.mocked(api.grantAnnualLeave).mock.calls.every(([input]) => input.dry_run)).toBe(true);
    expect(preview).toHaveTextContent('发放当年额度：12 人，共 57.5 天');
    expect(preview).toHaveTextContent('结转上年剩余：3 人，共 4 天');
    expect(preview).toHaveTextContent('1 人本年已经发放过，不会重复发放');

    await user.click(screen.getByTestId('leave-grant-confirm'));
    await waitFor(() => expect(api.grantAnnualLeave).toHaveBeenLastCalledWith({ leave_type_id: 1, year, dry_run: false }));
    expect(await screen.findByText(`已发放 ${year} 年年假：12 人共 57.5 天，结转 3 人共 4 天`)).toBeInTheDocument();
  });

  it('调整余额 sends the people, year, signed amount and reason', async () => {
    const user = setup();
    vi.mocked(api.adjustBalance).mockResolvedValue(null);
    renderTab();
    await user.click(await screen.findByTestId('leave-tab-balances'));
    await user.click(await screen.findByTestId('leave-adjust'));
    await pick(user, 'leave-adjust-people', '1003 李四（总部/生产部）', '1003');
    await user.type(screen.getByTestId('leave-adjust-amount'), '-1.5');
    await user.click(screen.getByTestId('leave-adjust-save'));
    expect(await screen.findByText('请填写调整原因')).toBeInTheDocument();
    expect(api.adjustBalance).not.toHaveBeenCalled();
    await user.type(screen.getByTestId('leave-adjust-note'), '多发的年假扣回');
    await user.click(screen.getByTestId('leave-adjust-save'));
    await waitFor(() =>
      expect(api.adjustBalance).toHaveBeenCalledWith({
        employee_ids: [13],
        leave_type_id: 1,
        year: dayjs().year(),
        amount: -1.5,
        note: '多发的年假扣回',
      }),
    );
  });
});

describe('假期类型', () => {
  it('lists the types with their rules as tags', async () => {
    const user = setup();
    renderTab();
    await user.click(await screen.findByTestId('leave-tab-types'));
    const annual = await screen.findByTestId('leave-type-row-annual');
    expect(annual).toHaveTextContent('按半天');
    expect(annual).toHaveTextContent('不含休息日');
    expect(annual).toHaveTextContent('按余额');
    expect(annual).toHaveTextContent('每年 5 天');
    expect(annual).toHaveTextContent('最多结转 5 天');
    expect(annual).toHaveTextContent('结转 03-31 后作废');
    expect(screen.getByTestId('leave-type-row-maternity')).toHaveTextContent('含休息日');
    expect(screen.getByTestId('leave-type-row-outing')).toHaveTextContent('算出勤');
    expect(screen.getByTestId('leave-type-row-personal')).toHaveTextContent('不带薪');
  });

  it('creates a type (balance fields off) and edits one', async () => {
    const user = setup();
    vi.mocked(api.saveLeaveType).mockImplementation(({ id, leave_type }) => Promise.resolve({ id: id ?? 11, ...leave_type }));
    renderTab();
    await user.click(await screen.findByTestId('leave-tab-types'));
    await user.click(await screen.findByTestId('leave-type-new'));
    expect(screen.getByText(/例：产假 98 天含休息日；年假不含休息日，周末和法定节假日不扣年假/)).toBeInTheDocument();
    expect(screen.getByText(/03-31：上年剩余的年假在 3 月 31 日后作废/)).toBeInTheDocument();
    expect(screen.getByTestId('leave-type-annual-grant')).toBeDisabled();
    await user.type(screen.getByTestId('leave-type-name'), '居家办公');
    await user.type(screen.getByTestId('leave-type-code'), 'home_office');
    await user.click(screen.getByTestId('leave-type-unit-half_day'));
    await user.click(screen.getByTestId('leave-type-on-duty'));
    await user.click(screen.getByTestId('leave-type-save'));
    await waitFor(() =>
      expect(api.saveLeaveType).toHaveBeenCalledWith({
        id: null,
        leave_type: {
          code: 'home_office',
          name: '居家办公',
          unit: 'half_day',
          counts_rest_days: false,
          on_duty: true,
          paid: true,
          tracks_balance: false,
          annual_grant: null,
          max_carry_over: null,
          carry_over_expires: '',
        },
      }),
    );

    await user.click(await screen.findByTestId('leave-type-edit-annual'));
    const grant = screen.getByTestId('leave-type-annual-grant');
    await user.clear(grant);
    await user.type(grant, '10');
    await user.click(screen.getByTestId('leave-type-save'));
    await waitFor(() =>
      expect(api.saveLeaveType).toHaveBeenLastCalledWith({
        id: 1,
        leave_type: expect.objectContaining({ code: 'annual', annual_grant: 10, max_carry_over: 5, carry_over_expires: '03-31' }),
      }),
    );
  });

  it('puts the backend’s field problems under the fields', async () => {
    const user = setup();
    vi.mocked(api.saveLeaveType).mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误', en: 'invalid' },
        fields: [{ field: 'name', value: '年假', problem: 'duplicate', message: { zh: '名称「年假」已被 假期类型「年假」使用', en: 'taken' } }],
      }),
    );
    renderTab();
    await user.click(await screen.findByTestId('leave-tab-types'));
    await user.click(await screen.findByTestId('leave-type-new'));
    await user.type(screen.getByTestId('leave-type-name'), '年假');
    await user.type(screen.getByTestId('leave-type-code'), 'annual2{Enter}');
    await waitFor(() => expect(api.saveLeaveType).toHaveBeenCalledTimes(1));
    expect(await screen.findByTestId('leave-type-problems')).toHaveTextContent('名称「年假」已被 假期类型「年假」使用');
    const item = screen.getByTestId('leave-type-name').closest('.ant-form-item') as HTMLElement;
    expect(within(item).getByText('名称「年假」已被 假期类型「年假」使用')).toBeInTheDocument();
  });
});
