// Shell tests with a mocked api module: navigation hooks, language switch, honest placeholders, 首页 and 设置.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as api from './api';
import { ApiError } from './apiError';
import { AppProviders, Shell } from './App';
import { createQueryClient } from './queries';
import { LANGUAGE_STORAGE_KEY, setLanguage } from './i18n';
import { SECTIONS } from './router';
import { calendar2026, calendarStatus, overview, page, yearMissingError } from './test/fixtures';

vi.mock('./api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./api')>();
  return {
    ...actual,
    getOverview: vi.fn(),
    listDepartments: vi.fn(),
    listEmployees: vi.fn(),
    updateCompany: vi.fn(),
    getCalendarStatus: vi.fn(),
    getCalendarYear: vi.fn(),
    listTerminals: vi.fn(),
  };
});

function renderShell(hash = '') {
  window.location.hash = hash;
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <Shell />
    </AppProviders>,
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.getOverview).mockResolvedValue(overview);
  vi.mocked(api.listDepartments).mockResolvedValue([]);
  vi.mocked(api.listEmployees).mockResolvedValue(page([]));
  vi.mocked(api.getCalendarStatus).mockResolvedValue(calendarStatus);
  vi.mocked(api.getCalendarYear).mockImplementation((year) =>
    year === 2026 ? Promise.resolve(calendar2026) : Promise.reject(new ApiError(yearMissingError(year))),
  );
  vi.mocked(api.listTerminals).mockResolvedValue([]);
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('shell', () => {
  it('lists the sections in order, each menu item carrying its test id', async () => {
    renderShell();
    const ids = SECTIONS.map((s) => `nav-${s}`);
    const items = ids.map((id) => screen.getByTestId(id));
    items.forEach((item) => expect(item.tagName).toBe('LI'));
    expect(items.map((item) => item.textContent)).toEqual(['首页', '人员', '班次与排班', '考勤结果', '考勤机', '异常处理', '报表', '设置']);
    await waitFor(() => expect(screen.getByTestId('company-name')).toHaveTextContent('某某电子厂'));
  });

  it('opens 首页 by default with the real figures from get_overview', async () => {
    renderShell();
    expect(await screen.findByText('/home/clerk/.local/share/kaoqin/kaoqin.db')).toBeInTheDocument();
    expect(screen.getByText('在职员工')).toBeInTheDocument();
    expect(screen.getByText('0.1.0')).toBeInTheDocument();
    expect(screen.queryByText('还没有设置公司名称')).toBeNull();
    await waitFor(() => expect(api.getCalendarStatus).toHaveBeenCalled());
    expect(screen.queryByTestId('calendar-next-year-banner')).toBeNull();
  });

  it('warns on 首页 when the holidays of next year are missing, and the button opens that year on 节假日', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.getCalendarStatus).mockResolvedValue({ ...calendarStatus, today: '2026-10-09', missing_next_year: 2027 });
    renderShell();
    const banner = await screen.findByTestId('calendar-next-year-banner');
    expect(banner).toHaveTextContent('2027 年节假日安排尚未载入');
    await user.click(within(banner).getByTestId('calendar-next-year-go'));
    expect(window.location.hash).toBe('#/settings/holidays/2027');
    expect(await screen.findByTestId('calendar-missing')).toHaveTextContent('2027 年节假日安排尚未载入');
    expect(screen.getByTestId('nav-settings')).toHaveClass('ant-menu-item-selected');
  });

  it('asks to set the company name while it is the default, and the button goes to 设置', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.getOverview).mockResolvedValue({ ...overview, company: { name: '我的公司', timezone: 'Asia/Shanghai' } });
    renderShell();
    expect(await screen.findByText('还没有设置公司名称')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /去设置/ }));
    expect(await screen.findByTestId('company-name-input')).toBeInTheDocument();
    expect(window.location.hash).toBe('#/settings');
  });

  it('shows an honest notice for unfinished sections, without tables', async () => {
    const user = userEvent.setup({ delay: null });
    const { container } = renderShell();
    await user.click(screen.getByTestId('nav-reports'));
    expect(container.querySelector('table')).toBeNull();
    expect(await screen.findByText('此功能尚未完成：报表')).toBeInTheDocument();
  });

  it('opens 考勤机 from the menu: the terminal list, not a placeholder', async () => {
    const user = userEvent.setup({ delay: null });
    renderShell();
    await user.click(screen.getByTestId('nav-terminals'));
    expect(window.location.hash).toBe('#/terminals');
    expect(await screen.findByTestId('terminal-empty')).toHaveTextContent('还没有登记考勤机');
    expect(api.listTerminals).toHaveBeenCalled();
    expect(screen.queryByText('此功能尚未完成：考勤机')).toBeNull();
  });

  it('switches the language, remembers it, and switches back', async () => {
    const user = userEvent.setup({ delay: null });
    renderShell();
    await user.click(screen.getByTestId('lang-switch'));
    await waitFor(() => expect(screen.getByTestId('nav-people')).toHaveTextContent('People'));
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(screen.getByTestId('lang-switch')).toHaveTextContent('中文');
    await user.click(screen.getByTestId('lang-switch'));
    await waitFor(() => expect(screen.getByTestId('nav-people')).toHaveTextContent('人员'));
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
  });

  it('saves company settings and puts a refused name under its field', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.updateCompany).mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误', en: 'invalid input' },
        fields: [{ field: 'company_name', value: 'x', problem: 'too_long', message: { zh: '公司名称太长', en: 'too long' } }],
      }),
    );
    renderShell('#/settings');
    const input = await screen.findByTestId('company-name-input');
    await waitFor(() => expect(input).toHaveValue('某某电子厂'));
    await user.clear(input);
    await user.type(input, '新名字{Enter}');
    await waitFor(() => expect(api.updateCompany).toHaveBeenCalledWith({ name: '新名字', timezone: 'Asia/Shanghai' }));
    const item = input.closest('.ant-form-item') as HTMLElement;
    expect(await within(item).findByText('公司名称太长')).toBeInTheDocument();
  });
});
