// Component tests of 异常处理 with a mocked Tauri invoke: the inbox heaviest first with its kinds, the keyboard (↑/↓,
// Space, shortcut keys) choosing what is resolved, the exact resolution sent (补卡 time and direction, a bulk note),
// a reason required, undo right after, and 结账 refused until forced with a reason; a closed month ignores the keys.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@tauri-apps/api/core';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import type { ExceptionList } from '../bindings/ExceptionList';
import type { PeriodStatusDto } from '../bindings/PeriodStatusDto';
import { ExceptionsPage } from './ExceptionsPage';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
configure({ asyncUtilTimeout: 5000 });

type Args = Record<string, unknown>;
let backend: Record<string, (args: Args) => unknown>;

const row = (no: string, name: string, date: string, kind: string, zh: string, minutes: number) => ({
  employee_id: Number(no) - 1000,
  employee_no: no,
  name,
  department: '总部/行政部',
  date,
  kind,
  kind_name: { zh, en: kind },
  severity: 'error',
  text: { zh: `${zh} ${minutes} 分钟`, en: kind },
  minutes,
  punches: [7],
});

const inbox: ExceptionList = {
  month: '2026-10',
  closed: false,
  rows: [
    row('1001', '张三', '2026-10-13', 'absent', '旷工', 480),
    row('1002', '李四', '2026-10-12', 'missing_check_out', '下班缺卡', 240),
    row('1003', '王五', '2026-10-12', 'missing_check_out', '下班缺卡', 240),
  ],
  kinds: [
    { kind: 'missing_check_out', kind_name: { zh: '下班缺卡', en: 'missing check-out' }, count: 2 },
    { kind: 'absent', kind_name: { zh: '旷工', en: 'absent' }, count: 1 },
  ],
  reviewed: 0,
};

const open: PeriodStatusDto = {
  month: '2026-10',
  closed: false,
  checks: [
    { key: 'computed', ok: true, text: { zh: '考勤结果已计算', en: 'computed' } },
    { key: 'exceptions', ok: false, text: { zh: '未处理的严重异常：3 条', en: '3 open' } },
  ],
  events: [],
};

beforeEach(() => {
  vi.mocked(invoke).mockReset();
  backend = {
    list_exceptions: () => inbox,
    period_status: () => open,
    list_leave_types: () => [],
    resolve_exceptions: () => ({ corrections: [41, 42], changed_days: 2 }),
    undo_correction: () => ({ corrections: [41], changed_days: 1 }),
    close_period: () => ({ ...open, closed: true }),
  };
  vi.mocked(invoke).mockImplementation((command: string, args?: unknown) => {
    const answer = backend[command];
    if (!answer) return Promise.reject(new Error(`unexpected command ${command}`));
    return Promise.resolve(answer((args ?? {}) as Args));
  });
});

afterEach(() => vi.restoreAllMocks());

const calls = (command: string) =>
  vi.mocked(invoke).mock.calls.filter(([name]) => name === command).map(([, args]) => args as Args);

function renderPage() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <ExceptionsPage />
    </AppProviders>,
  );
}

const key = (table: HTMLElement, k: string) => fireEvent.keyDown(table, { key: k });

describe('异常处理', () => {
  it('lists the open findings heaviest first, with the kinds and their counts', async () => {
    renderPage();
    const table = await screen.findByTestId('exception-table');
    await within(table).findByText('张三');
    const rows = [...table.querySelectorAll('[data-testid^="exception-row-"]')].map((r) => r.getAttribute('data-testid'));
    expect(rows).toEqual([
      'exception-row-1001-2026-10-13-absent',
      'exception-row-1002-2026-10-12-missing_check_out',
      'exception-row-1003-2026-10-12-missing_check_out',
    ]);
    const kinds = screen.getByTestId('exception-kinds');
    expect(kinds.textContent).toContain('下班缺卡 2');
    expect(kinds.textContent).toContain('旷工 1');
  });

  it('makes up a punch for the focused row from the keyboard, and undoes it at once', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderPage();
    const table = await screen.findByTestId('exception-table');
    await within(table).findByText('李四');
    key(table, 'ArrowDown');
    key(table, 'b');
    await user.type(await screen.findByTestId('resolve-time'), '18:00');
    await user.type(screen.getByTestId('resolve-reason'), '忘记打卡{Enter}');
    await waitFor(() => expect(calls('resolve_exceptions')).toHaveLength(1));
    expect(calls('resolve_exceptions')[0].input).toEqual({
      targets: [{ employee_id: 2, date: '2026-10-12' }],
      resolution: { kind: 'make_up', time: '18:00', next_day: false, direction: 'out' },
      reason: '忘记打卡',
      attachment: '',
    });
    await user.click(await screen.findByTestId('resolved-undo'));
    await waitFor(() => expect(calls('undo_correction').map((a) => a.id)).toEqual([42, 41]));
  });

  it('refuses a resolution without a reason', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderPage();
    const table = await screen.findByTestId('exception-table');
    await within(table).findByText('张三');
    key(table, 'n');
    await user.click(await screen.findByTestId('resolve-ok'));
    expect(await screen.findByText('请填写原因：它会和更正一起保存并记入审计记录')).toBeTruthy();
    expect(calls('resolve_exceptions')).toHaveLength(0);
  });

  it('applies one note to the rows selected with Space', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderPage();
    const table = await screen.findByTestId('exception-table');
    await within(table).findByText('王五');
    key(table, 'ArrowDown');
    key(table, ' ');
    key(table, 'ArrowDown');
    key(table, ' ');
    key(table, 'n');
    await user.type(await screen.findByTestId('resolve-reason'), '停电，统一备注{Enter}');
    await waitFor(() => expect(calls('resolve_exceptions')).toHaveLength(1));
    const input = calls('resolve_exceptions')[0].input as Args;
    expect(input.targets).toEqual([
      { employee_id: 2, date: '2026-10-12' },
      { employee_id: 3, date: '2026-10-12' },
    ]);
    expect(input.resolution).toEqual({ kind: 'note' });
  });

  it('closes the month only when forced with a reason while a check fails', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderPage();
    await user.click(await screen.findByTestId('period-open'));
    const checks = await screen.findByTestId('period-checks');
    expect(checks.textContent).toContain('未处理的严重异常：3 条');
    const act = screen.getByTestId('period-act');
    expect(act).toBeDisabled();
    await user.click(screen.getByTestId('period-force'));
    expect(screen.getByTestId('period-act')).toBeDisabled();
    await user.type(screen.getByTestId('period-reason'), '迟到按制度处理');
    await user.click(screen.getByTestId('period-act'));
    await waitFor(() => expect(calls('close_period')).toEqual([{ month: expect.any(String), force: true, reason: '迟到按制度处理' }]));
  });

  it('ignores the resolution keys in a closed month', async () => {
    backend.period_status = () => ({ ...open, closed: true });
    renderPage();
    expect(await screen.findByTestId('period-closed')).toHaveTextContent('已结账');
    const table = await screen.findByTestId('exception-table');
    await within(table).findByText('张三');
    key(table, 'b');
    expect(screen.queryByTestId('resolve-time')).toBeNull();
  });

  it('lists review flags and dismisses one only with a reason', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    backend.list_flags = () => [
      {
        key: 'buddy_chain:1,2,3',
        kind: 'buddy_chain',
        kind_name: { zh: '疑似代打卡', en: 'possible buddy punching' },
        text: { zh: '3 人在考勤机 大门 上 5 秒内接连打卡：1001 张三、1002 李四、1003 王五', en: '3 people' },
        date: '2026-10-12',
        people: ['1001 张三', '1002 李四', '1003 王五'],
        punches: [1, 2, 3],
        terminal: '大门',
        dismissed_reason: null,
        dismissed_by: null,
      },
    ];
    backend.dismiss_flag = () => null;
    renderPage();
    await user.click(await screen.findByText('可疑打卡'));
    const table = await screen.findByTestId('flags-table');
    expect(await within(table).findByText('疑似代打卡')).toBeTruthy();
    await user.click(screen.getByTestId('flag-dismiss-buddy_chain:1,2,3'));
    expect(screen.getByTestId('flag-dismiss-ok')).toBeDisabled();
    await user.type(screen.getByTestId('flag-dismiss-reason'), '同车到达');
    await user.click(screen.getByTestId('flag-dismiss-ok'));
    await waitFor(() =>
      expect(calls('dismiss_flag')).toEqual([{ month: expect.any(String), key: 'buddy_chain:1,2,3', reason: '同车到达' }]),
    );
  });
});
