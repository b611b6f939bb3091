// Component tests of 班次与排班 → 班次 with a mocked api module: the list, create (exact input sent), server field errors
// on their fields, edit from a date, delete refused while in use, the quiet dry-run check, and the setup file.
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import type { SaveTimetableInput } from '../bindings/SaveTimetableInput';
import type { TimetableDto } from '../bindings/TimetableDto';
import { ShiftsPage } from './ShiftsPage';
import {
  dayTimetable,
  setupDryRun,
  shiftSegment,
  shiftTimetables,
  timetableInUseError,
} from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    listTimetables: vi.fn(),
    saveTimetable: vi.fn(),
    deleteTimetable: vi.fn(),
    listRotations: vi.fn(),
    exportSetup: vi.fn(),
    importSetup: vi.fn(),
  };
});

function renderTab(hash = '#/shifts', strict = false) {
  window.location.hash = hash;
  const page = (
    <AppProviders queryClient={createQueryClient()}>
      <ShiftsPage />
    </AppProviders>
  );
  // main.tsx renders in StrictMode, which runs effects twice in development.
  return render(strict ? <StrictMode>{page}</StrictMode> : page);
}

/** What a dry run of `input` returns: the input with the office-day defaults written out. */
function dryRunResult(input: SaveTimetableInput): TimetableDto {
  const t = input.timetable;
  return {
    ...dayTimetable,
    id: input.id,
    code: t.code,
    name: t.name,
    summary: { zh: '09:00–18:00 · 休息 12:00–13:00 · 8 小时', en: '09:00–18:00 · break 12:00–13:00 · 8 h' },
    form: {
      ...t,
      day_value: 1,
      day_change: t.day_change || '07:00',
      required_minutes: t.required_minutes ?? 480,
      segments: t.segments.map((s) =>
        shiftSegment(s.on, s.off, Object.fromEntries(Object.entries(s).filter(([, v]) => v !== null))),
      ),
    },
  };
}

const saveCalls = () =>
  vi.mocked(api.saveTimetable).mock.calls.map(([input]) => input).filter((input) => !input.dry_run);

/** pointerEventsCheck off: checking CSS pointer-events walks antd's many style sheets on every key and is very slow in jsdom. */
const setupUser = () => userEvent.setup({ delay: null, pointerEventsCheck: 0 });

/** The form item (label, control, errors) around an element. */
const formItem = (el: HTMLElement) => el.closest('.ant-form-item') as HTMLElement;

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.listTimetables).mockResolvedValue(shiftTimetables);
  vi.mocked(api.listRotations).mockResolvedValue([]);
  vi.mocked(api.saveTimetable).mockImplementation((input) =>
    Promise.resolve(input.dry_run ? dryRunResult(input) : { ...dryRunResult(input), id: input.id ?? 42 }),
  );
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('班次 list', () => {
  it('lists the timetables with colour code, kind, summary, users and versions', async () => {
    renderTab();
    const code = await screen.findByTestId('timetable-row-夜');
    const row = code.closest('tr') as HTMLElement;
    expect(within(row).getByText('夜班')).toBeInTheDocument();
    expect(within(row).getByText('固定班次')).toBeInTheDocument();
    expect(within(row).getByText('22:00–06:00+1 · 满 6 小时扣 30 分钟（带薪） · 8 小时')).toBeInTheDocument();
    expect(within(row).getByText('考勤组「车间」')).toBeInTheDocument();
    expect(within(row).getByText('轮班「三班倒」')).toBeInTheDocument();
    // The colour chip is antd's Tag in the timetable's colour.
    expect(code.querySelector('.ant-tag')).toHaveTextContent('夜');
    const day = screen.getByTestId('timetable-row-白').closest('tr') as HTMLElement;
    expect(within(day).getByText('未使用')).toBeInTheDocument();
    expect(within(day).getByText('2')).toBeInTheDocument(); // two versions
    expect(within(screen.getByTestId('timetable-row-自').closest('tr') as HTMLElement).getByText('自由工时', { selector: '.ant-tag' })).toBeInTheDocument();
  });

  it('explains what a 班次 is when there is none, in English too', async () => {
    vi.mocked(api.listTimetables).mockResolvedValue([]);
    await setLanguage('en');
    renderTab();
    expect(await screen.findByText('No timetables yet')).toBeInTheDocument();
    expect(screen.getByText(/A timetable is one day's work plan/)).toBeInTheDocument();
    expect(screen.getByTestId('timetable-new-empty')).toBeInTheDocument();
  });
});

describe('班次 form', () => {
  it('puts the test hooks on the real controls', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('timetable-edit-白'));
    await screen.findByTestId('timetable-code');
    await user.click(screen.getByTestId('timetable-effective-from'));
    for (const id of [
      'timetable-code',
      'timetable-name',
      'timetable-day-change',
      'timetable-required-minutes',
      'segment-0-on',
      'segment-0-off',
      'segment-0-check-in-before',
      'segment-0-late-grace',
      'segment-0-serious-late',
      'break-0-start',
      'break-0-end',
      'break-0-paid',
      'timetable-effective-correct',
      'timetable-effective-from',
      'timetable-effective-date',
    ]) {
      expect((await screen.findByTestId(id)).tagName, id).toBe('INPUT');
    }
    for (const id of ['timetable-color', 'break-0-kind']) {
      expect(screen.getByTestId(id), id).toHaveClass('ant-select');
    }
    for (const id of ['timetable-check', 'timetable-save', 'segment-add', 'break-add', 'timetable-setup-export']) {
      expect(screen.getByTestId(id).tagName, id).toBe('BUTTON');
    }
    expect(screen.getByTestId('timetable-setup-import-input')).toHaveAttribute('type', 'file');
    expect(screen.getByTestId('timetable-kind-fixed').closest('.ant-segmented-item')).toHaveClass('ant-segmented-item-selected');
  });

  it('starts a new timetable on the first preset colour no timetable uses, in any letter case', async () => {
    const user = setupUser();
    vi.mocked(api.listTimetables).mockResolvedValue([
      { ...dayTimetable, color: '#1677FF' },
      { ...shiftTimetables[1], color: '#52c41a' },
      { ...shiftTimetables[4], color: null },
    ]);
    renderTab();
    await user.click(await screen.findByTestId('timetable-new'));
    // 蓝 and 绿 are taken: 金黄 (#faad14), the next preset.
    expect(await screen.findByTestId('timetable-color')).toHaveTextContent('金黄');
    await user.type(screen.getByTestId('timetable-code'), '中');
    await user.type(screen.getByTestId('timetable-name'), '中班');
    await user.click(screen.getByTestId('timetable-save'));
    await waitFor(() => expect(saveCalls()).toHaveLength(1));
    expect(saveCalls()[0].timetable.color).toBe('#faad14');
  });

  it('creates a fixed timetable with a lunch break and sends exactly the input', async () => {
    const user = setupUser();
    vi.mocked(api.listTimetables).mockResolvedValue([]);
    renderTab();
    await user.click(await screen.findByTestId('timetable-new'));
    await user.type(await screen.findByTestId('timetable-code'), '白');
    await user.type(screen.getByTestId('timetable-name'), '白班');
    expect(screen.getByTestId('segment-0-on')).toHaveValue('09:00');
    await user.clear(screen.getByTestId('segment-0-on'));
    await user.type(screen.getByTestId('segment-0-on'), '8:30');
    await user.clear(screen.getByTestId('segment-0-off'));
    await user.type(screen.getByTestId('segment-0-off'), '17:30');
    await user.type(screen.getByTestId('segment-0-late-grace'), '5');
    await user.click(screen.getByTestId('break-add'));
    await user.type(await screen.findByTestId('break-0-start'), '12:00');
    await user.type(screen.getByTestId('break-0-end'), '13:00');
    await user.click(screen.getByTestId('timetable-save'));

    await waitFor(() => expect(saveCalls()).toHaveLength(1));
    expect(saveCalls()[0]).toEqual({
      id: null,
      effective_from: '',
      dry_run: false,
      timetable: {
        code: '白',
        name: '白班',
        color: '#1677ff', // the first preset: there is no other timetable yet
        kind: 'fixed',
        day_value: 1,
        day_change: '',
        required_minutes: null,
        segments: [
          {
            on: '08:30',
            off: '17:30',
            check_in_before_minutes: null,
            check_in_after_minutes: null,
            check_out_before_minutes: null,
            check_out_after_minutes: null,
            late_grace_minutes: 5,
            early_grace_minutes: null,
            serious_late_minutes: null,
            late_absent_minutes: null,
            early_absent_minutes: null,
          },
        ],
        breaks: [{ kind: 'fixed', start: '12:00', end: '13:00', minutes: null, after_worked_minutes: null, paid: false }],
        earliest_arrival: '',
        latest_arrival: '',
        late_grace_minutes: null,
        late_absent_minutes: null,
        pairing: '',
      },
    });
    expect(await screen.findByText('已新建班次「白班」（白）')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('timetable-code')).toBeNull());
  });

  it('infers the next day for a night shift, shows 次日 and sends 06:00+1; Enter saves', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('timetable-new'));
    await user.type(await screen.findByTestId('timetable-code'), 'N');
    await user.type(screen.getByTestId('timetable-name'), '夜班二');
    expect(screen.queryByTestId('segment-0-off-next-day')).toBeNull();
    await user.clear(screen.getByTestId('segment-0-on'));
    await user.type(screen.getByTestId('segment-0-on'), '22:00');
    // 18:00 is now before 22:00: it already reads as the next day.
    expect(screen.getByTestId('segment-0-off-next-day')).toHaveTextContent('次日');
    await user.clear(screen.getByTestId('segment-0-off'));
    await user.type(screen.getByTestId('segment-0-off'), '06:00');
    expect(screen.getByTestId('segment-0-off-next-day')).toHaveTextContent('次日');
    expect(screen.queryByTestId('segment-0-on-next-day')).toBeNull();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(saveCalls()).toHaveLength(1));
    expect(saveCalls()[0].timetable.segments.map((s) => [s.on, s.off])).toEqual([['22:00', '06:00+1']]);
  });

  it('checks with a dry run and shows the summary and the effective windows (in StrictMode); Esc closes', async () => {
    const user = setupUser();
    renderTab('#/shifts', true);
    await user.click(await screen.findByTestId('timetable-new'));
    await user.type(await screen.findByTestId('timetable-code'), 'D');
    await user.type(screen.getByTestId('timetable-name'), '行政班');
    await user.click(screen.getByTestId('timetable-check'));
    expect(await screen.findByTestId('timetable-summary')).toHaveTextContent('09:00–18:00 · 休息 12:00–13:00 · 8 小时');
    expect(screen.getByTestId('timetable-windows-0')).toHaveTextContent('签到 07:00–11:00，签退 16:00–22:00');
    expect(screen.getByTestId('timetable-check-day-change')).toHaveTextContent('每天从 07:00 起算');
    const dryRun = vi.mocked(api.saveTimetable).mock.calls.at(-1)?.[0];
    expect(dryRun).toMatchObject({ id: null, effective_from: '', dry_run: true, timetable: { code: 'D', name: '行政班' } });
    // The defaults of the check become the placeholders of the empty windows.
    expect(screen.getByTestId('segment-0-check-in-before')).toHaveAttribute('placeholder', '默认 120');
    expect(screen.getByTestId('segment-0-check-out-after')).toHaveAttribute('placeholder', '默认 240');
    expect(screen.getByTestId('timetable-day-change')).toHaveAttribute('placeholder', '自动（07:00）');
    expect(saveCalls()).toHaveLength(0);
    await user.click(screen.getByTestId('timetable-name'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('timetable-name')).toBeNull());
    expect(saveCalls()).toHaveLength(0);
  });

  it('runs a quiet check after leaving a time field, before the code is typed', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('timetable-new'));
    await user.click(await screen.findByTestId('segment-0-on'));
    await user.tab();
    await waitFor(() => expect(api.saveTimetable).toHaveBeenCalled());
    const [input] = vi.mocked(api.saveTimetable).mock.calls[0];
    expect(input.dry_run).toBe(true);
    expect(input.timetable.segments[0]).toMatchObject({ on: '09:00', off: '18:00' });
    expect(await screen.findByTestId('timetable-summary')).toBeInTheDocument();
    // The stand-in code's problems are not shown: the clerk has not typed one yet.
    expect(screen.queryByText(/请填写简称/)).toBeNull();
  });

  it('shows a server error on the field it names and the rest in a list', async () => {
    const user = setupUser();
    vi.mocked(api.saveTimetable).mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误，未做任何修改', en: 'invalid input' },
        fields: [
          {
            field: 'segments.0.off',
            value: '06:00',
            problem: 'not_after',
            message: { zh: '第 1 段：下班时间「06:00」应晚于上班时间 22:00', en: 'segment 1: off "06:00" must be after on 22:00' },
          },
          {
            field: 'code',
            value: '夜',
            problem: 'duplicate',
            message: { zh: '简称「夜」已被 班次「夜班」 使用', en: 'code "夜" is already used by 班次「夜班」' },
          },
          {
            field: 'segments',
            value: '',
            problem: 'weird',
            message: { zh: '上下班时间有别的问题', en: 'another segment problem' },
          },
        ],
      }),
    );
    renderTab();
    await user.click(await screen.findByTestId('timetable-new'));
    await user.type(await screen.findByTestId('timetable-code'), '夜');
    await user.type(screen.getByTestId('timetable-name'), '夜班');
    await user.click(screen.getByTestId('timetable-save'));
    const off = screen.getByTestId('segment-0-off');
    await waitFor(() => expect(formItem(off)).toHaveTextContent('第 1 段：下班时间「06:00」应晚于上班时间 22:00'));
    expect(formItem(screen.getByTestId('timetable-code'))).toHaveTextContent('简称「夜」已被 班次「夜班」 使用');
    expect(within(screen.getByTestId('timetable-problems')).getByText('上下班时间有别的问题')).toBeInTheDocument();
    // The drawer stays open with what was typed.
    expect(screen.getByTestId('timetable-name')).toHaveValue('夜班');
  });

  it('edits from a date on: the drawer shows the versions and sends effective_from', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('timetable-edit-白'));
    const effective = await screen.findByTestId('timetable-effective');
    expect(effective).toHaveTextContent('这个班次的版本：最初、2026-03-01 起');
    expect(screen.getByTestId('timetable-code')).toHaveValue('白');
    expect(screen.getByTestId('segment-0-late-grace')).toHaveValue('5');
    expect(screen.getByTestId('break-0-start')).toHaveValue('12:00');
    await user.click(screen.getByTestId('timetable-effective-from'));
    await user.type(await screen.findByTestId('timetable-effective-date'), '2026-07-01{Enter}');
    await user.clear(screen.getByTestId('segment-0-late-grace'));
    await user.type(screen.getByTestId('segment-0-late-grace'), '10');
    await user.click(screen.getByTestId('timetable-save'));

    await waitFor(() => expect(saveCalls()).toHaveLength(1));
    const sent = saveCalls()[0];
    expect(sent).toMatchObject({ id: 1, effective_from: '2026-07-01', dry_run: false });
    expect(sent.timetable).toEqual({ ...dayTimetable.form, segments: [{ ...dayTimetable.form.segments[0], late_grace_minutes: 10 }] });
    expect(await screen.findByText('已保存班次「白班」')).toBeInTheDocument();
  });

  it('corrects the rules in force by default when editing', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('timetable-edit-白'));
    await user.clear(await screen.findByTestId('timetable-name'));
    await user.type(screen.getByTestId('timetable-name'), '行政白班');
    await user.click(screen.getByTestId('timetable-save'));
    await waitFor(() => expect(saveCalls()).toHaveLength(1));
    expect(saveCalls()[0]).toMatchObject({ id: 1, effective_from: '', timetable: { name: '行政白班', code: '白' } });
  });

  it('switches to flexible and sends the flexible fields only', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('timetable-new'));
    await user.type(await screen.findByTestId('timetable-code'), '弹');
    await user.type(screen.getByTestId('timetable-name'), '弹性班');
    await user.click(screen.getByTestId('timetable-kind-flexible'));
    expect(screen.queryByTestId('segment-0-on')).toBeNull();
    await user.type(await screen.findByTestId('flex-latest-arrival'), '10:00');
    await user.type(screen.getByTestId('flex-required-minutes'), '480');
    await user.click(screen.getByTestId('break-add'));
    await user.type(await screen.findByTestId('break-0-minutes'), '60');
    await user.type(screen.getByTestId('break-0-after'), '300');
    await user.click(screen.getByTestId('timetable-save'));
    await waitFor(() => expect(saveCalls()).toHaveLength(1));
    expect(saveCalls()[0].timetable).toMatchObject({
      kind: 'flexible',
      segments: [],
      latest_arrival: '10:00',
      earliest_arrival: '',
      required_minutes: 480,
      breaks: [{ kind: 'auto', start: '', end: '', minutes: 60, after_worked_minutes: 300, paid: false }],
    });
  });
});

describe('班次 delete', () => {
  it('shows who still uses the timetable when the delete is refused', async () => {
    const user = setupUser();
    vi.mocked(api.deleteTimetable).mockRejectedValue(new ApiError(timetableInUseError));
    renderTab();
    await user.click(await screen.findByTestId('timetable-delete-夜'));
    await user.click(document.querySelector('.ant-popconfirm .ant-btn-dangerous') as HTMLElement);
    expect(api.deleteTimetable).toHaveBeenCalledWith(4);
    const problem = await screen.findByTestId('timetable-delete-problem');
    expect(problem).toHaveTextContent('班次「夜班」正在被 考勤组「车间」、轮班「三班倒」 使用，不能删除：先把它们改掉');
    expect(screen.getByText('不能删除班次「夜班」', { selector: '.ant-modal-confirm-title' })).toBeInTheDocument();
  });

  it('deletes an unused timetable', async () => {
    const user = setupUser();
    vi.mocked(api.deleteTimetable).mockResolvedValue(null);
    renderTab();
    await user.click(await screen.findByTestId('timetable-delete-白'));
    await user.click(document.querySelector('.ant-popconfirm .ant-btn-dangerous') as HTMLElement);
    await waitFor(() => expect(api.deleteTimetable).toHaveBeenCalledWith(1));
    expect(await screen.findByText('已删除班次「白班」')).toBeInTheDocument();
  });
});

describe('设置文件', () => {
  it('exports the setup as kaoqin-setup.toml', async () => {
    const user = setupUser();
    vi.mocked(api.exportSetup).mockResolvedValue('format = "kaoqin-setup/1"\n');
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:setup';
      }),
      revokeObjectURL: vi.fn(),
    });
    const clicked: { download: string; href: string }[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    renderTab();
    await user.click(await screen.findByTestId('timetable-setup-export'));
    await waitFor(() => expect(clicked).toEqual([{ download: 'kaoqin-setup.toml', href: 'blob:setup' }]));
    const saved = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blobs[0]);
    });
    expect(saved).toBe('format = "kaoqin-setup/1"\n');
    expect(document.querySelector('a[download]')).toBeNull();
    spy.mockRestore();
  });

  it('imports a setup file: dry run per section, then the real import on confirm', async () => {
    const user = setupUser();
    vi.mocked(api.importSetup).mockImplementation(({ dryRun }) => Promise.resolve({ ...setupDryRun, dry_run: dryRun }));
    renderTab();
    const text = 'format = "kaoqin-setup/1"\n[[rotation]]\nname = "三班倒"\n';
    await user.upload(await screen.findByTestId('timetable-setup-import-input'), new File([text], 'kaoqin-setup.toml', { type: 'text/plain' }));
    await waitFor(() => expect(api.importSetup).toHaveBeenCalledWith({ text, dryRun: true }));
    const result = await screen.findByTestId('setup-import-result');
    expect(within(result).getByTestId('setup-import-timetable-added')).toHaveTextContent('新增 2：早中');
    expect(within(result).getByTestId('setup-import-timetable-changed')).toHaveTextContent('修改 1：白');
    expect(within(result).getByTestId('setup-import-timetable-unchanged')).toHaveTextContent('不变 1：夜');
    expect(within(result).getByTestId('setup-import-rotation-added')).toHaveTextContent('三班倒');
    for (const label of ['班次', '轮班规律', '考勤组', '考勤组分配', '公司调整日']) {
      expect(within(result).getByText(label)).toBeInTheDocument();
    }
    expect(result).toHaveTextContent('导入后会新增或修改 4 项。');
    expect(api.importSetup).toHaveBeenCalledTimes(1);

    await user.click(screen.getByTestId('setup-import-confirm'));
    await waitFor(() => expect(api.importSetup).toHaveBeenLastCalledWith({ text, dryRun: false }));
    expect(await screen.findByText('设置文件已导入，共新增或修改 4 项')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('setup-import-result')).toBeNull());
  });

  it('lists every problem of a refused setup file', async () => {
    const user = setupUser();
    vi.mocked(api.importSetup).mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: {
          zh: '设置文件有 2 处问题，未做任何修改：\n- 班次 1：第 1 段：下班时间不对\n- 轮班 1：第 3 天：没有简称为「X」的班次',
          en: 'the setup file has 2 problems; nothing was changed:\n- a\n- b',
        },
        fields: [
          { field: 'timetable.0.segments.0.off', value: '06:00', problem: 'not_after', message: { zh: '班次 1：第 1 段：下班时间不对', en: 'a' } },
          { field: 'rotation.0.days.2.timetable', value: 'X', problem: 'not_found', message: { zh: '轮班 1：第 3 天：没有简称为「X」的班次', en: 'b' } },
        ],
      }),
    );
    renderTab();
    await user.upload(await screen.findByTestId('timetable-setup-import-input'), new File(['x'], 'bad.toml'));
    const problem = await screen.findByTestId('setup-import-problem');
    expect(problem).toHaveTextContent('没有导入：设置文件有 2 处问题，未做任何修改');
    expect(within(problem).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '班次 1：第 1 段：下班时间不对',
      '轮班 1：第 3 天：没有简称为「X」的班次',
    ]);
    expect(screen.queryByTestId('setup-import-result')).toBeNull();
  });

  it('shows where a file with a syntax error goes wrong', async () => {
    const user = setupUser();
    vi.mocked(api.importSetup).mockRejectedValue(
      new ApiError({
        code: 'invalid_file',
        message: { zh: '设置文件第 3 行第 7 列有语法错误：\n缺少引号', en: 'syntax error at line 3, column 7:\nmissing quote' },
        fields: [],
      }),
    );
    renderTab();
    await user.upload(await screen.findByTestId('timetable-setup-import-input'), new File(['x'], 'bad.toml'));
    const problem = await screen.findByTestId('setup-import-problem');
    expect(problem).toHaveTextContent('设置文件第 3 行第 7 列有语法错误');
    expect(within(problem).getByRole('listitem')).toHaveTextContent('缺少引号');
  });
});
