// Component tests of 设置 → 考勤规则 with a mocked api module: the tab in the address, the saved rules in the form, 保存
// (exactly the form's values, the message, Enter in a number field), refusals marked on their fields, 未保存 and 撤销修改,
// and 试算 (the unsaved values with the chosen person and month; the two lines and the changed days; none changed; a
// month not computed).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel, type UserEvent } from '@testing-library/user-event';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import { SettingsPage } from '../pages/SettingsPage';
import { previousMonth } from '../router';
import type { ErrorDto } from '../bindings/ErrorDto';
import type { RulesDto } from '../bindings/RulesDto';
import type { WhatIfDto } from '../bindings/WhatIfDto';
import type { WhatIfInput } from '../bindings/WhatIfInput';
import { overview, page, zhangSan, wangWu } from '../test/fixtures';
import { lateDay, normalDay, zhangSanOctober } from '../results/fixtures';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    getOverview: vi.fn(),
    getRules: vi.fn(),
    saveRules: vi.fn(),
    whatIf: vi.fn(),
    listEmployees: vi.fn(),
  };
});

// antd forms, selects and tables are slow in jsdom when the whole suite runs in parallel.
configure({ asyncUtilTimeout: 5000 });

/** The rules as saved: not the defaults everywhere, so that a form showing defaults would fail. */
const savedRules: RulesDto = {
  duplicate_seconds: 90,
  missing_punch: 'missing',
  ot_source: 'approved_within_punches',
  ot_min_minutes: 30,
  ot_unit_minutes: 30,
  ot_rounding: 'down',
  ot_count_before_shift: false,
  ot_rest_day_to_time_off: true,
  rest_day_break_minutes: 60,
  rest_day_break_after_minutes: 300,
  daily_cap_minutes: 180,
  monthly_cap_minutes: 2160,
};

const unitRefused: ErrorDto = {
  code: 'invalid_input',
  message: { zh: '输入有误，请检查标红的项目', en: 'Some fields are not valid' },
  fields: [
    {
      field: 'ot_unit_minutes',
      value: '7',
      problem: 'not_a_divisor',
      message: { zh: '加班计算单位要能整除 60 分钟', en: 'The overtime unit must divide 60 minutes' },
    },
    {
      field: 'ot_rounding',
      value: 'up',
      problem: 'not_allowed',
      message: { zh: '单位不是 30 分钟时只能向下取整', en: 'Only rounding down with this unit' },
    },
  ],
};

const notComputed: ErrorDto = {
  code: 'not_found',
  message: { zh: '2026-09 还没有计算', en: '2026-09 has not been computed' },
  fields: [],
};

/** 张三's September: an hour unit takes 2 hours of workday overtime off and turns one day from late to normal. */
function answer(input: WhatIfInput, changed = true): WhatIfDto {
  const now = { ...zhangSanOctober, late_count: 2, late_minutes: 15, ot_workday_minutes: 600 };
  const then = changed ? { ...now, late_count: 1, late_minutes: 5, ot_workday_minutes: 540 } : now;
  return {
    employee_id: input.employee_id,
    month: input.month,
    now,
    then,
    changed_days: changed
      ? [
          {
            now: { ...lateDay, date: '2026-09-08', overtime_minutes: 90 },
            then: { ...normalDay, date: '2026-09-08', overtime_minutes: 60 },
          },
        ]
      : [],
  };
}

const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });

function renderRules(hash = '#/settings/rules') {
  window.location.hash = hash;
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <SettingsPage />
    </AppProviders>,
  );
}

/** Opens the antd Select with this test id, optionally types a search, and clicks the option titled `title`. */
async function pick(user: UserEvent, testId: string, title: string, typed = '') {
  const input = screen.getByTestId(testId).querySelector('input') as HTMLElement;
  await user.click(input);
  if (typed) await user.type(input, typed);
  const option = await waitFor(() => {
    const found = document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${title}"]`);
    if (found.length === 0) throw new Error(`no option ${title}`);
    return found[found.length - 1];
  });
  await user.click(option);
}

/** Replaces a number field's value. */
async function retype(user: UserEvent, testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await user.clear(input);
  await user.type(input, text);
}

/** The form item (label, field, problems) around a field. */
const itemOf = (testId: string) => screen.getByTestId(testId).closest('.ant-form-item') as HTMLElement;

/** The texts of a summary line's cells. */
const cells = (testId: string) => [...screen.getByTestId(testId).querySelectorAll('td')].map((td) => td.textContent);

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.getOverview).mockResolvedValue(overview);
  vi.mocked(api.getRules).mockResolvedValue(savedRules);
  vi.mocked(api.saveRules).mockImplementation((input) => Promise.resolve({ ...input }));
  vi.mocked(api.whatIf).mockImplementation((input) => Promise.resolve(answer(input)));
  vi.mocked(api.listEmployees).mockImplementation((q) =>
    Promise.resolve(
      page([zhangSan, wangWu].filter((p) => !q.search || p.employee_no.includes(q.search) || p.name.includes(q.search))),
    ),
  );
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('考勤规则 form', () => {
  it('is a tab of 设置 in the address, and shows the saved rules with an example per field', async () => {
    const user = setup();
    renderRules('#/settings');
    expect(await screen.findByTestId('company-name-input')).toBeInTheDocument();
    await user.click(screen.getByTestId('settings-tab-rules'));
    expect(window.location.hash).toBe('#/settings/rules');
    expect(await screen.findByTestId('rules-form')).toBeInTheDocument();
    expect(api.getRules).toHaveBeenCalled();

    expect(screen.getByTestId('rules-duplicate_seconds')).toHaveValue('90');
    expect(screen.getByTestId('rules-ot_min_minutes')).toHaveValue('30');
    expect(screen.getByTestId('rules-ot_unit_minutes')).toHaveValue('30');
    expect(screen.getByTestId('rules-rest_day_break_minutes')).toHaveValue('60');
    expect(screen.getByTestId('rules-rest_day_break_after_minutes')).toHaveValue('300');
    expect(screen.getByTestId('rules-daily_cap_minutes')).toHaveValue('180');
    expect(screen.getByTestId('rules-monthly_cap_minutes')).toHaveValue('2160');
    expect(screen.getByTestId('rules-missing_punch')).toHaveTextContent('缺卡（单独统计，待补卡）');
    expect(screen.getByTestId('rules-ot_source')).toHaveTextContent('审批且有打卡');
    expect(screen.getByTestId('rules-ot_rounding')).toHaveTextContent('向下');
    expect(screen.getByTestId('rules-ot_count_before_shift')).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByTestId('rules-ot_rest_day_to_time_off')).toHaveAttribute('aria-checked', 'true');
    // The caps also read in hours.
    expect(within(itemOf('rules-monthly_cap_minutes')).getByText('合 36.0 小时')).toBeInTheDocument();
    // Nothing changed yet.
    expect(screen.queryByTestId('rules-unsaved')).toBeNull();
    expect(screen.getByTestId('rules-reset')).toBeDisabled();

    // Every field has a tooltip with a worked example.
    const form = screen.getByTestId('rules-form');
    expect(form.querySelectorAll('.ant-form-item-tooltip')).toHaveLength(12);
    await user.hover(itemOf('rules-ot_unit_minutes').querySelector('.ant-form-item-tooltip') as HTMLElement);
    expect(await screen.findByText(/单位 30 分钟、向下取整时，加班 50 分钟计 30 分钟/)).toBeInTheDocument();
    await user.hover(itemOf('rules-ot_rest_day_to_time_off').querySelector('.ant-form-item-tooltip') as HTMLElement);
    expect(await screen.findByText(/法定节假日加班不能转调休/)).toBeInTheDocument();
  });

  it('saves exactly the form values, says results change on the next 计算, and shows what was saved', async () => {
    const user = setup();
    renderRules();
    await screen.findByTestId('rules-form');
    await retype(user, 'rules-ot_unit_minutes', '15');
    await user.click(screen.getByTestId('rules-ot_count_before_shift'));
    await pick(user, 'rules-ot_rounding', '四舍五入');
    await pick(user, 'rules-missing_punch', '旷工');
    expect(await screen.findByTestId('rules-unsaved')).toHaveTextContent('未保存');

    await user.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(api.saveRules).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.saveRules).mock.calls[0][0]).toStrictEqual({
      ...savedRules,
      ot_unit_minutes: 15,
      ot_count_before_shift: true,
      ot_rounding: 'nearest',
      missing_punch: 'absent',
    });
    expect(await screen.findByText('已保存：重新「计算」后结果才会按新规则变化')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('rules-unsaved')).toBeNull());
    expect(screen.getByTestId('rules-ot_unit_minutes')).toHaveValue('15');
    expect(screen.getByTestId('rules-ot_rounding')).toHaveTextContent('四舍五入');
    expect(screen.getByTestId('rules-reset')).toBeDisabled();
  });

  it('saves on Enter in a number field, once', async () => {
    const user = setup();
    renderRules();
    await screen.findByTestId('rules-form');
    await retype(user, 'rules-daily_cap_minutes', '120{Enter}');
    await waitFor(() => expect(api.saveRules).toHaveBeenCalledTimes(1));
    expect(api.saveRules).toHaveBeenCalledWith({ ...savedRules, daily_cap_minutes: 120 });
    expect(await screen.findByText('已保存：重新「计算」后结果才会按新规则变化')).toBeInTheDocument();
    expect(api.saveRules).toHaveBeenCalledTimes(1);
  });

  it('marks the fields a refusal names, keeps the changes unsaved, and saves nothing on an empty field', async () => {
    const user = setup();
    vi.mocked(api.saveRules).mockRejectedValue(new ApiError(unitRefused));
    renderRules();
    await screen.findByTestId('rules-form');
    await retype(user, 'rules-ot_unit_minutes', '7');
    await pick(user, 'rules-ot_rounding', '向上');
    await user.click(screen.getByTestId('rules-save'));
    expect(await within(itemOf('rules-ot_unit_minutes')).findByText('加班计算单位要能整除 60 分钟')).toBeInTheDocument();
    expect(itemOf('rules-ot_unit_minutes')).toHaveClass('ant-form-item-has-error');
    expect(within(itemOf('rules-ot_rounding')).getByText('单位不是 30 分钟时只能向下取整')).toBeInTheDocument();
    expect(itemOf('rules-ot_min_minutes')).not.toHaveClass('ant-form-item-has-error');
    expect(screen.queryByText('已保存：重新「计算」后结果才会按新规则变化')).toBeNull();
    expect(screen.getByTestId('rules-unsaved')).toBeInTheDocument();

    // A cleared field is asked for before anything is sent.
    vi.mocked(api.saveRules).mockClear();
    await user.clear(screen.getByTestId('rules-ot_min_minutes'));
    await user.click(screen.getByTestId('rules-save'));
    expect(await within(itemOf('rules-ot_min_minutes')).findByText('请填写最短加班')).toBeInTheDocument();
    expect(api.saveRules).not.toHaveBeenCalled();
  });

  it('marks a problem the backend names with its own field path (overtime_unit_minutes)', async () => {
    const user = setup();
    vi.mocked(api.saveRules).mockRejectedValue(
      new ApiError({ ...unitRefused, fields: [{ ...unitRefused.fields[0], field: 'overtime_unit_minutes' }] }),
    );
    renderRules();
    await screen.findByTestId('rules-form');
    await retype(user, 'rules-ot_unit_minutes', '7');
    await user.click(screen.getByTestId('rules-save'));
    expect(await within(itemOf('rules-ot_unit_minutes')).findByText('加班计算单位要能整除 60 分钟')).toBeInTheDocument();
  });

  it('撤销修改 puts the saved values back and clears the marks', async () => {
    const user = setup();
    vi.mocked(api.saveRules).mockRejectedValue(new ApiError(unitRefused));
    renderRules();
    await screen.findByTestId('rules-form');
    await retype(user, 'rules-ot_unit_minutes', '7');
    await user.click(screen.getByTestId('rules-ot_rest_day_to_time_off'));
    await pick(user, 'rules-ot_source', '按打卡');
    await user.click(screen.getByTestId('rules-save'));
    await within(itemOf('rules-ot_unit_minutes')).findByText('加班计算单位要能整除 60 分钟');
    expect(screen.getByTestId('rules-unsaved')).toBeInTheDocument();

    await user.click(screen.getByTestId('rules-reset'));
    await waitFor(() => expect(screen.queryByTestId('rules-unsaved')).toBeNull());
    expect(screen.getByTestId('rules-ot_unit_minutes')).toHaveValue('30');
    expect(screen.getByTestId('rules-ot_rest_day_to_time_off')).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByTestId('rules-ot_source')).toHaveTextContent('审批且有打卡');
    await waitFor(() => expect(within(itemOf('rules-ot_unit_minutes')).queryByText('加班计算单位要能整除 60 分钟')).toBeNull());
    expect(itemOf('rules-ot_unit_minutes')).not.toHaveClass('ant-form-item-has-error');
    expect(screen.getByTestId('rules-reset')).toBeDisabled();
    expect(api.saveRules).toHaveBeenCalledTimes(1);
  });
});

describe('试算', () => {
  async function chooseZhangSan(user: UserEvent) {
    await pick(user, 'whatif-person', '1001 张三（总部/生产部）', '1001');
  }

  async function typeMonth(user: UserEvent, month: string) {
    const input = screen.getByTestId('whatif-month');
    await user.click(input);
    await user.clear(input);
    await user.type(input, `${month}{Enter}`);
  }

  it('tries the unsaved values on the chosen person and month, saving nothing, and shows now, then and the changed days', async () => {
    const user = setup();
    renderRules();
    await screen.findByTestId('rules-form');
    // Last month by default; nothing to try until a person is chosen.
    expect(screen.getByTestId('whatif-month')).toHaveValue(previousMonth(new Date()));
    expect(screen.getByTestId('whatif-run')).toBeDisabled();

    await retype(user, 'rules-ot_unit_minutes', '60');
    await user.click(screen.getByTestId('rules-ot_rest_day_to_time_off'));
    await chooseZhangSan(user);
    await typeMonth(user, '2026-09');
    await user.click(screen.getByTestId('whatif-run'));

    await waitFor(() => expect(api.whatIf).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.whatIf).mock.calls[0][0]).toStrictEqual({
      employee_id: 11,
      month: '2026-09',
      rules: { ...savedRules, ot_unit_minutes: 60, ot_rest_day_to_time_off: false },
    });
    expect(api.saveRules).not.toHaveBeenCalled();
    // Still unsaved: 试算 saves nothing.
    expect(screen.getByTestId('rules-unsaved')).toBeInTheDocument();

    // 现在 / 改后: 出勤天数, 迟到 次/分钟, 缺卡, 旷工, 加班 工作日/休息日/节假日, 调休.
    await screen.findByTestId('whatif-now');
    expect(cells('whatif-now')).toEqual(['现在', '21.5', '2 / 15', '1', '0.5', '10.0', '8.0', '0', '4.0']);
    expect(cells('whatif-then')).toEqual(['改后', '21.5', '1 / 5', '1', '0.5', '9.0', '8.0', '0', '4.0']);
    // Only the changed figures are marked, on both lines.
    const marked = (testId: string) =>
      [...screen.getByTestId(testId).querySelectorAll('.whatif-changed')].map((el) => el.textContent);
    expect(marked('whatif-now')).toEqual(['2 / 15', '10.0']);
    expect(marked('whatif-then')).toEqual(['1 / 5', '9.0']);

    // The changed day: status and findings now, then; the figures that change.
    const day = screen.getByTestId('whatif-day-2026-09-08');
    const [date, now, then] = [...day.querySelectorAll('td')];
    expect(date).toHaveTextContent('09-08 周二');
    expect(within(now).getByText('异常')).toHaveAttribute('data-status', 'exception');
    const texts = (cell: HTMLElement, selector: string) => [...cell.querySelectorAll(selector)].map((el) => el.textContent);
    expect(texts(now, '.res-finding')).toEqual(['迟到 15 分钟', '缺下班卡']);
    expect(within(now).getByText('缺下班卡')).toHaveAttribute('data-severity', 'error');
    // The day's figures that change, on both sides.
    expect(texts(now, '.whatif-day-figure.whatif-changed')).toEqual(['出勤 7.8 小时', '迟到 15 分钟', '加班 1.5 小时']);
    expect(within(then).getByText('正常')).toHaveAttribute('data-status', 'normal');
    expect(then.querySelectorAll('.res-finding')).toHaveLength(0);
    expect(texts(then, '.whatif-day-figure.whatif-changed')).toEqual(['出勤 8.0 小时', '迟到 0 分钟', '加班 1.0 小时']);
    expect(screen.getByText('会变的日子：1 天')).toBeInTheDocument();
    expect(screen.queryByTestId('whatif-none')).toBeNull();

    // A change after trying says the answer is out of date.
    await retype(user, 'rules-ot_min_minutes', '45');
    expect(await screen.findByText('试算之后设置又改过了：再点「试算」看新的结果')).toBeInTheDocument();
  });

  it('says so when no day would change', async () => {
    const user = setup();
    vi.mocked(api.whatIf).mockImplementation((input) => Promise.resolve(answer(input, false)));
    renderRules();
    await screen.findByTestId('rules-form');
    await chooseZhangSan(user);
    await user.click(screen.getByTestId('whatif-run'));
    expect(await screen.findByTestId('whatif-none')).toHaveTextContent('没有哪一天的结果会变');
    expect(api.whatIf).toHaveBeenCalledWith({ employee_id: 11, month: previousMonth(new Date()), rules: savedRules });
    expect(screen.getByTestId('whatif-then').querySelectorAll('.whatif-changed')).toHaveLength(0);
    expect(document.querySelector('[data-testid^="whatif-day-"]')).toBeNull();
  });

  it('asks to compute the month first when it has no results', async () => {
    const user = setup();
    vi.mocked(api.whatIf).mockRejectedValue(new ApiError(notComputed));
    renderRules();
    await screen.findByTestId('rules-form');
    await chooseZhangSan(user);
    await typeMonth(user, '2026-09');
    await user.click(screen.getByTestId('whatif-run'));
    const notice = await screen.findByTestId('whatif-not-computed');
    expect(notice).toHaveTextContent('2026-09 还没有这个人的考勤结果：先在「考勤结果」计算这个月');
    expect(screen.queryByTestId('whatif-now')).toBeNull();
    await user.click(within(notice).getByRole('button'));
    expect(window.location.hash).toBe('#/results/2026-09');
  });

  it('does not try rules the form refuses', async () => {
    const user = setup();
    renderRules();
    await screen.findByTestId('rules-form');
    await user.clear(screen.getByTestId('rules-ot_unit_minutes'));
    await chooseZhangSan(user);
    await user.click(screen.getByTestId('whatif-run'));
    expect(await screen.findByText('先改正设置里标红的项，再试算')).toBeInTheDocument();
    expect(await within(itemOf('rules-ot_unit_minutes')).findByText('请填写加班计算单位')).toBeInTheDocument();
    expect(api.whatIf).not.toHaveBeenCalled();
  });

  it('speaks English too', async () => {
    await setLanguage('en');
    const user = setup();
    renderRules();
    await screen.findByTestId('rules-form');
    expect(screen.getByTestId('settings-tab-rules')).toHaveTextContent('Attendance rules');
    expect(screen.getByTestId('rules-ot_rounding')).toHaveTextContent('Down');
    await chooseZhangSan(user);
    await user.click(screen.getByTestId('whatif-run'));
    expect(await screen.findByTestId('whatif-now')).toHaveTextContent('Now');
    expect(screen.getByTestId('whatif-then')).toHaveTextContent('With the change');
    expect(within(screen.getByTestId('whatif-day-2026-09-08')).getByText('Overtime 1.5 h')).toBeInTheDocument();
  });
});
