// Component tests of 班次与排班 → 排班 with a mocked api module: the month grid, selection by pointer, keys and headers,
// paint / clear / swap / undo, 按轮班填充 and 复制一周, conflicts, the missing holiday year, and virtual rows for 500 people.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel, type UserEvent } from '@testing-library/user-event';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import type { ScheduleEditResult } from '../bindings/ScheduleEditResult';
import {
  bigScheduleGrid,
  departments,
  groupsOnJune15,
  scheduleOctober,
  scheduleRotations,
  yearMissingError,
} from '../test/fixtures';
import { ScheduleTab } from './ScheduleTab';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    getSchedule: vi.fn(),
    editSchedule: vi.fn(),
    listRotations: vi.fn(),
    listDepartments: vi.fn(),
    listGroups: vi.fn(),
  };
});

// Each edit refetches the grid before the palette is enabled again; give a busy machine time for it.
configure({ asyncUtilTimeout: 5000 });

const UNDO_OF_PAINT: ScheduleEditResult = {
  changed: 2,
  undo: [
    { employee_id: 11, date: '2026-10-13', timetable_id: 1, source: '' },
    { employee_id: 11, date: '2026-10-14', timetable_id: null, source: 'paint' },
  ],
};

function renderTab() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <ScheduleTab />
    </AppProviders>,
  );
}

const cell = (no: string, date: string) => screen.getByTestId(`schedule-cell-${no}-${date}`);

/** Presses the primary button on a cell and drags to another one. */
function drag(fromNo: string, fromDate: string, toNo: string, toDate: string) {
  fireEvent.pointerDown(cell(fromNo, fromDate), { button: 0, pointerId: 1 });
  fireEvent.pointerMove(cell(toNo, toDate), { button: 0, pointerId: 1 });
  fireEvent.pointerUp(cell(toNo, toDate), { button: 0, pointerId: 1 });
}

function clickCell(no: string, date: string, init: { shiftKey?: boolean; ctrlKey?: boolean } = {}) {
  fireEvent.pointerDown(cell(no, date), { button: 0, pointerId: 1, ...init });
  fireEvent.pointerUp(cell(no, date), { button: 0, pointerId: 1, ...init });
}

function press(key: string, init: { shiftKey?: boolean; ctrlKey?: boolean } = {}) {
  fireEvent.keyDown(screen.getByTestId('schedule-grid'), { key, ...init });
}

const lastEdit = () => vi.mocked(api.editSchedule).mock.calls.at(-1)?.[0];

/** Opens the antd Select with this test id and clicks an option (jsdom key events carry no `which`, which rc-select reads on Enter). */
async function pick(user: UserEvent, testId: string, title: string) {
  await user.click(screen.getByTestId(testId).querySelector('input') as HTMLElement);
  const option = await waitFor(() => {
    const found = document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${title}"]`);
    if (found.length === 0) throw new Error(`no option ${title}`);
    return found[found.length - 1];
  });
  await user.click(option);
}

async function typeDate(user: UserEvent, testId: string, date: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${date}{Enter}`);
}

beforeEach(() => {
  vi.resetAllMocks();
  // Only the clock is fake: "this month" is October 2026.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 9, 15, 10, 0, 0));
  vi.mocked(api.getSchedule).mockImplementation(() => Promise.resolve(scheduleOctober()));
  vi.mocked(api.editSchedule).mockResolvedValue(UNDO_OF_PAINT);
  vi.mocked(api.listRotations).mockResolvedValue(scheduleRotations);
  vi.mocked(api.listDepartments).mockResolvedValue(departments);
  vi.mocked(api.listGroups).mockResolvedValue(groupsOnJune15);
});

afterEach(async () => {
  vi.useRealTimers();
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('排班 grid', () => {
  it('shows this month with coloured day headers, cells by source and the counts', async () => {
    renderTab();
    const national = await screen.findByTestId('schedule-day-2026-10-01');
    expect(api.getSchedule).toHaveBeenCalledWith({ month: '2026-10', department_id: null, group_id: null, search: null });
    expect(screen.getByTestId('schedule-month')).toHaveValue('2026-10');

    expect(national).toHaveAttribute('data-class', 'statutory');
    expect(national).toHaveClass('sch-day--statutory');
    expect(national).toHaveTextContent('1四');
    expect(national.title).toContain('2026-10-01 星期四 · 法定节假日');
    expect(national.title).toContain('节日：国庆节');
    expect(screen.getByTestId('schedule-day-2026-10-04')).toHaveClass('sch-day--rest_day');
    const makeUp = screen.getByTestId('schedule-day-2026-10-10');
    expect(makeUp).toHaveClass('sch-day--make_up_workday');
    expect(makeUp).toHaveTextContent('10六班');
    expect(screen.getByTestId('schedule-day-2026-10-08')).toHaveClass('sch-day--workday');
    expect(document.querySelectorAll('[data-testid^="schedule-day-"]')).toHaveLength(31);

    const row = screen.getByTestId('schedule-row-1001');
    expect(row).toHaveTextContent('1001张三总部/生产部白班组');
    expect(screen.getByTestId('schedule-row-1003')).toHaveTextContent('未分考勤组');

    // Painted 早 (solid, its colour), the group's 白 (light), a holiday 休 with 节, 调休上班.
    const painted = cell('1001', '2026-10-12');
    expect(painted).toHaveAttribute('data-source', 'paint');
    expect(painted).toHaveAttribute('data-timetable', '早');
    expect(painted).toHaveTextContent(/^早$/);
    expect(painted).toHaveClass('sch-cell--entry');
    expect(painted.style.getPropertyValue('--chip')).toBe('#52c41a');
    expect(painted.title).toBe('1001 张三 · 2026-10-12 星期一\n早 早班\n排班表里手工排的');
    const week = cell('1001', '2026-10-08');
    expect(week).toHaveAttribute('data-source', 'week');
    expect(week).toHaveAttribute('data-timetable', '白');
    expect(week).toHaveClass('sch-cell--pattern');
    const holiday = cell('1001', '2026-10-01');
    expect(holiday).toHaveAttribute('data-source', 'holiday');
    expect(holiday).toHaveAttribute('data-timetable', '');
    expect(holiday).toHaveTextContent(/^休节$/);
    expect(holiday.title).toContain('节日：国庆节');
    expect(cell('1001', '2026-10-10')).toHaveTextContent(/^白班$/);
    // 中 has no colour: it takes the palette's third.
    expect(screen.getByTestId('schedule-paint-中').querySelector('.sch-chip')).toHaveStyle({ '--chip': '#fa8c16' });

    // 李四: a planned 休, unscheduled days; 王五 in no group; 赵六 before his first day.
    expect(cell('1002', '2026-10-15')).toHaveTextContent(/^休$/);
    expect(cell('1002', '2026-10-15')).toHaveAttribute('data-source', 'paint');
    expect(cell('1002', '2026-10-01')).toHaveAttribute('data-source', 'unscheduled');
    expect(cell('1002', '2026-10-01')).toHaveTextContent('');
    expect(cell('1003', '2026-10-01')).toHaveAttribute('data-source', 'no_group');
    expect(cell('1004', '2026-10-14')).toHaveAttribute('data-source', 'off_books');
    expect(cell('1004', '2026-10-15')).toHaveAttribute('data-source', 'week');

    expect(screen.getByTestId('schedule-conflicts')).toHaveTextContent(/^1$/);
    expect(screen.getByTestId('schedule-unscheduled')).toHaveTextContent(/^28$/);
    expect(screen.getByTestId('schedule-people')).toHaveTextContent('4 人');
    // Nothing selected: nothing to paint, nothing to undo.
    expect(screen.getByTestId('schedule-paint-白')).toBeDisabled();
    expect(screen.getByTestId('schedule-undo')).toBeDisabled();
  });

  it('marks conflicts with the message in the title, in the current language', async () => {
    renderTab();
    const conflict = await screen.findByTestId('schedule-cell-1002-2026-10-14');
    expect(conflict).toHaveAttribute('data-conflict', '1');
    expect(conflict).toHaveClass('sch-cell--conflict');
    expect(conflict.title).toContain('⚠ 与上一班之间只休息 0 小时，少于考勤组要求的 12 小时');
    expect(cell('1002', '2026-10-13')).not.toHaveAttribute('data-conflict');

    await setLanguage('en');
    await waitFor(() => expect(cell('1002', '2026-10-14').title).toContain('⚠ only 0 h of rest after the previous shift'));
    expect(cell('1002', '2026-10-14').title).toContain('2026-10-14 Wednesday');
    expect(screen.getByTestId('schedule-day-2026-10-01')).toHaveTextContent('1Th');
  });

  it('moves between months with the arrows', async () => {
    renderTab();
    await screen.findByTestId('schedule-day-2026-10-01');
    fireEvent.click(screen.getByTestId('schedule-next-month'));
    await waitFor(() => expect(api.getSchedule).toHaveBeenLastCalledWith(expect.objectContaining({ month: '2026-11' })));
    expect(screen.getByTestId('schedule-month')).toHaveValue('2026-11');
    fireEvent.click(screen.getByTestId('schedule-prev-month'));
    fireEvent.click(screen.getByTestId('schedule-prev-month'));
    await waitFor(() => expect(api.getSchedule).toHaveBeenLastCalledWith(expect.objectContaining({ month: '2026-09' })));
  });

  it('searches by 工号 or 姓名 after typing stops', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderTab();
    await screen.findByTestId('schedule-day-2026-10-01');
    await user.type(screen.getByTestId('schedule-search'), '李四');
    await waitFor(() =>
      expect(api.getSchedule).toHaveBeenLastCalledWith({ month: '2026-10', department_id: null, group_id: null, search: '李四' }),
    );
  });
});

describe('selecting and painting', () => {
  it('paints a dragged rectangle with a chip: the exact cells in row/day order', async () => {
    renderTab();
    await screen.findByTestId('schedule-cell-1001-2026-10-13');
    drag('1001', '2026-10-13', '1002', '2026-10-14');
    expect(cell('1001', '2026-10-13')).toHaveClass('sch-cell--sel');
    expect(cell('1002', '2026-10-14')).toHaveClass('sch-cell--sel', 'sch-cell--focus');
    expect(cell('1001', '2026-10-15')).not.toHaveClass('sch-cell--sel');
    fireEvent.click(screen.getByTestId('schedule-paint-夜'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    expect(lastEdit()).toEqual({
      kind: 'paint',
      cells: [
        { employee_id: 11, date: '2026-10-13' },
        { employee_id: 11, date: '2026-10-14' },
        { employee_id: 12, date: '2026-10-13' },
        { employee_id: 12, date: '2026-10-14' },
      ],
      timetable_id: 4,
    });
    expect(await screen.findByText('已修改 2 格')).toBeInTheDocument();
    // The grid is read again after the edit.
    await waitFor(() => expect(api.getSchedule).toHaveBeenCalledTimes(2));
  });

  it('extends with Shift+click, adds with Ctrl+click, paints rest and clears', async () => {
    renderTab();
    await screen.findByTestId('schedule-cell-1001-2026-10-13');
    clickCell('1002', '2026-10-20');
    clickCell('1002', '2026-10-22', { shiftKey: true });
    clickCell('1003', '2026-10-05', { ctrlKey: true });
    fireEvent.click(screen.getByTestId('schedule-paint-rest'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    expect(lastEdit()).toEqual({
      kind: 'paint',
      cells: [
        { employee_id: 12, date: '2026-10-20' },
        { employee_id: 12, date: '2026-10-21' },
        { employee_id: 12, date: '2026-10-22' },
        { employee_id: 13, date: '2026-10-05' },
      ],
      timetable_id: null,
    });
    await waitFor(() => expect(screen.getByTestId('schedule-clear')).toBeEnabled());
    fireEvent.click(screen.getByTestId('schedule-clear'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(2));
    expect(lastEdit()).toEqual({
      kind: 'clear',
      cells: [
        { employee_id: 12, date: '2026-10-20' },
        { employee_id: 12, date: '2026-10-21' },
        { employee_id: 12, date: '2026-10-22' },
        { employee_id: 13, date: '2026-10-05' },
      ],
    });
  });

  it('selects a person’s month from the row header and a day for everyone from the day header', async () => {
    renderTab();
    await screen.findByTestId('schedule-row-1004');
    fireEvent.pointerDown(screen.getByTestId('schedule-row-1004'), { button: 0 });
    fireEvent.click(screen.getByTestId('schedule-paint-白'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    const month = lastEdit();
    // 赵六 joined on the 15th: only his 17 days on the books.
    expect(month).toMatchObject({ kind: 'paint', timetable_id: 1 });
    expect(month?.kind === 'paint' && month.cells.map((c) => c.date)).toEqual(
      Array.from({ length: 17 }, (_, i) => `2026-10-${String(15 + i).padStart(2, '0')}`),
    );

    await waitFor(() => expect(screen.getByTestId('schedule-paint-早')).toBeEnabled());
    fireEvent.pointerDown(screen.getByTestId('schedule-day-2026-10-09'), { button: 0 });
    fireEvent.click(screen.getByTestId('schedule-paint-早'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(2));
    expect(lastEdit()).toEqual({
      kind: 'paint',
      cells: [
        { employee_id: 11, date: '2026-10-09' },
        { employee_id: 12, date: '2026-10-09' },
        { employee_id: 13, date: '2026-10-09' },
      ],
      timetable_id: 2,
    });
  });

  it('does not select days off the books', async () => {
    renderTab();
    await screen.findByTestId('schedule-cell-1004-2026-10-01');
    clickCell('1004', '2026-10-01');
    expect(cell('1004', '2026-10-01')).not.toHaveClass('sch-cell--sel');
    expect(screen.getByTestId('schedule-paint-白')).toBeDisabled();
  });

  it('works from the keyboard: arrows, Shift+arrows, number keys, R, Delete, Ctrl+A, Esc', async () => {
    renderTab();
    await screen.findByTestId('schedule-cell-1001-2026-10-13');
    clickCell('1001', '2026-10-13');
    press('ArrowDown');
    press('ArrowRight', { shiftKey: true });
    expect(cell('1002', '2026-10-14')).toHaveClass('sch-cell--focus');
    press('2');
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    expect(lastEdit()).toEqual({
      kind: 'paint',
      cells: [
        { employee_id: 12, date: '2026-10-13' },
        { employee_id: 12, date: '2026-10-14' },
      ],
      timetable_id: 2,
    });
    await waitFor(() => expect(screen.getByTestId('schedule-clear')).toBeEnabled());
    press('r');
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(2));
    expect(lastEdit()).toMatchObject({ kind: 'paint', timetable_id: null });
    await waitFor(() => expect(screen.getByTestId('schedule-clear')).toBeEnabled());
    press('Delete');
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(3));
    expect(lastEdit()).toMatchObject({ kind: 'clear' });

    await waitFor(() => expect(screen.getByTestId('schedule-clear')).toBeEnabled());
    press('a', { ctrlKey: true });
    expect(screen.getByText('已选 110 格，4 人')).toBeInTheDocument();
    press('Escape');
    expect(screen.getByTestId('schedule-clear')).toBeDisabled();
    expect(document.querySelectorAll('.sch-cell--sel')).toHaveLength(0);
  });

  it('undoes the last edit with its undo list (button and Ctrl+Z)', async () => {
    renderTab();
    await screen.findByTestId('schedule-cell-1001-2026-10-13');
    drag('1001', '2026-10-13', '1001', '2026-10-14');
    fireEvent.click(screen.getByTestId('schedule-paint-早'));
    await waitFor(() => expect(screen.getByTestId('schedule-undo')).toBeEnabled());

    const second: ScheduleEditResult = {
      changed: 1,
      undo: [{ employee_id: 11, date: '2026-10-13', timetable_id: 2, source: 'paint' }],
    };
    vi.mocked(api.editSchedule).mockResolvedValueOnce(second);
    await waitFor(() => expect(screen.getByTestId('schedule-clear')).toBeEnabled());
    fireEvent.click(screen.getByTestId('schedule-clear'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(2));

    fireEvent.click(screen.getByTestId('schedule-undo'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(3));
    expect(lastEdit()).toEqual({ kind: 'restore', cells: second.undo });
    expect(await screen.findByText('已撤销，恢复了 2 格')).toBeInTheDocument();

    // Ctrl+Z takes back the edit before.
    await waitFor(() => expect(screen.getByTestId('schedule-undo')).toBeEnabled());
    press('z', { ctrlKey: true });
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(4));
    expect(lastEdit()).toEqual({ kind: 'restore', cells: UNDO_OF_PAINT.undo });
    await waitFor(() => expect(screen.getByTestId('schedule-undo')).toBeDisabled());
  });

  it('swaps exactly two cells of one day or one person', async () => {
    renderTab();
    await screen.findByTestId('schedule-cell-1001-2026-10-13');
    drag('1001', '2026-10-13', '1002', '2026-10-13');
    fireEvent.click(screen.getByTestId('schedule-swap'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    expect(lastEdit()).toEqual({
      kind: 'swap',
      a: { employee_id: 11, date: '2026-10-13' },
      b: { employee_id: 12, date: '2026-10-13' },
    });
    await waitFor(() => expect(screen.getByTestId('schedule-clear')).toBeEnabled());
    drag('1001', '2026-10-13', '1001', '2026-10-15');
    expect(screen.getByTestId('schedule-swap')).toBeDisabled();
    clickCell('1001', '2026-10-20');
    clickCell('1002', '2026-10-22', { ctrlKey: true });
    expect(screen.getByTestId('schedule-swap')).toBeDisabled();
  });

  it('shows what the backend refused', async () => {
    vi.mocked(api.editSchedule).mockRejectedValueOnce(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误，未做任何修改', en: 'invalid input' },
        fields: [{ field: 'timetable', value: '4', problem: 'not_found', message: { zh: '班次 4 不存在', en: 'no timetable 4' } }],
      }),
    );
    renderTab();
    await screen.findByTestId('schedule-cell-1001-2026-10-13');
    clickCell('1001', '2026-10-13');
    fireEvent.click(screen.getByTestId('schedule-paint-夜'));
    expect(await screen.findByText('班次 4 不存在')).toBeInTheDocument();
    expect(screen.getByTestId('schedule-undo')).toBeDisabled();
  });
});

describe('按轮班填充 and 复制一周', () => {
  it('fills the selected people from a rotation with an anchor and a stagger, previewed first', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderTab();
    await screen.findByTestId('schedule-row-1001');
    fireEvent.pointerDown(screen.getByTestId('schedule-row-1001'), { button: 0 });
    fireEvent.pointerDown(screen.getByTestId('schedule-row-1002'), { button: 0, shiftKey: true });
    await user.click(screen.getByTestId('schedule-fill-rotation'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('schedule-dialog-people')).toHaveTextContent('1001 张三、1002 李四（共 2 人）');
    // The whole month by default (the selection spans it), day 1 on the first date.
    expect(screen.getByTestId('fill-from')).toHaveValue('2026-10-01');
    expect(screen.getByTestId('fill-to')).toHaveValue('2026-10-31');
    expect(screen.getByTestId('fill-anchor')).toHaveValue('2026-10-01');

    await pick(user, 'fill-rotation-select', '三班倒');
    expect(within(screen.getByTestId('fill-rotation-days')).getAllByText(/^(早|中|夜|休)$/)).toHaveLength(8);
    await typeDate(user, 'fill-anchor', '2026-10-03');
    const offset = screen.getByTestId('fill-offset');
    await user.clear(offset);
    await user.type(offset, '2');
    await waitFor(() => expect(screen.getByTestId('fill-preview').querySelectorAll('.sch-preview-person')).toHaveLength(2));

    const codes = (person: Element) => [...person.querySelectorAll('.sch-chip')].map((c) => c.textContent).join('');
    const [first, second] = screen.getByTestId('fill-preview').querySelectorAll('.sch-preview-person');
    // Day 1 on 10-03: 10-01 and 10-02 are days 7 and 8 (休 休); the second person starts two days later.
    expect(codes(first)).toBe('休休早早中中夜夜休休早早中中');
    expect(codes(second)).toBe('夜夜休休早早中中夜夜休休早早');
    expect(first).toHaveTextContent('1001 张三');

    await user.click(screen.getByTestId('fill-run'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    expect(lastEdit()).toEqual({
      kind: 'fill_rotation',
      employee_ids: [11, 12],
      rotation_id: 7,
      anchor: '2026-10-03',
      from: '2026-10-01',
      to: '2026-10-31',
      offset_per_person: 2,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('takes the dates of a dragged range and asks for a rotation', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderTab();
    await screen.findByTestId('schedule-cell-1002-2026-10-05');
    drag('1002', '2026-10-05', '1002', '2026-10-18');
    await user.click(screen.getByTestId('schedule-fill-rotation'));
    expect(await screen.findByTestId('fill-from')).toHaveValue('2026-10-05');
    expect(screen.getByTestId('fill-to')).toHaveValue('2026-10-18');
    await user.click(screen.getByTestId('fill-run'));
    expect(await screen.findByText('请选择轮班规律')).toBeInTheDocument();
    expect(api.editSchedule).not.toHaveBeenCalled();
    await pick(user, 'fill-rotation-select', '做二休一');
    await user.click(screen.getByTestId('fill-run'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    expect(lastEdit()).toEqual({
      kind: 'fill_rotation',
      employee_ids: [12],
      rotation_id: 8,
      anchor: '2026-10-05',
      from: '2026-10-05',
      to: '2026-10-18',
      offset_per_person: 0,
    });
  });

  it('copies the focused cell’s week to other weeks for the selected people', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderTab();
    await screen.findByTestId('schedule-cell-1001-2026-10-13');
    drag('1001', '2026-10-14', '1002', '2026-10-14');
    await user.click(screen.getByTestId('schedule-copy-week'));
    const dialog = await screen.findByRole('dialog');
    expect(within(screen.getByTestId('copy-week-from')).getByText('第 3 周（10-12 ～ 10-18）')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('第 4 周（10-19 ～ 10-25）'));
    await user.click(within(dialog).getByLabelText('第 5 周（10-26 ～ 11-01）'));
    await user.click(screen.getByTestId('copy-week-run'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    expect(lastEdit()).toEqual({
      kind: 'copy_week',
      employee_ids: [11, 12],
      from_week: '2026-10-12',
      to_weeks: ['2026-10-19', '2026-10-26'],
    });
  });
});

describe('conflicts, missing years, empty months and 500 people', () => {
  it('shows only the people with conflicts and focuses the first conflict', async () => {
    renderTab();
    await screen.findByTestId('schedule-row-1001');
    fireEvent.click(screen.getByTestId('schedule-conflicts'));
    await waitFor(() => expect(screen.queryByTestId('schedule-row-1001')).toBeNull());
    expect(screen.getByTestId('schedule-row-1002')).toBeInTheDocument();
    expect(cell('1002', '2026-10-14')).toHaveClass('sch-cell--focus', 'sch-cell--sel');
    expect(screen.getByTestId('schedule-people')).toHaveTextContent('1 人');
    fireEvent.click(screen.getByTestId('schedule-conflicts'));
    expect(await screen.findByTestId('schedule-row-1001')).toBeInTheDocument();
  });

  it('sends the clerk to 设置 → 节假日 when the year has no holiday data', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    vi.mocked(api.getSchedule).mockRejectedValue(new ApiError(yearMissingError(2026)));
    renderTab();
    const missing = await screen.findByTestId('schedule-missing-year');
    expect(missing).toHaveTextContent('2026 年的节假日安排还没有载入');
    expect(missing).toHaveTextContent('请在「设置 → 节假日」导入国务院通知或手动录入');
    await user.click(screen.getByTestId('schedule-go-holidays'));
    expect(window.location.hash).toBe('#/settings/holidays/2026');
  });

  it('says what to do when nobody can be scheduled', async () => {
    vi.mocked(api.getSchedule).mockResolvedValue({ ...scheduleOctober(), rows: [], conflict_count: 0, unscheduled_count: 0 });
    renderTab();
    const empty = await screen.findByTestId('schedule-empty');
    expect(empty).toHaveTextContent('2026-10 没有可以排班的人员');
    expect(empty).toHaveTextContent('再到「考勤组」页把他们分到考勤组');
  });

  it('renders only the visible rows of 500 people × 31 days', async () => {
    vi.mocked(api.getSchedule).mockResolvedValue(bigScheduleGrid(500));
    renderTab();
    await screen.findByTestId('schedule-row-E0001');
    expect(screen.getByTestId('schedule-people')).toHaveTextContent('500 人');
    const rendered = () => document.querySelectorAll('[data-testid^="schedule-cell-"]').length;
    const rows = () => document.querySelectorAll('[data-testid^="schedule-row-"]').length;
    expect(rows()).toBeGreaterThan(10);
    expect(rows()).toBeLessThan(60);
    expect(rendered()).toBe(rows() * 31);
    expect(rendered()).toBeLessThan(15_500 / 8);

    // Scrolled down to row 250: those rows are rendered, the first ones are gone.
    const grid = screen.getByTestId('schedule-grid');
    grid.scrollTop = 44 + 250 * 32;
    fireEvent.scroll(grid);
    expect(await screen.findByTestId('schedule-row-E0251')).toBeInTheDocument();
    expect(screen.queryByTestId('schedule-row-E0001')).toBeNull();
    expect(rows()).toBeLessThan(60);

    // Ctrl+A still selects every person, rendered or not.
    fireEvent.pointerDown(cell('E0251', '2026-10-08'), { button: 0 });
    press('a', { ctrlKey: true });
    fireEvent.click(screen.getByTestId('schedule-paint-早'));
    await waitFor(() => expect(api.editSchedule).toHaveBeenCalledTimes(1));
    const edit = lastEdit();
    expect(edit?.kind === 'paint' && edit.cells.length).toBe(15_500);
  });
});
