// Component tests of 考勤机 with a mocked Tauri invoke (so the command names and argument names are checked too): the
// list (states, records, drift warnings), the empty state, 添加/编辑 (exactly the input sent; the comm key only when typed,
// '' when cleared), refusals under their fields, 测试连接 and 校准时间, 立即下载 with progress from the channel and the
// result, 删除 refused → 停用, the 同步记录 drawer with the quarantine, the 人员 drawer (users on a terminal matched to the
// roster, 设为考勤号码, 把人员写入考勤机, a terminal that cannot be reached), and the list and the drawer in English.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { invoke } from '@tauri-apps/api/core';
import dayjs from 'dayjs';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import type { PullProgress } from '../bindings/PullProgress';
import type { PullReport } from '../bindings/PullReport';
import { groupsOnJune15, overview, wangWu } from '../test/fixtures';
import {
  canteen,
  deleteRefused,
  gate1,
  gate1Info,
  gate1InStep,
  gate1Pull,
  gate1Pulls,
  gate1Quarantine,
  gate1Upload,
  gate1Users,
  gate1UsersAdopted,
  pushDevices,
  receiverBlocked,
  receiverOff,
  receiverOn,
  receiverRefused,
  saveRefused,
  terminals,
  unreachable,
} from './fixtures';
import { TerminalsPage } from './TerminalsPage';

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(),
  // A stand-in for Tauri's Channel: the test delivers messages by calling onmessage, as the backend would.
  Channel: class<T> {
    onmessage: (message: T) => void = () => undefined;
  },
}));

// antd tables, drawers and dialogs are slow in jsdom when the whole suite runs in parallel.
configure({ asyncUtilTimeout: 5000 });

type Args = Record<string, unknown>;
/** The fake backend: one answer per command (a rejected promise is a refusal). */
let backend: Record<string, (args: Args) => unknown>;

beforeEach(() => {
  vi.mocked(invoke).mockReset();
  backend = {
    list_terminals: () => terminals,
    list_groups: () => groupsOnJune15,
    get_overview: () => overview,
    list_pulls: () => gate1Pulls,
    list_quarantine: () => gate1Quarantine,
    get_push_receiver: () => receiverOff,
    list_push_devices: () => [],
  };
  vi.mocked(invoke).mockImplementation((command: string, args?: unknown) => {
    const answer = backend[command];
    if (!answer) return Promise.reject(new Error(`unexpected command ${command}`));
    return Promise.resolve(answer((args ?? {}) as Args));
  });
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: 0 });

/** The arguments of every call of a command, in order. */
const calls = (command: string) =>
  vi.mocked(invoke).mock.calls.filter(([name]) => name === command).map(([, args]) => args as Args);

function renderPage(hash = '#/terminals') {
  window.location.hash = hash;
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <TerminalsPage />
    </AppProviders>,
  );
}

/** The form item (label, control, errors) around an element. */
const itemOf = (element: HTMLElement) => element.closest('.ant-form-item') as HTMLElement;
const cellsOf = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent);

/** Opens the antd Select with this test id and clicks the option titled `title`. */
async function pick(user: UserEvent, testId: string, title: string) {
  await user.click(screen.getByTestId(testId).querySelector('input') as HTMLElement);
  const option = await waitFor(() => {
    const found = document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${title}"]`);
    if (found.length === 0) throw new Error(`no option ${title}`);
    return found[found.length - 1];
  });
  await user.click(option);
}

/** Clicks the OK button of the open confirm dialog with this test id. */
async function confirm(user: UserEvent, testId: string) {
  await user.click(await screen.findByTestId(testId));
}

describe('考勤机 list', () => {
  it('shows each terminal with its address, state, records, quarantine and clock drift', async () => {
    const user = setup();
    renderPage();
    const row = await screen.findByTestId('terminal-row-1');
    expect(invoke).toHaveBeenCalledWith('list_terminals', undefined);
    // Name with its location and groups; address with the serial below it.
    expect(cellsOf(row).slice(0, 7)).toEqual([
      '一号门一楼大门白班组',
      '192.168.1.201:4370序列号 CQZ7232460012',
      '正常',
      `${dayjs('2026-10-08T00:30:00Z').format('YYYY-MM-DD HH:mm')}每 30 分钟；每天 08:30、18:00`,
      '1200 / 1180',
      '2',
      ' 快 1 分 15 秒',
    ]);
    expect(screen.getByTestId('terminal-schedule-2')).toHaveTextContent('不自动下载');
    expect(cellsOf(screen.getByTestId('terminal-row-2')).slice(1, 2)).toEqual(['192.168.1.202:5005 UDP—']);
    expect(screen.getByTestId('terminal-count')).toHaveTextContent('共 5 台');

    const states = [1, 2, 3, 4, 5].map((id) => screen.getByTestId(`terminal-state-${id}`));
    expect(states.map((tag) => tag.textContent)).toEqual(['正常', '失败', '从未下载', '中断', '已停用']);
    expect(states.map((tag) => tag.getAttribute('data-state'))).toEqual(['ok', 'failed', 'never', 'interrupted', 'disabled']);
    expect(states[0]).toHaveClass('ant-tag-green');
    expect(states[1]).toHaveClass('ant-tag-red');
    expect(screen.getByTestId('terminal-row-5')).toHaveClass('term-row--disabled');

    // Drift past a minute: red, a warning icon, why in a tooltip, and 校准时间 marked.
    const skew = screen.getByTestId('terminal-skew-1');
    expect(skew).toHaveAttribute('data-warning', 'true');
    expect(skew).toHaveClass('term-skew-warning');
    expect(skew.querySelector('.anticon-warning')).not.toBeNull();
    expect(screen.getByTestId('terminal-skew-2')).toHaveTextContent('慢 5 秒');
    expect(screen.getByTestId('terminal-skew-2')).not.toHaveAttribute('data-warning');
    expect(screen.getByTestId('terminal-skew-3')).toHaveTextContent('—');
    expect(screen.getByTestId('terminal-time-1')).toHaveClass('ant-btn-dangerous');
    expect(screen.getByTestId('terminal-time-2')).not.toHaveClass('ant-btn-dangerous');
    await user.hover(skew);
    expect(await screen.findByText(/考勤机时钟比电脑快 1 分 15 秒（相差超过 1 分钟）/)).toBeInTheDocument();

    // A failed terminal says why.
    await user.hover(states[1]);
    expect(await screen.findByText(/最近一次下载失败：连不上 192\.168\.1\.202:5005（连接超时）/)).toBeInTheDocument();
  });

  it('explains how to add the first terminal, and that U 盘 files are imported on 考勤结果', async () => {
    const user = setup();
    backend.list_terminals = () => [];
    renderPage();
    const empty = await screen.findByTestId('terminal-empty');
    expect(empty).toHaveTextContent('还没有登记考勤机');
    expect(empty).toHaveTextContent('通讯设置');
    expect(empty).toHaveTextContent('用 U 盘导出 attlog.dat，到「考勤结果」点「导入打卡」');
    expect(screen.queryByTestId('terminal-table')).toBeNull();
    await user.click(within(empty).getByTestId('terminal-empty-add'));
    expect(await screen.findByTestId('terminal-form')).toBeInTheDocument();
    expect(screen.getByText('添加考勤机', { selector: '.ant-modal-title' })).toBeInTheDocument();
  });
});

describe('添加/编辑', () => {
  it('asks for the serial number of a terminal that pushes over ADMS, and sends it', async () => {
    const user = setup();
    backend.save_terminal = ({ input }) => ({ ...canteen, id: 9, name: (input as { name: string }).name });
    renderPage();
    await user.click(await screen.findByTestId('terminal-add'));
    await screen.findByTestId('terminal-form');
    expect(screen.queryByTestId('terminal-serial')).toBeNull();
    await user.click(screen.getByTestId('terminal-transport-push'));
    const serial = await screen.findByTestId('terminal-serial');
    await user.type(screen.getByTestId('terminal-name'), '大门');
    await user.type(screen.getByTestId('terminal-host'), '192.168.1.210');
    await user.click(screen.getByTestId('terminal-save'));
    expect(await screen.findByText('推送方式的考勤机要填序列号')).toBeInTheDocument();
    expect(calls('save_terminal')).toHaveLength(0);
    await user.type(serial, 'CQZ7232460099{Enter}');
    await waitFor(() => expect(calls('save_terminal')).toHaveLength(1));
    expect(calls('save_terminal')[0]).toMatchObject({ input: { transport: 'push', serial: 'CQZ7232460099' } });
  });

  it('adds a terminal with exactly what was entered: defaults, the company’s zone, the comm key typed, HH:MM times', async () => {
    const user = setup();
    backend.get_overview = () => ({ ...overview, company: { name: '某某电子厂', timezone: 'Asia/Urumqi' } });
    backend.save_terminal = ({ input }) => ({ ...canteen, id: 9, name: (input as { name: string }).name });
    renderPage();
    await user.click(await screen.findByTestId('terminal-add'));
    const form = await screen.findByTestId('terminal-form');
    expect(screen.getByTestId('terminal-port')).toHaveValue('4370');
    expect(screen.getByTestId('terminal-comm-key')).toHaveAttribute('placeholder', '考勤机没有设通讯密码就不填');
    expect(screen.queryByTestId('terminal-comm-key-clear')).toBeNull();
    await waitFor(() => expect(within(form).getByTestId('terminal-tz')).toHaveTextContent('新疆时间（UTC+6，Asia/Urumqi）'));
    expect(within(form).getByText(/员工常常按错上班\/下班键/)).toBeInTheDocument();

    await user.type(screen.getByTestId('terminal-name'), '三号门');
    await user.type(screen.getByTestId('terminal-comm-key'), '12345');
    await pick(user, 'terminal-groups', '白班组');
    await user.type(screen.getByTestId('terminal-every-minutes'), '30');
    await user.type(screen.getByTestId('terminal-at-times').querySelector('input') as HTMLElement, '18:00,8:30,');
    await waitFor(() =>
      expect([...screen.getByTestId('terminal-at-times').querySelectorAll('.ant-select-selection-item')].map((x) => x.textContent)).toEqual([
        '08:30',
        '18:00',
      ]),
    );
    // Enter in a text field saves.
    await user.type(screen.getByTestId('terminal-host'), '192.168.1.203{Enter}');

    await waitFor(() => expect(calls('save_terminal')).toHaveLength(1));
    expect(calls('save_terminal')[0]).toEqual({
      input: {
        id: null,
        name: '三号门',
        host: '192.168.1.203',
        port: 4370,
        transport: 'auto',
        tz: 'Asia/Urumqi',
        location: '',
        state_key: 'hint',
        name_codec: 'gbk',
        clear_after_pull: false,
        every_minutes: 30,
        at_times: ['08:30', '18:00'],
        enabled: true,
        group_ids: [1],
        comm_key: '12345',
        serial: null,
      },
    });
    expect(await screen.findByText('已添加考勤机「三号门」：点「测试连接」看看能不能连上')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('terminal-form')).toBeNull());
  });

  it('checks the address, the comm key and the times before asking the backend', async () => {
    const user = setup();
    backend.save_terminal = () => canteen;
    renderPage();
    await user.click(await screen.findByTestId('terminal-add'));
    await screen.findByTestId('terminal-form');
    await user.type(screen.getByTestId('terminal-name'), '三号门');
    await user.type(screen.getByTestId('terminal-host'), '192.168.1.203 门口');
    await user.type(screen.getByTestId('terminal-comm-key'), '12ab');
    await user.type(screen.getByTestId('terminal-at-times').querySelector('input') as HTMLElement, '25:00,');
    await user.click(screen.getByTestId('terminal-save'));
    expect(await within(itemOf(screen.getByTestId('terminal-host'))).findByText(/只能填 IP 地址/)).toBeInTheDocument();
    expect(await within(itemOf(screen.getByTestId('terminal-comm-key'))).findByText('通讯密码是 1–9 位数字')).toBeInTheDocument();
    expect(await within(itemOf(screen.getByTestId('terminal-at-times'))).findByText('时间要写成 时:分，如 08:30：25:00')).toBeInTheDocument();
    expect(calls('save_terminal')).toHaveLength(0);
  });

  it('edits a terminal without sending its comm key back, and clears it only when asked', async () => {
    const user = setup();
    backend.save_terminal = () => gate1;
    renderPage();
    await user.click(await screen.findByTestId('terminal-edit-1'));
    await screen.findByTestId('terminal-form');
    expect(screen.getByTestId('terminal-name')).toHaveValue('一号门');
    expect(screen.getByTestId('terminal-comm-key')).toHaveValue('');
    expect(screen.getByTestId('terminal-comm-key')).toHaveAttribute('placeholder', '已设置，留空则不变');
    expect(screen.getByTestId('terminal-comm-key-set')).toHaveTextContent('已设置');
    await user.click(screen.getByTestId('terminal-save'));
    await waitFor(() => expect(calls('save_terminal')).toHaveLength(1));
    const unchanged = {
      id: 1,
      name: '一号门',
      host: '192.168.1.201',
      port: 4370,
      transport: 'auto',
      tz: 'Asia/Shanghai',
      location: '一楼大门',
      state_key: 'hint',
      name_codec: 'gbk',
      clear_after_pull: false,
      every_minutes: 30,
      at_times: ['08:30', '18:00'],
      enabled: true,
      group_ids: [1],
      comm_key: null,
      // The serial the terminal reported goes back as it is.
      serial: 'CQZ7232460012',
    };
    expect(calls('save_terminal')[0]).toEqual({ input: unchanged });
    expect(await screen.findByText('已保存考勤机「一号门」')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('terminal-form')).toBeNull());

    await user.click(screen.getByTestId('terminal-edit-1'));
    await screen.findByTestId('terminal-form');
    await user.click(screen.getByTestId('terminal-comm-key-clear'));
    // The form re-renders after the checkbox's change: on a busy machine not within the click.
    await waitFor(() => expect(screen.getByTestId('terminal-comm-key')).toBeDisabled());
    await user.click(screen.getByTestId('terminal-key-mode-trust'));
    await user.click(screen.getByTestId('terminal-clear-after-pull'));
    expect(screen.getByTestId('terminal-clear-warning')).toHaveTextContent('清除后考勤机里就没有这些记录了');
    await user.click(screen.getByTestId('terminal-save'));
    await waitFor(() => expect(calls('save_terminal')).toHaveLength(2));
    expect(calls('save_terminal')[1]).toEqual({
      input: { ...unchanged, state_key: 'trust', clear_after_pull: true, comm_key: '' },
    });
  });

  it('puts the backend’s refusals under the fields they name, keeps the dialog open, and Esc closes it', async () => {
    const user = setup();
    backend.save_terminal = () => Promise.reject(saveRefused);
    renderPage();
    await user.click(await screen.findByTestId('terminal-add'));
    await screen.findByTestId('terminal-form');
    await user.type(screen.getByTestId('terminal-name'), '一号门');
    await user.type(screen.getByTestId('terminal-host'), '192.168.1.9:4370{Enter}');
    expect(await within(itemOf(screen.getByTestId('terminal-name'))).findByText('名称“一号门”已被 一号门 使用')).toBeInTheDocument();
    expect(within(itemOf(screen.getByTestId('terminal-host'))).getByText('IP 地址“192.168.1.9:4370”不是地址：只填 IP，不要带端口')).toBeInTheDocument();
    // The backend calls the zone `timezone`: it lands on 时区.
    expect(within(itemOf(screen.getByTestId('terminal-tz'))).getByText('不支持这个时区')).toBeInTheDocument();
    expect(calls('save_terminal')).toHaveLength(1);
    expect(screen.getByTestId('terminal-form')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('terminal-form')).toBeNull());
    expect(calls('save_terminal')).toHaveLength(1);
  });
});

describe('测试连接 and 校准时间', () => {
  it('shows what the terminal says, and sets its clock after asking', async () => {
    const user = setup();
    backend.test_terminal = () => gate1Info;
    backend.set_terminal_time = () => gate1InStep;
    renderPage();
    await user.click(await screen.findByTestId('terminal-test-1'));
    const result = await screen.findByTestId('terminal-test-result');
    expect(calls('test_terminal')).toEqual([{ id: 1 }]);
    expect(within(result).getByText('连接成功')).toBeInTheDocument();
    expect(within(result).getByTestId('terminal-test-serial')).toHaveTextContent('CQZ7232460012');
    expect(within(result).getByTestId('terminal-test-users')).toHaveTextContent('120 / 3000');
    expect(within(result).getByTestId('terminal-test-records')).toHaveTextContent('1234 / 100000');
    expect(within(result).getByTestId('terminal-test-device-time')).toHaveTextContent('2026-10-08 09:01:15');
    expect(within(result).getByTestId('terminal-test-pc-time')).toHaveTextContent('2026-10-08 09:00:00');
    expect(within(result).getByTestId('terminal-test-skew')).toHaveTextContent('快 1 分 15 秒');
    expect(result).toHaveTextContent('Ver 6.60 Apr 28 2017');
    expect(result).toHaveTextContent('ZMM220_TFT · iFace302');
    expect(result).toHaveTextContent('TCP');

    await user.click(within(result).getByTestId('terminal-test-fix-time'));
    expect(await screen.findByText('把考勤机时间改为电脑时间？', { selector: '.ant-modal-confirm-title' })).toBeInTheDocument();
    expect(calls('set_terminal_time')).toHaveLength(0);
    await confirm(user, 'terminal-time-confirm');
    await waitFor(() => expect(calls('set_terminal_time')).toEqual([{ id: 1 }]));
    expect(await screen.findByText('已校准「一号门」：考勤机时间 2026-10-08 09:02:00，时差 一致')).toBeInTheDocument();
    // The dialog and the row show the new drift, although the list still has the last pull's.
    await waitFor(() => expect(within(result).getByTestId('terminal-test-skew')).toHaveTextContent('一致'));
    expect(screen.getByTestId('terminal-skew-1')).toHaveTextContent('一致');
    expect(screen.getByTestId('terminal-skew-1')).not.toHaveAttribute('data-warning');
  });

  it('asks before setting the clock from a row, and does nothing on 取消', async () => {
    const user = setup();
    backend.set_terminal_time = () => gate1InStep;
    renderPage();
    await user.click(await screen.findByTestId('terminal-time-2'));
    expect(await screen.findByText('「仓库」的时钟会改成这台电脑现在的时间（北京时间（UTC+8，Asia/Shanghai））。已经保存的打卡不会变。')).toBeInTheDocument();
    await user.click(screen.getByTestId('terminal-time-cancel'));
    await waitFor(() => expect(document.querySelector('.ant-modal-confirm')).toBeNull());
    expect(calls('set_terminal_time')).toHaveLength(0);
  });

  it('shows why a terminal cannot be reached', async () => {
    const user = setup();
    backend.test_terminal = () => Promise.reject(unreachable);
    renderPage();
    await user.click(await screen.findByTestId('terminal-test-2'));
    const error = await screen.findByTestId('terminal-test-error');
    expect(calls('test_terminal')).toEqual([{ id: 2 }]);
    expect(error).toHaveTextContent('连不上「仓库」');
    expect(error).toHaveTextContent('连不上 192.168.1.201:4370（连接被拒绝）：请检查考勤机是否开机');
  });
});

describe('立即下载', () => {
  it('shows the progress from the channel with its stage, then what the pull did, and reads the list again', async () => {
    const user = setup();
    let send: (progress: PullProgress) => void = () => undefined;
    let finish: (report: PullReport) => void = () => undefined;
    backend.pull_terminal = ({ onProgress }) => {
      send = (progress) => (onProgress as { onmessage: (p: PullProgress) => void }).onmessage(progress);
      return new Promise<PullReport>((resolve) => {
        finish = resolve;
      });
    };
    backend.set_terminal_time = () => gate1InStep;
    renderPage();
    await user.click(await screen.findByTestId('terminal-pull-1'));
    const progress = await screen.findByTestId('terminal-pull-progress');
    expect(calls('pull_terminal')).toEqual([{ id: 1, onProgress: expect.anything() }]);
    expect(progress).toHaveTextContent('连接中…');
    // One pull at a time from this window.
    expect(screen.getByTestId('terminal-pull-2')).toBeDisabled();

    act(() => send({ stage: 'reading', done: 20480, total: 40960 }));
    await waitFor(() => expect(progress).toHaveTextContent('读取中：20.0 / 40.0 KB'));
    expect(progress.querySelector('[role="progressbar"]')).toHaveAttribute('aria-valuenow', '40');
    act(() => send({ stage: 'saving', done: 60, total: 120 }));
    await waitFor(() => expect(progress).toHaveTextContent('保存中：60 / 120 条'));
    expect(progress.querySelector('[role="progressbar"]')).toHaveAttribute('aria-valuenow', '90');

    const listed = calls('list_terminals').length;
    act(() => finish(gate1Pull));
    const result = await screen.findByTestId('terminal-pull-result');
    expect(screen.queryByTestId('terminal-pull-progress')).toBeNull();
    expect(within(result).getByTestId('terminal-pull-summary')).toHaveTextContent('读到 120 条，新增 100 条，已有 18 条，隔离 2 条');
    expect(result).toHaveTextContent('考勤机里有 120 条记录，读了 40.0 KB（TCP）。');
    const unknown = within(result).getByTestId('terminal-pull-unknown');
    expect([...unknown.querySelectorAll('.ant-tag')].map((tag) => tag.textContent)).toEqual(['21', '37']);
    expect(result).toHaveTextContent('未对应人员的考勤号码：2 个');
    expect(within(result).getByTestId('terminal-pull-skew')).toHaveTextContent('考勤机时钟比电脑快 1 分 15 秒');
    expect(within(result).getByTestId('terminal-pull-clear-refused')).toHaveTextContent(
      '没有清除考勤机记录：考勤机记录数在下载期间变了（120 → 121），这次不清除',
    );
    expect(within(result).queryByTestId('terminal-pull-cleared')).toBeNull();
    await waitFor(() => expect(calls('list_terminals').length).toBeGreaterThan(listed));
    expect(screen.getByTestId('terminal-pull-2')).not.toBeDisabled();

    // 校准时间 from the drift warning, after asking.
    await user.click(within(result).getByTestId('terminal-pull-fix-time'));
    await confirm(user, 'terminal-time-confirm');
    await waitFor(() => expect(calls('set_terminal_time')).toEqual([{ id: 1 }]));

    await user.click(within(result).getByTestId('terminal-pull-show-quarantine'));
    await waitFor(() => expect(window.location.hash).toBe('#/terminals/1/log'));
  });

  it('shows why a pull failed', async () => {
    const user = setup();
    backend.pull_terminal = () => Promise.reject(unreachable);
    renderPage();
    await user.click(await screen.findByTestId('terminal-pull-1'));
    const error = await screen.findByTestId('terminal-pull-error');
    expect(error).toHaveTextContent('「一号门」下载失败');
    expect(error).toHaveTextContent('连不上 192.168.1.201:4370（连接被拒绝）');
    expect(screen.queryByTestId('terminal-pull-progress')).toBeNull();
    await user.click(screen.getByTestId('terminal-pull-close'));
    expect(screen.queryByTestId('terminal-pull-error')).toBeNull();
  });
});

describe('删除', () => {
  it('deletes a terminal never pulled, after asking', async () => {
    const user = setup();
    backend.delete_terminal = () => null;
    renderPage();
    await user.click(await screen.findByTestId('terminal-delete-3'));
    expect(await screen.findByText('删除考勤机「食堂」？', { selector: '.ant-modal-confirm-title' })).toBeInTheDocument();
    await confirm(user, 'terminal-delete-confirm');
    await waitFor(() => expect(calls('delete_terminal')).toEqual([{ id: 3 }]));
    expect(await screen.findByText('已删除考勤机「食堂」')).toBeInTheDocument();
  });

  it('shows why a pulled terminal cannot be deleted and offers 停用, which changes nothing else', async () => {
    const user = setup();
    backend.delete_terminal = () => Promise.reject(deleteRefused);
    backend.save_terminal = () => ({ ...gate1, enabled: false });
    renderPage();
    await user.click(await screen.findByTestId('terminal-delete-1'));
    await confirm(user, 'terminal-delete-confirm');
    const problem = await screen.findByTestId('terminal-delete-problem');
    expect(calls('delete_terminal')).toEqual([{ id: 1 }]);
    expect(problem).toHaveTextContent('考勤机“一号门”已经下载过记录，要保留它的历史：请停用，不要删除');
    expect(problem).toHaveTextContent('可以把它停用');
    expect(screen.getByText('不能删除考勤机「一号门」', { selector: '.ant-modal-confirm-title' })).toBeInTheDocument();

    await confirm(user, 'terminal-disable');
    await waitFor(() => expect(calls('save_terminal')).toHaveLength(1));
    expect(calls('save_terminal')[0]).toEqual({
      input: {
        id: 1,
        name: '一号门',
        host: '192.168.1.201',
        port: 4370,
        transport: 'auto',
        tz: 'Asia/Shanghai',
        location: '一楼大门',
        state_key: 'hint',
        name_codec: 'gbk',
        clear_after_pull: false,
        every_minutes: 30,
        at_times: ['08:30', '18:00'],
        enabled: false,
        group_ids: [1],
        comm_key: null,
        serial: 'CQZ7232460012',
      },
    });
    expect(await screen.findByText('已停用考勤机「一号门」')).toBeInTheDocument();
  });
});

describe('同步记录', () => {
  it('opens a terminal’s pull log and quarantine in a drawer, kept in the address', async () => {
    const user = setup();
    renderPage();
    await user.click(await screen.findByTestId('terminal-log-1'));
    expect(window.location.hash).toBe('#/terminals/1/log');
    const log = await screen.findByTestId('terminal-log');
    const ok = await within(log).findByTestId('terminal-pulllog-row-41');
    expect(calls('list_pulls')).toEqual([{ id: 1, limit: 100 }]);
    expect(calls('list_quarantine')).toEqual([{ terminalId: 1 }]);
    expect(screen.getByText('同步记录 · 一号门')).toBeInTheDocument();
    expect(cellsOf(ok)).toEqual([
      dayjs('2026-10-08T00:30:00Z').format('YYYY-MM-DD HH:mm'),
      '成功',
      '120',
      '100',
      '2',
      ' 快 1 分 15 秒',
      '40.0 KB',
      '',
    ]);
    expect(ok.querySelector('.term-outcome')).toHaveClass('ant-tag-green');
    const failed = within(log).getByTestId('terminal-pulllog-row-40');
    expect(failed.querySelector('.term-outcome')).toHaveTextContent('失败');
    expect(failed).toHaveTextContent('通讯密码不对：请核对考勤机「通讯设置」里的密码');
    expect(within(log).getByTestId('terminal-pulllog-row-39').querySelector('.term-outcome')).toHaveTextContent('中断');

    const quarantined = within(log).getByTestId('terminal-quarantine-row-7');
    expect(cellsOf(quarantined)).toEqual([
      '1001',
      '2026-02-30 08:01:00',
      '793185660',
      '时间不存在（2 月没有 30 日），考勤机时钟可能出过错；记录已保留，未计入考勤',
    ]);
    expect(within(log).getByTestId('terminal-quarantine-row-8')).toHaveTextContent('2026-10-08 25:10:00');

    await user.click(log.closest('.ant-drawer')?.querySelector('.ant-drawer-close') as HTMLElement);
    await waitFor(() => expect(window.location.hash).toBe('#/terminals'));
    await waitFor(() => expect(screen.queryByTestId('terminal-log')).toBeNull());
  });

  it('opens straight from the address, and says when there is nothing yet', async () => {
    backend.list_pulls = () => [];
    backend.list_quarantine = () => [];
    renderPage('#/terminals/3/log');
    const log = await screen.findByTestId('terminal-log');
    expect(await within(log).findByText('还没有下载过')).toBeInTheDocument();
    expect(await within(log).findByText('没有隔离的记录')).toBeInTheDocument();
    expect(calls('list_pulls')).toEqual([{ id: 3, limit: 100 }]);
    expect(await screen.findByText('同步记录 · 食堂')).toBeInTheDocument();
  });
});

describe('人员 on a terminal', () => {
  /** The cells of a user's row on the terminal. */
  const userCells = (pin: string) => cellsOf(screen.getByTestId(`terminal-user-${pin}`));
  const shownPins = () =>
    [...screen.getByTestId('terminal-users-table').querySelectorAll('tr[data-testid^="terminal-user-"]')].map((row) =>
      row.getAttribute('data-testid'),
    );

  it('opens from the row, kept in the address: connecting first, then every user with who they are', async () => {
    const user = setup();
    let answer: (users: typeof gate1Users) => void = () => undefined;
    backend.terminal_users = () =>
      new Promise((resolve) => {
        answer = resolve;
      });
    renderPage();
    await user.click(await screen.findByTestId('terminal-users-1'));
    expect(window.location.hash).toBe('#/terminals/1/users');
    const drawer = await screen.findByTestId('terminal-users-drawer');
    expect(await within(drawer).findByTestId('terminal-users-loading')).toHaveTextContent('正在连接考勤机，读取人员…');
    expect(calls('terminal_users')).toEqual([{ id: 1 }]);
    expect(screen.getByText('考勤机上的人员 · 一号门')).toBeInTheDocument();

    act(() => answer(gate1Users));
    await within(drawer).findByTestId('terminal-users-table');
    expect(within(drawer).queryByTestId('terminal-users-loading')).toBeNull();
    const headers = [...within(drawer).getByTestId('terminal-users-table').querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['考勤号码', '机内姓名', '卡号', '权限', '对应人员']);
    expect(userCells('1001')).toEqual(['1001', '张三', '4567890', '超级管理员', '1001 张三']);
    expect(userCells('1002')).toEqual(['1002', '李四', '—', '普通用户', '1002 李四']);
    expect(userCells('1003')).toEqual(['1003', '赵敏', '—', '管理员', '1003 赵敏']);
    // Unmatched, but 1007 has no PIN and the same name: one click sets it.
    expect(userCells('21').slice(0, 4)).toEqual(['21', '王五', '123', '登记员']);
    const suggested = screen.getByTestId('terminal-user-21');
    expect(suggested.querySelector('.ant-tag')).toHaveTextContent('未对应');
    expect(within(suggested).getByTestId('terminal-user-adopt-21')).toHaveTextContent('设为 1007 的考勤号码');
    // Unmatched and nobody likely: the way to 人员; a privilege with no name is its number.
    expect(userCells('37').slice(0, 4)).toEqual(['37', 'GUEST', '—', '3']);
    const lonely = screen.getByTestId('terminal-user-37');
    expect(lonely.querySelector('.ant-tag')).toHaveTextContent('未对应');
    expect(within(lonely).queryByTestId('terminal-user-adopt-37')).toBeNull();
    expect(within(lonely).getByTestId('terminal-user-hint-37')).toHaveTextContent('没有人的考勤机工号是 37：可以在「人员」里给这个人填上');
    expect(within(lonely).getByRole('link')).toHaveAttribute('href', '#/people');
    expect(within(drawer).getByTestId('terminal-users-summary')).toHaveTextContent('5 人在考勤机上，3 人已对应，2 人未对应');

    // 只看未对应.
    expect(shownPins()).toEqual(['terminal-user-1001', 'terminal-user-1002', 'terminal-user-1003', 'terminal-user-21', 'terminal-user-37']);
    await user.click(within(drawer).getByTestId('terminal-users-unmatched-only'));
    await waitFor(() => expect(shownPins()).toEqual(['terminal-user-21', 'terminal-user-37']));
    expect(within(drawer).getByTestId('terminal-users-summary')).toHaveTextContent('5 人在考勤机上，3 人已对应，2 人未对应');
    await user.click(within(drawer).getByTestId('terminal-users-unmatched-only'));
    await waitFor(() => expect(shownPins()).toHaveLength(5));

    await user.click(drawer.closest('.ant-drawer')?.querySelector('.ant-drawer-close') as HTMLElement);
    await waitFor(() => expect(window.location.hash).toBe('#/terminals'));
    await waitFor(() => expect(screen.queryByTestId('terminal-users-drawer')).toBeNull());
    expect(calls('terminal_users')).toHaveLength(1);
  });

  it('opens straight from the address, and says when the terminal has nobody', async () => {
    backend.terminal_users = () => [];
    renderPage('#/terminals/3/users');
    const drawer = await screen.findByTestId('terminal-users-drawer');
    expect(await within(drawer).findByText('考勤机上还没有人员')).toBeInTheDocument();
    expect(calls('terminal_users')).toEqual([{ id: 3 }]);
    expect(within(drawer).getByTestId('terminal-users-summary')).toHaveTextContent('0 人在考勤机上，0 人已对应，0 人未对应');
    expect(await screen.findByText('考勤机上的人员 · 食堂')).toBeInTheDocument();
    expect(screen.queryByTestId('terminal-log')).toBeNull();
  });

  it('sets the suggested person’s 考勤机工号 to the PIN, then reads the terminal again', async () => {
    const user = setup();
    backend.terminal_users = () => gate1Users;
    backend.edit_employee = () => ({ ...wangWu, id: 17, employee_no: '1007', name: '王五', pin: '21', status: 'active', left_on: null });
    renderPage('#/terminals/1/users');
    const adopt = await screen.findByTestId('terminal-user-adopt-21');
    expect(calls('edit_employee')).toHaveLength(0);
    backend.terminal_users = () => gate1UsersAdopted;
    await user.click(adopt);
    await waitFor(() => expect(calls('edit_employee')).toEqual([{ input: { id: 17, pin: '21' } }]));
    expect(await screen.findByText('已把考勤机工号 21 填给 1007 王五')).toBeInTheDocument();
    await waitFor(() => expect(calls('terminal_users')).toHaveLength(2));
    await waitFor(() => expect(userCells('21')).toEqual(['21', '王五', '123', '登记员', '1007 王五']));
    expect(screen.queryByTestId('terminal-user-adopt-21')).toBeNull();
    expect(screen.getByTestId('terminal-users-summary')).toHaveTextContent('5 人在考勤机上，4 人已对应，1 人未对应');
  });

  it('writes the roster to the terminal only after explaining what it does, shows what it did and reads the terminal again', async () => {
    const user = setup();
    backend.terminal_users = () => gate1Users;
    backend.upload_employees = () => gate1Upload;
    renderPage('#/terminals/1/users');
    await screen.findByTestId('terminal-user-1001');

    // 取消 writes nothing.
    await user.click(screen.getByTestId('terminal-upload'));
    expect(await screen.findByText('把人员写入「一号门」？', { selector: '.ant-modal-confirm-title' })).toBeInTheDocument();
    await user.click(screen.getByTestId('terminal-upload-cancel'));
    await waitFor(() => expect(document.querySelector('.ant-modal-confirm')).toBeNull());
    expect(calls('upload_employees')).toHaveLength(0);

    await user.click(screen.getByTestId('terminal-upload'));
    const explain = await screen.findByTestId('terminal-upload-explain');
    expect(explain).toHaveTextContent('每位填了考勤机工号的在职员工的考勤机工号、姓名和卡号写入考勤机');
    expect(explain).toHaveTextContent('考勤机上已有的人员保留原来的位置');
    expect(explain).toHaveTextContent('不会从考勤机删除任何人');
    expect(explain).toHaveTextContent('指纹和人脸不会读取，也不会写入');
    expect(calls('upload_employees')).toHaveLength(0);
    await confirm(user, 'terminal-upload-confirm');
    await waitFor(() => expect(calls('upload_employees')).toEqual([{ id: 1, employeeIds: null }]));
    expect(await screen.findByTestId('terminal-upload-result')).toHaveTextContent('已写入 12 人（新增 3 人），2 人没有考勤号码未写入');
    await waitFor(() => expect(calls('terminal_users')).toHaveLength(2));
  });

  it('shows why the terminal could not be read, and 重试 reads it again', async () => {
    const user = setup();
    backend.terminal_users = () => Promise.reject(unreachable);
    renderPage('#/terminals/1/users');
    const error = await screen.findByTestId('terminal-users-error');
    expect(error).toHaveTextContent('没有读到考勤机上的人员');
    expect(error).toHaveTextContent('连不上 192.168.1.201:4370（连接被拒绝）：请检查考勤机是否开机');
    expect(screen.queryByTestId('terminal-users-table')).toBeNull();

    backend.terminal_users = () => gate1Users;
    await user.click(within(error).getByTestId('terminal-users-retry'));
    expect(await screen.findByTestId('terminal-user-1001')).toBeInTheDocument();
    expect(calls('terminal_users')).toEqual([{ id: 1 }, { id: 1 }]);
    expect(screen.queryByTestId('terminal-users-error')).toBeNull();
  });

  it('reads the people from a USB user.dat when the terminal cannot be reached', async () => {
    const user = setup();
    backend.terminal_users = () => Promise.reject(unreachable);
    backend.users_from_file = () => gate1Users;
    renderPage('#/terminals/1/users');
    await screen.findByTestId('terminal-users-error');
    const input = screen.getByTestId('terminal-users-drawer').querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File([new Uint8Array([1, 0, 0, 72])], 'user.dat'));
    expect(await screen.findByTestId('terminal-user-1001')).toBeInTheDocument();
    expect(calls('users_from_file')).toEqual([{ fileName: 'user.dat', bytes: [1, 0, 0, 72], nameCodec: gate1.name_codec }]);
    expect(screen.getByTestId('terminal-users-from-file')).toHaveTextContent('U 盘文件 user.dat 里的人员');
    expect(screen.queryByTestId('terminal-users-error')).toBeNull();

    await user.click(screen.getByTestId('terminal-users-from-terminal'));
    expect(await screen.findByTestId('terminal-users-error')).toBeInTheDocument();
    expect(screen.queryByTestId('terminal-user-1001')).toBeNull();
  });
});

describe('in English', () => {
  it('shows the list and its states in English', async () => {
    await setLanguage('en');
    renderPage();
    const row = await screen.findByTestId('terminal-row-1');
    expect(screen.getByTestId('terminal-state-1')).toHaveTextContent('OK');
    expect(screen.getByTestId('terminal-state-3')).toHaveTextContent('Never downloaded');
    expect(screen.getByTestId('terminal-state-5')).toHaveTextContent('Disabled');
    expect(screen.getByTestId('terminal-skew-1')).toHaveTextContent('1 min 15 s fast');
    expect(row).toHaveTextContent('Every 30 min; Daily at 08:30, 18:00');
    expect(screen.getByTestId('terminal-pull-1')).toHaveTextContent('Download now');
    expect(screen.getByTestId('terminal-count')).toHaveTextContent('5 terminal(s)');
    expect(screen.getAllByText('Clock drift').length).toBeGreaterThan(0);
    expect(screen.queryByText('正常')).toBeNull();
  });

  it('shows the users drawer in English', async () => {
    await setLanguage('en');
    backend.terminal_users = () => gate1Users;
    renderPage('#/terminals/1/users');
    const drawer = await screen.findByTestId('terminal-users-drawer');
    expect(await screen.findByText('Users on the terminal · 一号门')).toBeInTheDocument();
    await within(drawer).findByTestId('terminal-user-1001');
    expect(within(drawer).getByText('Name on the terminal')).toBeInTheDocument();
    expect(cellsOf(screen.getByTestId('terminal-user-1001'))[3]).toBe('Super admin');
    expect(within(drawer).getByTestId('terminal-users-summary')).toHaveTextContent('5 on the terminal, 3 matched, 2 not matched');
    expect(within(drawer).getByTestId('terminal-user-adopt-21')).toHaveTextContent("Make it 1007's terminal PIN");
    expect(screen.getByTestId('terminal-upload')).toHaveTextContent('Write people to the terminal');
    expect(screen.queryByText('机内姓名')).toBeNull();
  });
});

describe('推送接收 (ADMS)', () => {
  it('says it is off until the clerk turns it on', async () => {
    renderPage();
    expect(await screen.findByTestId('receiver-status')).toHaveTextContent('未开启');
    expect(screen.queryByTestId('push-waiting')).not.toBeInTheDocument();
  });

  it('tells the clerk the address and port to enter in the terminal', async () => {
    backend.get_push_receiver = () => receiverOn;
    renderPage();
    const status = await screen.findByTestId('receiver-status');
    await waitFor(() => expect(status).toHaveTextContent('正在接收（端口 8081）'));
    expect(status).toHaveTextContent('服务器地址 192.168.1.10，端口 8081');
  });

  it('shows why it is not listening when the port is taken', async () => {
    backend.get_push_receiver = () => receiverBlocked;
    renderPage();
    const status = await screen.findByTestId('receiver-status');
    expect(status).toHaveClass('ant-alert-error');
    expect(status).toHaveTextContent('端口 80 已被别的程序占用');
  });

  it('saves the settings it was given and shows a refused address under its field', async () => {
    const user = setup();
    backend.save_push_receiver = () => Promise.reject(receiverRefused);
    renderPage();
    const settings = await screen.findByTestId('receiver-settings');
    await waitFor(() => expect(settings).toBeEnabled());
    await user.click(settings);
    await user.click(await screen.findByTestId('receiver-enabled'));
    const host = screen.getByTestId('receiver-host').querySelector('input') ?? screen.getByTestId('receiver-host');
    await user.type(host, '门卫室电脑');
    await user.click(screen.getByTestId('receiver-save'));
    await waitFor(() => expect(calls('save_push_receiver')).toHaveLength(1));
    expect(calls('save_push_receiver')[0]).toEqual({ input: { enabled: true, host: '门卫室电脑', port: 8081 } });
    expect(await within(itemOf(host)).findByText(/应为本机的一个 IP 地址/)).toBeInTheDocument();
    expect(screen.getByTestId('receiver-save')).toBeInTheDocument();

    backend.save_push_receiver = () => receiverOn;
    await user.clear(host);
    await user.click(screen.getByTestId('receiver-save'));
    await waitFor(() => expect(screen.queryByTestId('receiver-save')).not.toBeInTheDocument());
    expect(calls('save_push_receiver')[1]).toEqual({ input: { enabled: true, host: '', port: 8081 } });
    await waitFor(() => expect(screen.getByTestId('receiver-status')).toHaveTextContent('正在接收'));
  });

  it('lists a device waiting for approval and approves it under the name typed', async () => {
    const user = setup();
    backend.list_push_devices = () => pushDevices;
    backend.approve_push_device = () => ({ ...canteen, id: 9, name: '后门', transport: 'push', serial: 'ADMS0009' });
    renderPage();
    const row = await screen.findByTestId('push-device-ADMS0009');
    expect(cellsOf(row).slice(0, 2)).toEqual(['ADMS0009', '192.168.1.77']);
    expect(cellsOf(row)[3]).toBe('3');
    expect(screen.queryByTestId('push-device-CQZ7232460012')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('push-approve-ADMS0009'));
    const name = await screen.findByTestId('push-approve-name');
    expect(name).toHaveValue('考勤机 ADMS0009');
    await user.clear(name);
    await user.click(screen.getByTestId('push-approve-ok'));
    expect(await screen.findByText('请填写名称，如「大门」')).toBeInTheDocument();
    expect(calls('approve_push_device')).toHaveLength(0);
    await user.type(name, '后门');
    await user.click(screen.getByTestId('push-approve-ok'));
    await waitFor(() => expect(calls('approve_push_device')).toEqual([{ serial: 'ADMS0009', name: '后门' }]));
    expect(await screen.findByText('已批准，考勤机「后门」已添加')).toBeInTheDocument();
  });

  it('offers no test, pull or clock for a terminal that pushes', async () => {
    backend.list_terminals = () => [{ ...canteen, id: 9, name: '后门', transport: 'push', serial: 'ADMS0009' }, gate1];
    renderPage();
    expect(await screen.findByTestId('terminal-pushes-9')).toHaveTextContent('推送');
    for (const action of ['test', 'pull', 'time', 'users']) {
      expect(screen.queryByTestId(`terminal-${action}-9`)).not.toBeInTheDocument();
      expect(screen.getByTestId(`terminal-${action}-1`)).toBeInTheDocument();
    }
    expect(screen.getByTestId('terminal-log-9')).toBeInTheDocument();
  });
});
