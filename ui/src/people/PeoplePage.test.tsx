// Component tests of 人员 with a mocked api module: server field errors land under their fields, refusals are shown.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { departments, duplicateEmployeeNoError, overview, page, wangWu, zhangSan } from '../test/fixtures';
import { PeoplePage } from './PeoplePage';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    getOverview: vi.fn(),
    listDepartments: vi.fn(),
    listEmployees: vi.fn(),
    addEmployee: vi.fn(),
    deleteDepartment: vi.fn(),
    reactivateEmployee: vi.fn(),
  };
});

function renderPeople() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <PeoplePage />
    </AppProviders>,
  );
}

const treeNode = async (name: string) => {
  const tree = await screen.findByTestId('department-tree');
  return within(tree).findByText(name, { selector: '.dept-name' });
};

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.getOverview).mockResolvedValue(overview);
  vi.mocked(api.listDepartments).mockResolvedValue(departments);
  vi.mocked(api.listEmployees).mockResolvedValue(page([zhangSan]));
});

describe('人员 page', () => {
  it('shows the department tree and one page of employees keyed by id', async () => {
    renderPeople();
    expect(await treeNode('一车间')).toBeInTheDocument();
    const table = screen.getByTestId('employee-table');
    await waitFor(() => expect(table.querySelector('tr[data-row-key="11"]')).not.toBeNull());
    const row = table.querySelector('tr[data-row-key="11"]') as HTMLElement;
    expect(within(row).getByText('张三')).toBeInTheDocument();
    expect(within(row).getByText('总部/生产部')).toBeInTheDocument();
    expect(within(row).getByText('在职')).toBeInTheDocument();
    expect(screen.getByText('共 1 人')).toBeInTheDocument();
    expect(api.listEmployees).toHaveBeenLastCalledWith({ status: 'active', page: 1, page_size: 50 });
  });

  it('puts the test hooks on the real <input> elements, and "/" focuses the search', async () => {
    const user = userEvent.setup({ delay: null });
    renderPeople();
    await treeNode('生产部');
    const search = screen.getByTestId('employee-search');
    expect(search.tagName).toBe('INPUT');
    await user.keyboard('/');
    expect(search).toHaveFocus();
    await user.click(screen.getByTestId('add-employee'));
    for (const id of ['employee-no-input', 'employee-name-input', 'employee-pin-input', 'employee-card-input', 'employee-phone-input', 'employee-id-number-input', 'employee-position-input', 'employee-hired-on-input']) {
      expect((await screen.findByTestId(id)).tagName, id).toBe('INPUT');
    }
    // antd Select keeps data-* on its root; the search input inside it is what takes typing.
    expect(screen.getByTestId('employee-department-select').querySelector('input')).not.toBeNull();
  });

  it('filters by the selected department, including sub-departments', async () => {
    const user = userEvent.setup({ delay: null });
    renderPeople();
    await user.click(await treeNode('生产部'));
    await waitFor(() =>
      expect(api.listEmployees).toHaveBeenLastCalledWith({
        status: 'active',
        page: 1,
        page_size: 50,
        department_id: 2,
        include_subdepartments: true,
      }),
    );
  });

  it('shows a duplicate 工号 refused by the server under the 工号 field', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.addEmployee).mockRejectedValue(
      new ApiError(duplicateEmployeeNoError),
    );
    renderPeople();
    // Selecting 生产部 first makes it the new employee's department.
    await user.click(await treeNode('生产部'));
    await user.click(screen.getByTestId('add-employee'));
    const employeeNo = await screen.findByTestId('employee-no-input');
    await user.type(employeeNo, '1001');
    await user.type(screen.getByTestId('employee-name-input'), '李四');
    // The hire date defaults to today.
    expect(screen.getByTestId('employee-hired-on-input')).toHaveValue(dayjs().format('YYYY-MM-DD'));
    await user.click(screen.getByTestId('employee-save'));

    await waitFor(() => expect(api.addEmployee).toHaveBeenCalledTimes(1));
    expect(api.addEmployee).toHaveBeenCalledWith({
      employee_no: '1001',
      name: '李四',
      department_id: 2,
      position: null,
      hired_on: dayjs().format('YYYY-MM-DD'),
      left_on: null,
      id_number: null,
      phone: null,
      pin: null,
      card_no: null,
    });
    const fieldItem = employeeNo.closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(within(fieldItem).getByText('工号 1001 已被 张三 使用')).toBeInTheDocument());
    // The message is on the 工号 field only, and the dialog stays open for the correction.
    const nameItem = screen.getByTestId('employee-name-input').closest('.ant-form-item') as HTMLElement;
    expect(within(nameItem).queryByText('工号 1001 已被 张三 使用')).toBeNull();
    expect(screen.getByTestId('employee-save')).toBeInTheDocument();
  });

  it('checks fields before calling the server', async () => {
    const user = userEvent.setup({ delay: null });
    renderPeople();
    await treeNode('生产部');
    await user.click(screen.getByTestId('add-employee'));
    // Spaces around codes are dropped while typing (pasted from spreadsheets); other symbols are refused.
    await user.type(await screen.findByTestId('employee-no-input'), ' 10.01 ');
    expect(screen.getByTestId('employee-no-input')).toHaveValue('10.01');
    await user.click(screen.getByTestId('employee-id-number-input'));
    await user.paste('110105194912310021');
    await user.click(screen.getByTestId('employee-save'));
    expect(await screen.findByText('工号只能由英文字母、数字、- 和 _ 组成')).toBeInTheDocument();
    expect(await screen.findByText('请填写姓名')).toBeInTheDocument();
    expect(await screen.findByText('请选择部门')).toBeInTheDocument();
    expect(await screen.findByText(/身份证号校验位不对（按前 17 位算应为 X）/)).toBeInTheDocument();
    // The server is not asked while the form has errors.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.addEmployee).not.toHaveBeenCalled();
  });

  it('shows the server refusal when a department is not empty', async () => {
    const user = userEvent.setup({ delay: null });
    const refusal = '部门「生产部」下还有 3 名员工和 1 个子部门，不能删除';
    vi.mocked(api.deleteDepartment).mockRejectedValue(
      new ApiError({ code: 'department_not_empty', message: { zh: refusal, en: 'not empty' }, fields: [] }),
    );
    renderPeople();
    await user.click(await treeNode('生产部'));
    await user.click(screen.getByTestId('delete-department'));
    const confirm = await screen.findByText('删除部门「生产部」？', { selector: '.ant-modal-confirm-title' });
    const confirmDialog = confirm.closest('.ant-modal') as HTMLElement;
    // antd puts a space between two Chinese characters on buttons: "删 除".
    await user.click(within(confirmDialog).getByRole('button', { name: /删\s?除/ }));
    await waitFor(() => expect(api.deleteDepartment).toHaveBeenCalledWith(2));
    expect(await screen.findByText(refusal)).toBeInTheDocument();
    expect(screen.getByText('不能删除这个部门', { selector: '.ant-modal-confirm-title' })).toBeInTheDocument();
  });

  it('reactivating says it undoes the 离职 and calls the backend', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.listEmployees).mockResolvedValue(page([wangWu]));
    vi.mocked(api.reactivateEmployee).mockResolvedValue({ ...wangWu, status: 'active', left_on: null });
    renderPeople();
    await user.click(await screen.findByTestId('employee-reactivate'));
    expect(await screen.findByText('这会撤销离职（离职日期 2026-01-31），员工重新出现在在职名单里。')).toBeInTheDocument();
    const dialog = screen.getByText(/这会撤销离职/).closest('.ant-modal') as HTMLElement;
    await user.click(within(dialog).getByRole('button', { name: '恢复在职' }));
    await waitFor(() => expect(api.reactivateEmployee).toHaveBeenCalledWith(12));
  });
});
