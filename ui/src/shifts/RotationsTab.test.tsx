// Component tests of 班次与排班 → 轮班规律 with a mocked api module: the list, create from a template, pick days by hand,
// problems on their day cells, edit and delete.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { setLanguage } from '../i18n';
import { ShiftsPage } from './ShiftsPage';
import { shiftTimetables, threeShiftRotation } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    listTimetables: vi.fn(),
    listRotations: vi.fn(),
    saveRotation: vi.fn(),
    deleteRotation: vi.fn(),
  };
});

type User = ReturnType<typeof userEvent.setup>;
const setupUser = () => userEvent.setup({ delay: null, pointerEventsCheck: 0 });

function renderTab() {
  window.location.hash = '#/shifts/rotations';
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <ShiftsPage />
    </AppProviders>,
  );
}

/** Picks an option of the antd Select with this test id (options are labelled by code and name). */
async function pick(user: User, testId: string, name: string) {
  await user.click(screen.getByTestId(testId).querySelector('input') as HTMLElement);
  const options = await screen.findAllByText(name, { selector: '.rotation-option-name' });
  await user.click(options[options.length - 1]);
}

const formItem = (el: HTMLElement) => el.closest('.ant-form-item') as HTMLElement;

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.listTimetables).mockResolvedValue(shiftTimetables);
  vi.mocked(api.listRotations).mockResolvedValue([threeShiftRotation]);
  vi.mocked(api.saveRotation).mockImplementation(({ id, rotation }) => Promise.resolve({ id: id ?? 8, ...rotation }));
});

afterEach(async () => {
  await setLanguage('zh-CN');
  window.location.hash = '';
});

describe('轮班规律', () => {
  it('lists each rotation with its numbered days and cycle', async () => {
    renderTab();
    const name = await screen.findByTestId('rotation-row-三班倒');
    const row = name.closest('tr') as HTMLElement;
    const cells = [...row.querySelectorAll('.rotation-cell')].map((cell) => cell.textContent);
    expect(cells).toEqual(['1早', '2早', '3中', '4中', '5夜', '6夜', '7休', '8休']);
    expect(row).toHaveTextContent('8 天一轮（上 6 天，休 2 天）');
  });

  it('creates 四班三倒 from the template with the company codes', async () => {
    const user = setupUser();
    vi.mocked(api.listRotations).mockResolvedValue([]);
    renderTab();
    expect(await screen.findByText('还没有轮班规律')).toBeInTheDocument();
    await user.click(screen.getByTestId('rotation-new'));
    await user.click(await screen.findByTestId('rotation-template-four_crews_three_shifts'));
    // The template names the rotation when no name was typed.
    expect(screen.getByTestId('rotation-name')).toHaveValue('四班三倒');
    expect(screen.getByTestId('rotation-day-7')).toHaveTextContent('休');
    expect(screen.getByTestId('rotation-cycle')).toHaveTextContent('8 天一轮（上 6 天，休 2 天）');
    await user.click(screen.getByTestId('rotation-save'));
    await waitFor(() => expect(api.saveRotation).toHaveBeenCalledTimes(1));
    expect(api.saveRotation).toHaveBeenCalledWith({
      id: null,
      rotation: { name: '四班三倒', days: ['早', '早', '中', '中', '夜', '夜', '休', '休'] },
    });
    expect(await screen.findByText('已保存轮班规律「四班三倒」')).toBeInTheDocument();
  });

  it('builds a rotation day by day, and free hours cannot be picked', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('rotation-new'));
    await user.type(await screen.findByTestId('rotation-name'), '做二休一');
    await pick(user, 'rotation-day-0', '白班');
    // Typing the code and Enter, as the end-to-end driver does (jsdom's key events carry no `which`, which the list reads).
    const day1 = screen.getByTestId('rotation-day-1').querySelector('input') as HTMLElement;
    await user.type(day1, '白');
    fireEvent.keyDown(day1, { key: 'Enter', code: 'Enter', keyCode: 13, which: 13 });
    await waitFor(() => expect(screen.getByTestId('rotation-day-1').querySelector('.ant-select-content')).toHaveTextContent('白'));
    await user.click(screen.getByTestId('rotation-add-day'));
    expect(screen.getByTestId('rotation-day-2')).toHaveTextContent('休');
    await user.click(screen.getByTestId('rotation-day-2').querySelector('input') as HTMLElement);
    const free = await screen.findAllByText('自由工时（自由工时，不能轮班）', { selector: '.rotation-option-name' });
    expect(free[free.length - 1].closest('.ant-select-item-option')).toHaveClass('ant-select-item-option-disabled');
    await user.keyboard('{Escape}');
    await user.click(screen.getByTestId('rotation-save'));
    await waitFor(() => expect(api.saveRotation).toHaveBeenCalledTimes(1));
    expect(api.saveRotation).toHaveBeenCalledWith({ id: null, rotation: { name: '做二休一', days: ['白', '白', '休'] } });
  });

  it('asks for every day before saving', async () => {
    const user = setupUser();
    renderTab();
    await user.click(await screen.findByTestId('rotation-new'));
    await user.type(await screen.findByTestId('rotation-name'), '空');
    await user.click(screen.getByTestId('rotation-save'));
    await waitFor(() => expect(formItem(screen.getByTestId('rotation-day-0'))).toHaveTextContent('请选择班次或休'));
    expect(api.saveRotation).not.toHaveBeenCalled();
  });

  it('shows the problems of a refused rotation on their days, and edits keep the id', async () => {
    const user = setupUser();
    vi.mocked(api.saveRotation).mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误，未做任何修改', en: 'invalid input' },
        fields: [
          { field: 'days.2.timetable', value: 'X', problem: 'not_found', message: { zh: '第 3 天：没有简称为「X」的班次', en: 'day 3: no timetable X' } },
          { field: 'days', value: '', problem: 'empty', message: { zh: '至少要有一天上班', en: 'at least one working day' } },
        ],
      }),
    );
    renderTab();
    await user.click(await screen.findByTestId('rotation-edit-三班倒'));
    expect(await screen.findByTestId('rotation-name')).toHaveValue('三班倒');
    await user.click(screen.getByTestId('rotation-remove-day'));
    await user.click(screen.getByTestId('rotation-save'));
    await waitFor(() => expect(api.saveRotation).toHaveBeenCalledTimes(1));
    expect(api.saveRotation).toHaveBeenCalledWith({ id: 7, rotation: { name: '三班倒', days: ['早', '早', '中', '中', '夜', '夜', '休'] } });
    await waitFor(() => expect(formItem(screen.getByTestId('rotation-day-2'))).toHaveTextContent('第 3 天：没有简称为「X」的班次'));
    expect(within(screen.getByTestId('rotation-problems')).getByText('至少要有一天上班')).toBeInTheDocument();
  });

  it('deletes a rotation after confirming', async () => {
    const user = setupUser();
    vi.mocked(api.deleteRotation).mockResolvedValue(null);
    renderTab();
    await user.click(await screen.findByTestId('rotation-delete-三班倒'));
    await user.click(document.querySelector('.ant-popconfirm .ant-btn-dangerous') as HTMLElement);
    await waitFor(() => expect(api.deleteRotation).toHaveBeenCalledWith(7));
    expect(await screen.findByText('已删除轮班规律「三班倒」')).toBeInTheDocument();
  });
});
