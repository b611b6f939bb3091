// Component tests of 设置 → 节假日 with a mocked api module: the coloured year, the missing year, import (dry run, then confirm), manual entry, company days, delete, export.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import { SettingsPage } from '../pages/SettingsPage';
import type { CalendarLoadResult } from '../bindings/CalendarLoadResult';
import { calendar2026, calendarStatus, overview, year2026, yearDays, yearMissingError } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    getOverview: vi.fn(),
    getCalendarStatus: vi.fn(),
    getCalendarYear: vi.fn(),
    exportCalendarYear: vi.fn(),
    importCalendarYear: vi.fn(),
    saveCalendarYear: vi.fn(),
    deleteCalendarYear: vi.fn(),
    addCompanyDay: vi.fn(),
    deleteCompanyDay: vi.fn(),
  };
});

const year2027 = {
  ...year2026,
  year: 2027,
  source: 'loaded' as const,
  notice: '国务院办公厅关于2027年部分节假日安排的通知',
  issued_on: '2026-11-20',
  statutory_days: 13,
  notice_days: 30,
};

function dryRun(replaced: CalendarLoadResult['replaced'] = null): CalendarLoadResult {
  return { year: { ...year2027, loaded_at: null, loaded_by: null }, replaced, changed_days: [], dry_run: true };
}

function renderHolidays(hash = '#/settings/holidays') {
  window.location.hash = hash;
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <SettingsPage />
    </AppProviders>,
  );
}

const dayCell = (date: string) => screen.findByTestId(`calendar-day-${date}`);

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.getOverview).mockResolvedValue(overview);
  vi.mocked(api.getCalendarStatus).mockResolvedValue(calendarStatus);
  vi.mocked(api.getCalendarYear).mockImplementation((year) =>
    year === 2026 ? Promise.resolve(calendar2026) : Promise.reject(new ApiError(yearMissingError(year))),
  );
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('节假日 page', () => {
  it('is a tab of 设置, and the company settings are still the default tab', async () => {
    const user = userEvent.setup({ delay: null });
    renderHolidays('#/settings');
    expect(await screen.findByTestId('company-name-input')).toBeInTheDocument();
    await user.click(screen.getByTestId('settings-tab-holidays'));
    expect(window.location.hash).toBe('#/settings/holidays');
    expect(await dayCell('2026-10-01')).toBeInTheDocument();
    expect(screen.queryByTestId('company-name-input')).toBeNull();
  });

  it('colours the year of today by class, with tooltips, a legend and the notice', async () => {
    renderHolidays();
    const national = await dayCell('2026-10-01');
    expect(api.getCalendarYear).toHaveBeenCalledWith(2026);
    expect(national).toHaveAttribute('data-class', 'statutory');
    expect(national).toHaveClass('cal-day--statutory');
    expect(national.title).toContain('2026-10-01 星期四');
    expect(national.title).toContain('当天上班按 3 倍工资计');
    expect(national.title).toContain('节日：国庆节');
    expect(screen.getByTestId('calendar-day-2026-10-10')).toHaveAttribute('data-class', 'make_up_workday');
    expect(screen.getByTestId('calendar-day-2026-10-10').title).toContain('换 2026-10-07（星期三）休息');
    expect(screen.getByTestId('calendar-day-2026-10-05').title).toContain('补假：国庆节逢周末');
    expect(screen.getByTestId('calendar-day-2026-10-06')).toHaveAttribute('data-class', 'rest_day');
    expect(screen.getByTestId('calendar-day-2026-10-08')).toHaveAttribute('data-class', 'workday');
    expect(screen.getByTestId('calendar-day-2026-10-09').title).toContain('公司休息日：全厂设备检修');
    expect(screen.getByTestId('calendar-day-2026-06-15')).toHaveClass('cal-day--today');
    expect(document.querySelectorAll('[data-testid^="calendar-day-"]')).toHaveLength(365);

    const legend = screen.getByTestId('calendar-legend');
    expect(within(legend).getByText('法定节假日').parentElement).toHaveTextContent('5 天');
    const select = screen.getByTestId('calendar-year-select');
    expect(select).toHaveTextContent('2026 年（内置）');

    const notice = screen.getByTestId('calendar-notice');
    expect(within(notice).getByText('国务院办公厅关于2026年部分节假日安排的通知')).toBeInTheDocument();
    // The address is text to copy, not a link: the window refuses navigation.
    expect(within(notice).getByText('https://politics.gmw.cn/2025-11/04/content_38391083.htm').closest('a')).toBeNull();
    expect(within(notice).getByText('内置（随程序提供）')).toBeInTheDocument();
    expect(within(notice).getByText('3f5a0c9e2b7d')).toBeInTheDocument();
    // A shipped year cannot be deleted.
    expect(screen.queryByTestId('calendar-delete-year')).toBeNull();
    // Company days are listed under the calendar.
    const list = screen.getByTestId('company-day-list');
    expect(within(list).getByText('全厂设备检修')).toBeInTheDocument();
  });

  it('speaks English too, tooltips included', async () => {
    await setLanguage('en');
    renderHolidays();
    const national = await dayCell('2026-10-01');
    expect(national.title).toContain('2026-10-01, Thursday');
    expect(national.title).toContain('Statutory holiday · work on this day pays ×3');
    expect(screen.getByTestId('calendar-day-2026-10-10').title).toContain('in exchange for 2026-10-07 (Wednesday) off');
    expect(screen.getByTestId('calendar-year-select')).toHaveTextContent('2026 (built in)');
    expect(screen.getByText('October')).toBeInTheDocument();
  });

  it('says plainly when the chosen year has no data, with both ways to load it', async () => {
    renderHolidays('#/settings/holidays/2027');
    const missing = await screen.findByTestId('calendar-missing');
    expect(missing).toHaveTextContent('2027 年节假日安排尚未载入');
    expect(missing).toHaveTextContent('加班也就无法区分类型');
    expect(within(missing).getByTestId('calendar-import')).toBeInTheDocument();
    expect(within(missing).getByTestId('calendar-enter')).toBeInTheDocument();
    expect(screen.getAllByTestId('calendar-enter')).toHaveLength(1);
    expect(screen.queryByTestId('calendar-day-2027-01-01')).toBeNull();
    expect(screen.getByTestId('calendar-year-select')).toHaveTextContent('2027 年（未载入）');
  });

  it('imports a file: a dry run shown for review, then the real import on confirm', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.importCalendarYear).mockImplementation(({ dryRun: checkOnly }) =>
      Promise.resolve({ ...dryRun(null), dry_run: checkOnly }),
    );
    renderHolidays('#/settings/holidays/2027');
    await screen.findByTestId('calendar-missing');
    const text = 'year = 2027\nnotice = "国务院办公厅关于2027年部分节假日安排的通知"\n';
    await user.upload(screen.getByTestId('calendar-import-input'), new File([text], 'cn-2027.toml', { type: 'text/plain' }));

    await waitFor(() => expect(api.importCalendarYear).toHaveBeenCalledWith({ text, dryRun: true }));
    const summary = await screen.findByTestId('calendar-load-summary');
    expect(summary).toHaveTextContent('国务院办公厅关于2027年部分节假日安排的通知');
    expect(summary).toHaveTextContent('新增');
    expect(summary).toHaveTextContent('13 天');
    expect(screen.getByText('cn-2027.toml')).toBeInTheDocument();
    expect(api.importCalendarYear).toHaveBeenCalledTimes(1);

    vi.mocked(api.getCalendarYear).mockResolvedValue({ year: year2027, days: yearDays(2027) });
    await user.click(screen.getByTestId('calendar-import-confirm'));
    await waitFor(() => expect(api.importCalendarYear).toHaveBeenLastCalledWith({ text, dryRun: false }));
    expect(api.importCalendarYear).toHaveBeenCalledTimes(2);
    expect(await screen.findByText('已载入 2027 年节假日安排')).toBeInTheDocument();
    expect(await dayCell('2027-01-01')).toBeInTheDocument();
    expect(window.location.hash).toBe('#/settings/holidays/2027');
  });

  it('shows what replacing a year changes', async () => {
    const user = userEvent.setup({ delay: null });
    const changed = calendar2026.days.find((d) => d.date === '2026-10-10');
    vi.mocked(api.importCalendarYear).mockResolvedValue({
      ...dryRun('builtin'),
      year: { ...year2026, source: 'loaded' },
      changed_days: changed ? [changed] : [],
    });
    renderHolidays();
    await dayCell('2026-10-01');
    await user.upload(screen.getByTestId('calendar-import-input'), new File(['x'], 'cn-2026.toml'));
    const summary = await screen.findByTestId('calendar-load-summary');
    expect(summary).toHaveTextContent('替换内置安排');
    expect(summary).toHaveTextContent('类型有变化的日期（1 天）');
    expect(within(summary).getByText('2026-10-10 星期六')).toBeInTheDocument();
    expect(within(summary).getByText('调休上班')).toBeInTheDocument();
  });

  it('lists every problem of a refused file, and the line of a syntax error', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.importCalendarYear).mockRejectedValueOnce(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误，请检查标红的项目', en: 'some fields are not valid' },
        fields: [
          { field: 'date', value: '2027-02-07', problem: 'must_be_weekend', message: { zh: '2027-02-07 不是周末，不能是调休上班日', en: 'not a weekend' } },
          { field: 'swapped_with', value: '2027-02-12', problem: 'swap_not_matched', message: { zh: '2027-02-12 与 2027-02-07 没有互相调换', en: 'not matched' } },
        ],
      }),
    );
    renderHolidays('#/settings/holidays/2027');
    await screen.findByTestId('calendar-missing');
    await user.upload(screen.getByTestId('calendar-import-input'), new File(['x'], 'cn-2027.toml'));
    const problem = await screen.findByTestId('calendar-import-problem');
    expect(problem).toHaveTextContent('没有导入：输入有误');
    expect(within(problem).getByText('2027-02-07 不是周末，不能是调休上班日')).toBeInTheDocument();
    expect(within(problem).getByText('2027-02-12 与 2027-02-07 没有互相调换')).toBeInTheDocument();
    expect(screen.queryByTestId('calendar-import-confirm')).toBeNull();

    vi.mocked(api.importCalendarYear).mockRejectedValueOnce(
      new ApiError({
        code: 'invalid_file',
        message: { zh: '节假日文件第 3 行第 7 列格式不对：expected `=`', en: 'calendar file line 3 column 7' },
        fields: [],
      }),
    );
    await user.upload(screen.getByTestId('calendar-import-input'), new File(['y'], 'cn-2027.toml'));
    await waitFor(() => expect(screen.getByTestId('calendar-import-problem')).toHaveTextContent('第 3 行第 7 列格式不对'));
  });

  it('enters a year by hand: preview is a dry run, 保存 the real thing, field errors listed', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.saveCalendarYear)
      .mockResolvedValueOnce(dryRun(null))
      .mockRejectedValueOnce(
        new ApiError({
          code: 'invalid_input',
          message: { zh: '输入有误', en: 'invalid' },
          fields: [
            { field: 'notice_url', value: '', problem: 'required', message: { zh: '网址不能为空', en: 'address required' } },
            { field: 'date', value: '2026-12-31', problem: 'not_in_year', message: { zh: '2026-12-31 不在 2027 年内', en: 'not in 2027' } },
          ],
        }),
      )
      .mockResolvedValueOnce({ ...dryRun(null), dry_run: false });
    renderHolidays('#/settings/holidays/2027');
    await user.click(within(await screen.findByTestId('calendar-missing')).getByTestId('calendar-enter'));

    expect(await screen.findByTestId('calendar-enter-year')).toHaveValue('2027');
    await user.type(screen.getByTestId('calendar-enter-notice'), '2027年放假通知');
    await user.type(screen.getByTestId('calendar-enter-issued-on'), '2026-11-20{Enter}');
    await user.type(screen.getByTestId('calendar-enter-url'), 'gov.cn/x');
    const row = screen.getByTestId('calendar-enter-row');
    await user.type(within(row).getByLabelText('日期'), '2027-01-01{Enter}');
    await user.type(within(row).getByLabelText('节日'), '元旦');
    // 法定节假日 needs no partner date.
    expect(within(row).queryByLabelText('调换的日期')).toBeNull();

    await user.click(screen.getByTestId('calendar-enter-preview'));
    const input = {
      year: '2027',
      notice: '2027年放假通知',
      issued_on: '2026-11-20',
      url: 'gov.cn/x',
      document_no: '',
      days: [{ date: '2027-01-01', kind: 'statutory', festival: '元旦', swapped_with: '' }],
    };
    await waitFor(() => expect(api.saveCalendarYear).toHaveBeenCalledWith({ input, dryRun: true }));
    expect(await screen.findByText('检查通过，可以保存')).toBeInTheDocument();

    await user.click(screen.getByTestId('calendar-enter-save'));
    await waitFor(() => expect(api.saveCalendarYear).toHaveBeenLastCalledWith({ input, dryRun: false }));
    const urlItem = screen.getByTestId('calendar-enter-url').closest('.ant-form-item') as HTMLElement;
    expect(await within(urlItem).findByText('网址不能为空')).toBeInTheDocument();
    expect(screen.getByTestId('calendar-enter-problems')).toHaveTextContent('2026-12-31 不在 2027 年内');

    vi.mocked(api.getCalendarYear).mockResolvedValue({ year: year2027, days: yearDays(2027) });
    await user.click(screen.getByTestId('calendar-enter-save'));
    expect(await screen.findByText('已保存 2027 年节假日安排')).toBeInTheDocument();
    expect(api.saveCalendarYear).toHaveBeenCalledTimes(3);
    expect(await dayCell('2027-01-01')).toBeInTheDocument();
  });

  it('asks for the partner date only for 调休 kinds', async () => {
    const user = userEvent.setup({ delay: null });
    renderHolidays('#/settings/holidays/2027');
    await user.click(within(await screen.findByTestId('calendar-missing')).getByTestId('calendar-enter'));
    const row = await screen.findByTestId('calendar-enter-row');
    expect(within(row).queryByLabelText('调换的日期')).toBeNull();
    await user.click(within(row).getByLabelText('类型'));
    await user.click(await screen.findByText('调休上班', { selector: '.ant-select-item-option-content' }));
    expect(await within(row).findByLabelText('调换的日期')).toBeInTheDocument();
  });

  it('makes a working day a company day off, with its required note', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.addCompanyDay).mockResolvedValue({
      ...calendar2026.days.find((d) => d.date === '2026-10-08')!,
      class: 'rest_day',
      source: 'company_day_off',
      note: '赶工后补休',
    });
    renderHolidays();
    await user.click(await dayCell('2026-10-08'));
    const dialog = await screen.findByTestId('company-day-dialog');
    expect(dialog).toHaveTextContent('工作日');
    expect(screen.getByTestId('company-day-working')).toBeDisabled();
    expect(screen.getByText('这一天已经是工作日，只能设为公司休息日。')).toBeInTheDocument();

    await user.click(screen.getByTestId('company-day-off'));
    expect(await screen.findByText('请填写说明')).toBeInTheDocument();
    expect(api.addCompanyDay).not.toHaveBeenCalled();

    await user.type(screen.getByTestId('company-day-note'), '赶工后补休');
    await user.click(screen.getByTestId('company-day-off'));
    await waitFor(() =>
      expect(api.addCompanyDay).toHaveBeenCalledWith({ date: '2026-10-08', kind: 'day_off', note: '赶工后补休' }),
    );
    expect(await screen.findByText('已把 2026-10-08 设为公司休息日')).toBeInTheDocument();
    await waitFor(() => expect(api.getCalendarYear).toHaveBeenCalledTimes(2));
  });

  it('offers a company working day on a rest day, and nothing on a statutory holiday', async () => {
    const user = userEvent.setup({ delay: null });
    renderHolidays();
    await user.click(await dayCell('2026-10-04'));
    expect(await screen.findByTestId('company-day-working')).toBeEnabled();
    expect(screen.getByTestId('company-day-off')).toBeDisabled();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('company-day-dialog')).toBeNull());

    await user.click(screen.getByTestId('calendar-day-2026-10-01'));
    expect(await screen.findByTestId('company-day-off')).toBeDisabled();
    expect(screen.getByTestId('company-day-working')).toBeDisabled();
    expect(screen.getByText(/法定节假日由国家规定，不能改为公司休息日或公司工作日/)).toBeInTheDocument();
  });

  it('deletes a company day from its date', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.deleteCompanyDay).mockResolvedValue({
      ...calendar2026.days.find((d) => d.date === '2026-10-09')!,
      class: 'workday',
      source: 'weekday',
      note: null,
    });
    renderHolidays();
    await user.click(await dayCell('2026-10-09'));
    expect(await screen.findByTestId('company-day-dialog')).toHaveTextContent('公司休息日：全厂设备检修');
    expect(screen.queryByTestId('company-day-note')).toBeNull();
    await user.click(screen.getByTestId('company-day-delete'));
    await waitFor(() => expect(api.deleteCompanyDay).toHaveBeenCalledWith('2026-10-09'));
    expect(await screen.findByText('已删除 2026-10-09 的公司调整，恢复为工作日')).toBeInTheDocument();
  });

  it('deletes an imported year after confirming, and says the shipped data is back', async () => {
    const user = userEvent.setup({ delay: null });
    const loaded2026 = { ...year2026, source: 'loaded' as const, loaded_at: '2026-03-02T08:00:00Z', loaded_by: 'admin' };
    vi.mocked(api.getCalendarStatus).mockResolvedValue({ ...calendarStatus, years: [calendarStatus.years[0], loaded2026] });
    vi.mocked(api.getCalendarYear).mockResolvedValue({ ...calendar2026, year: loaded2026 });
    vi.mocked(api.deleteCalendarYear).mockResolvedValue(calendarStatus);
    renderHolidays();
    await dayCell('2026-10-01');
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('已导入');
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('admin 于');
    await user.click(screen.getByTestId('calendar-delete-year'));
    expect(await screen.findByText(/如果程序内置了这一年的安排，删除后会恢复使用内置安排/)).toBeInTheDocument();
    await user.click(document.querySelector('.ant-popconfirm .ant-btn-dangerous') as HTMLElement);
    await waitFor(() => expect(api.deleteCalendarYear).toHaveBeenCalledWith(2026));
    expect(await screen.findByText('已删除 2026 年导入的数据，恢复使用内置安排')).toBeInTheDocument();
  });

  it('shows the exported file text in a dialog', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.exportCalendarYear).mockResolvedValue('year = 2026\nnotice = "国务院办公厅关于2026年部分节假日安排的通知"\n');
    renderHolidays();
    await dayCell('2026-10-01');
    await user.click(screen.getByTestId('calendar-export'));
    const text = await screen.findByTestId('calendar-export-text');
    expect(text).toHaveValue('year = 2026\nnotice = "国务院办公厅关于2026年部分节假日安排的通知"\n');
    expect(api.exportCalendarYear).toHaveBeenCalledWith(2026);
    expect(screen.getByTestId('calendar-export-copy')).toHaveTextContent('复制全文');
  });

  it('switches years with the picker and warns about next year from October on', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.getCalendarStatus).mockResolvedValue({ ...calendarStatus, today: '2026-10-20', missing_next_year: 2027 });
    renderHolidays();
    const banner = await screen.findByTestId('calendar-next-year-banner');
    expect(banner).toHaveTextContent('2027 年节假日安排尚未载入');
    await user.click(within(banner).getByTestId('calendar-next-year-go'));
    expect(window.location.hash).toBe('#/settings/holidays/2027');
    expect(await screen.findByTestId('calendar-missing')).toBeInTheDocument();
    // Already showing 2027: the banner stays, without its button.
    expect(within(screen.getByTestId('calendar-next-year-banner')).queryByTestId('calendar-next-year-go')).toBeNull();

    await user.click(screen.getByTestId('calendar-year-select').querySelector('input') as HTMLElement);
    await user.click(await screen.findByText('2025 年（内置）', { selector: '.ant-select-item-option-content' }));
    expect(window.location.hash).toBe('#/settings/holidays/2025');
    await waitFor(() => expect(api.getCalendarYear).toHaveBeenLastCalledWith(2025));
  });
});
