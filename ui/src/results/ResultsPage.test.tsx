// Component tests of 考勤结果 with a mocked api module: the month from the address (and last month by default), the
// summary table (days, hours, 次/分钟, leave tooltip, the overtime cap, 暂定), a month not computed yet, 导入打卡 (dry run
// → confirm → the same bytes; refusals), 计算 with progress, a person's month and a day's 为什么.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import { previousMonth } from '../router';
import type { ComputeReport } from '../bindings/ComputeReport';
import { departments } from '../test/fixtures';
import {
  badPunchFileError,
  computeReport,
  lateDayDetail,
  notComputedError,
  october,
  punchDone,
  punchPreview,
  zhangSanMonth,
} from './fixtures';
import { ResultsPage } from './ResultsPage';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    getMonthSummary: vi.fn(),
    getPersonMonth: vi.fn(),
    getDayDetail: vi.fn(),
    importPunches: vi.fn(),
    computeMonth: vi.fn(),
    listDepartments: vi.fn(),
  };
});

// antd tables, drawers and dialogs are slow in jsdom when the whole suite runs in parallel.
configure({ asyncUtilTimeout: 5000 });

const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: 0 });

function renderPage(hash = '#/results/2026-10') {
  window.location.hash = hash;
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <ResultsPage />
    </AppProviders>,
  );
}

/** The bytes of a tiny attlog.dat, with two bytes that are not UTF-8 (a text read would change them). */
const FILE_BYTES = [0x31, 0x09, 0x32, 0x30, 0xd5, 0xc5, 0x0a];
const punchFile = () => new File([new Uint8Array(FILE_BYTES)], '1_attlog.dat', { type: 'application/octet-stream' });

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.listDepartments).mockResolvedValue(departments);
  vi.mocked(api.getMonthSummary).mockResolvedValue(october);
  vi.mocked(api.getPersonMonth).mockResolvedValue(zhangSanMonth);
  vi.mocked(api.getDayDetail).mockResolvedValue(lateDayDetail);
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('考勤结果 summary', () => {
  it('asks for the month in the address and shows days, hours and 次/分钟 as the clerk reads them', async () => {
    renderPage();
    const row = await screen.findByTestId('results-row-11');
    expect(api.getMonthSummary).toHaveBeenCalledWith({ month: '2026-10', departmentId: null });
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toEqual([
      '1001',
      '张三',
      '总部/生产部',
      '22',
      '21.5',
      '2 / 15',
      '0',
      '1',
      '0.5',
      '20.0',
      '10.0',
      '8.0',
      '0',
      '4.0',
      '3',
      '2暂定',
    ]);
    expect(screen.getByTestId('results-month')).toHaveValue('2026-10');
    expect(screen.getByTestId('results-count')).toHaveTextContent('共 2 人');
    // The header names the units.
    const table = screen.getByTestId('results-table');
    for (const title of ['应出勤(天)', '迟到(次/分钟)', '请假(小时)', '加班(小时)', '工作日', '休息日', '节假日', '暂定天数']) {
      expect(within(table).getAllByText(title).length).toBeGreaterThan(0);
    }
  });

  it('lists the leave by type in a tooltip', async () => {
    const user = setup();
    renderPage();
    const row = await screen.findByTestId('results-row-11');
    await user.hover(within(row).getByText('20.0'));
    expect(await screen.findByText('年假 2 天（16.0 小时）')).toBeInTheDocument();
    expect(screen.getByText('事假 0.5 天（4.0 小时）')).toBeInTheDocument();
  });

  it('marks the overtime of a person past the monthly cap, with why', async () => {
    const user = setup();
    renderPage();
    const over = await screen.findByTestId('results-row-12');
    const marked = [...over.querySelectorAll('.res-over-cap')].map((el) => el.textContent);
    expect(marked).toEqual(['25.0', '10.0', '5.0']);
    expect(screen.getByTestId('results-row-11').querySelectorAll('.res-over-cap')).toHaveLength(0);
    await user.hover(within(over).getByText('25.0'));
    expect(await screen.findByText('本月加班超过 36 小时')).toBeInTheDocument();
  });

  it('tags 暂定 days with why', async () => {
    const user = setup();
    renderPage();
    const row = await screen.findByTestId('results-row-11');
    await user.hover(within(row).getByText('暂定'));
    expect(await screen.findByText('考勤机数据还没读全，这些天的结果可能会变')).toBeInTheDocument();
  });

  it('opens on last month when the address names none', async () => {
    renderPage('#/results');
    await screen.findByTestId('results-row-11');
    expect(api.getMonthSummary).toHaveBeenCalledWith({ month: previousMonth(new Date()), departmentId: null });
    expect(screen.getByTestId('results-month')).toHaveValue(previousMonth(new Date()));
  });

  it('renders only the rows in view past 1000 people (virtual), each still a row that opens the person', async () => {
    const user = setup();
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      ...october.rows[0],
      employee_id: 1000 + i,
      employee_no: String(10000 + i),
      name: `员工${i}`,
    }));
    vi.mocked(api.getMonthSummary).mockResolvedValue({ month: '2026-10', rows });
    renderPage();
    const first = await screen.findByTestId('results-row-1000');
    expect(screen.getByTestId('results-count')).toHaveTextContent('共 1500 人');
    expect(screen.getByTestId('results-table').querySelectorAll('[data-testid^="results-row-"]').length).toBeLessThan(200);
    expect(screen.queryByTestId('results-row-2499')).toBeNull();
    await user.click(first);
    expect(window.location.hash).toBe('#/results/2026-10/1000');
  });

  it('filters by department', async () => {
    const user = setup();
    renderPage();
    await screen.findByTestId('results-row-11');
    await user.click(screen.getByTestId('results-department').querySelector('input') as HTMLElement);
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-tree-title')].find((el) => el.textContent === '一车间');
      if (!found) throw new Error('no 一车间');
      return found;
    });
    await user.click(option);
    await waitFor(() => expect(api.getMonthSummary).toHaveBeenLastCalledWith({ month: '2026-10', departmentId: 3 }));
  });

  it('shows an empty state with 计算 for a month not computed yet, not an error', async () => {
    const user = setup();
    vi.mocked(api.getMonthSummary).mockRejectedValue(notComputedError('2026-11'));
    vi.mocked(api.computeMonth).mockResolvedValue({ ...computeReport, month: '2026-11' });
    renderPage('#/results/2026-11');
    const empty = await screen.findByTestId('results-empty');
    expect(empty).toHaveTextContent('还没有计算 2026-11 的考勤结果');
    expect(screen.queryByText('数据没有读取成功')).toBeNull();
    expect(screen.queryByTestId('results-table')).toBeNull();

    await user.click(within(empty).getByTestId('results-empty-compute'));
    await waitFor(() => expect(api.computeMonth).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.computeMonth).mock.calls[0][0]).toEqual({ month: '2026-11', employee_no: null, department_id: null });
  });

  it('shows other failures as a load error', async () => {
    vi.mocked(api.getMonthSummary).mockRejectedValue(
      new ApiError({ code: 'storage', message: { zh: '数据库读不了', en: 'storage' }, fields: [] }),
    );
    renderPage();
    expect(await screen.findByText('数据库读不了')).toBeInTheDocument();
    expect(screen.queryByTestId('results-empty')).toBeNull();
  });
});

describe('导入打卡', () => {
  it('previews the file (a dry run), then imports the same bytes on 确认导入', async () => {
    const user = setup();
    vi.mocked(api.importPunches).mockImplementation(({ dryRun }) => Promise.resolve(dryRun ? punchPreview : punchDone));
    renderPage();
    await screen.findByTestId('results-row-11');
    await user.upload(screen.getByTestId('results-import-input'), punchFile());

    const preview = await screen.findByTestId('results-import-preview');
    expect(api.importPunches).toHaveBeenCalledTimes(1);
    expect(api.importPunches).toHaveBeenCalledWith({ fileName: '1_attlog.dat', bytes: FILE_BYTES, dryRun: true });
    expect(within(preview).getByTestId('results-import-file')).toHaveTextContent('1_attlog.dat');
    expect(within(preview).getByTestId('results-import-punches')).toHaveTextContent('120');
    expect(within(preview).getByTestId('results-import-added')).toHaveTextContent('100');
    expect(within(preview).getByTestId('results-import-already')).toHaveTextContent('20');
    expect(preview).toHaveTextContent('2026-10-01 07:52:10 至 2026-10-31 18:03:44');
    const unknown = within(preview).getByTestId('results-import-unknown');
    expect(unknown).toHaveTextContent('2 个考勤机工号/工号还没有对应的员工');
    expect(unknown).toHaveTextContent('PIN 21');
    expect(unknown).toHaveTextContent('工号 1005');

    await user.click(screen.getByTestId('results-import-confirm'));
    expect(await screen.findByText('已导入 100 条新打卡（20 条已导入过）。点「计算」更新结果。')).toBeInTheDocument();
    expect(api.importPunches).toHaveBeenCalledTimes(2);
    expect(api.importPunches).toHaveBeenLastCalledWith({ fileName: '1_attlog.dat', bytes: FILE_BYTES, dryRun: false });
    await waitFor(() => expect(screen.queryByTestId('results-import-preview')).toBeNull());
  });

  it('shows a refused file with the backend’s list of bad lines, and imports nothing', async () => {
    vi.mocked(api.importPunches).mockRejectedValue(new ApiError(badPunchFileError));
    renderPage();
    await screen.findByTestId('results-row-11');
    await setup().upload(screen.getByTestId('results-import-input'), punchFile());
    const problem = await screen.findByTestId('results-import-problem');
    expect(problem).toHaveTextContent('没有导入');
    expect(problem).toHaveTextContent('第 3 行：时间“2026-13-01 08:00”不对');
    expect(problem).toHaveTextContent('第 7 行：缺少考勤机工号');
    expect(api.importPunches).toHaveBeenCalledTimes(1);
    expect(api.importPunches).toHaveBeenCalledWith({ fileName: '1_attlog.dat', bytes: FILE_BYTES, dryRun: true });
    expect(screen.queryByTestId('results-import-preview')).toBeNull();
  });

  it('keeps the preview open with the reason when the real import is refused', async () => {
    const user = setup();
    vi.mocked(api.importPunches).mockImplementation(({ dryRun }) =>
      dryRun ? Promise.resolve(punchPreview) : Promise.reject(new ApiError(badPunchFileError)),
    );
    renderPage();
    await screen.findByTestId('results-row-11');
    await user.upload(screen.getByTestId('results-import-input'), punchFile());
    await screen.findByTestId('results-import-preview');
    await user.click(screen.getByTestId('results-import-confirm'));
    expect(await screen.findByTestId('results-import-confirm-problem')).toHaveTextContent('第 7 行：缺少考勤机工号');
    expect(screen.getByTestId('results-import-preview')).toBeInTheDocument();
  });
});

describe('计算', () => {
  it('shows the progress from the channel, then the totals, and reads the results again', async () => {
    const user = setup();
    let finish: (report: ComputeReport) => void = () => undefined;
    vi.mocked(api.computeMonth).mockImplementation((_input, onProgress) => {
      onProgress({ done: 1, total: 4 });
      onProgress({ done: 2, total: 4 });
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    renderPage();
    await screen.findByTestId('results-row-11');
    expect(screen.queryByTestId('results-progress')).toBeNull();
    const asked = vi.mocked(api.getMonthSummary).mock.calls.length;

    await user.click(screen.getByTestId('results-compute'));
    const progress = await screen.findByTestId('results-progress');
    await waitFor(() => expect(progress).toHaveTextContent('正在计算：2 / 4 人'));
    expect(progress.querySelector('[role="progressbar"]')).toHaveAttribute('aria-valuenow', '50');
    expect(vi.mocked(api.computeMonth).mock.calls[0][0]).toEqual({ month: '2026-10', employee_no: null, department_id: null });

    finish(computeReport);
    expect(await screen.findByText('已计算 2026-10：2 人，62 个人天，异常 3 天，暂定 2 天')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('results-progress')).toBeNull());
    expect(vi.mocked(api.getMonthSummary).mock.calls.length).toBeGreaterThan(asked);
  });

  it('shows a refusal as an error message', async () => {
    const user = setup();
    vi.mocked(api.computeMonth).mockRejectedValue(
      new ApiError({ code: 'calendar_year_missing', message: { zh: '2026 年节假日安排尚未载入', en: 'missing' }, fields: [] }),
    );
    renderPage();
    await screen.findByTestId('results-row-11');
    await user.click(screen.getByTestId('results-compute'));
    expect(await screen.findByText('2026 年节假日安排尚未载入')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('results-progress')).toBeNull());
  });
});

describe('a person’s month and 为什么', () => {
  it('opens from a row into the address, shows each day, and a day’s ledger in order', async () => {
    const user = setup();
    renderPage();
    await user.click(await screen.findByTestId('results-row-11'));
    expect(window.location.hash).toBe('#/results/2026-10/11');
    const month = await screen.findByTestId('person-month');
    await within(month).findByTestId('person-day-2026-10-08');
    expect(api.getPersonMonth).toHaveBeenCalledWith({ employeeId: 11, month: '2026-10' });
    expect(screen.getByText('1001 张三 · 总部/生产部 · 2026-10')).toBeInTheDocument();

    const late = within(month).getByTestId('person-day-2026-10-08');
    expect(late).toHaveTextContent('10-08 周四');
    const status = late.querySelector('.res-status') as HTMLElement;
    expect(status).toHaveTextContent('异常');
    expect(status).toHaveClass('ant-tag-red');
    expect(status).toHaveAttribute('data-status', 'exception');
    const findings = [...late.querySelectorAll('.res-finding')];
    expect(findings.map((f) => f.textContent)).toEqual(['迟到 15 分钟', '缺下班卡']);
    expect(findings[0]).toHaveClass('ant-tag-orange');
    expect(findings[1]).toHaveClass('ant-tag-red');
    expect(findings[1]).toHaveAttribute('data-severity', 'error');
    expect(late).toHaveTextContent('7.8'); // 465 minutes worked
    expect(late).toHaveTextContent('1.5'); // 90 minutes overtime

    const holiday = within(month).getByTestId('person-day-2026-10-01');
    expect(holiday.querySelector('.res-status')).toHaveTextContent('节假日');
    const provisional = within(month).getByTestId('person-day-2026-10-30');
    expect(provisional).toHaveClass('res-day--provisional');
    expect(provisional).toHaveTextContent('暂定');
    expect(within(month).getByTestId('person-day-2026-10-09')).not.toHaveClass('res-day--provisional');

    await user.click(late);
    const ledger = await screen.findByTestId('day-ledger');
    expect(api.getDayDetail).toHaveBeenCalledWith({ employeeId: 11, date: '2026-10-08' });
    expect(within(ledger).getAllByTestId('day-ledger-line').map((li) => li.textContent)).toEqual([
      '排班：早班 08:00–17:00（考勤组 白班组）',
      '打卡：08:15 上班',
      '08:15 晚于 08:00，超过宽限 5 分钟：迟到 15 分钟',
      '17:00 之后没有下班卡：缺卡',
    ]);
    expect(ledger.tagName).toBe('OL');
    expect(screen.getByText('1001 张三 · 2026-10-08 周四')).toBeInTheDocument();

    // Closing 为什么 leaves the person's month open; closing that goes back to the month in the address.
    const closeOf = (inside: HTMLElement) => inside.closest('.ant-drawer')?.querySelector('.ant-drawer-close') as HTMLElement;
    await user.click(closeOf(ledger));
    await waitFor(() => expect(screen.queryByTestId('day-ledger')).toBeNull());
    expect(window.location.hash).toBe('#/results/2026-10/11');
    await user.click(closeOf(screen.getByTestId('person-month')));
    await waitFor(() => expect(window.location.hash).toBe('#/results/2026-10'));
    await waitFor(() => expect(screen.queryByTestId('person-month')).toBeNull());
  });

  it('opens straight from the address, by Enter on a row, and shows the ledger in English', async () => {
    await setLanguage('en');
    renderPage('#/results/2026-10/11');
    const month = await screen.findByTestId('person-month');
    const day = await within(month).findByTestId('person-day-2026-10-08');
    expect(day).toHaveTextContent('10-08 Thu');
    day.focus();
    fireEvent.keyDown(day, { key: 'Enter' });
    const ledger = await screen.findByTestId('day-ledger');
    expect(within(ledger).getAllByTestId('day-ledger-line')[2]).toHaveTextContent(
      '08:15 is after 08:00 beyond the 5 min grace: late 15 min',
    );
  });

  it('opens a person by Enter on the focused summary row', async () => {
    renderPage();
    const row = await screen.findByTestId('results-row-12');
    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/results/2026-10/12'));
    await screen.findByTestId('person-month');
    expect(api.getPersonMonth).toHaveBeenCalledWith({ employeeId: 12, month: '2026-10' });
  });
});
