// Component tests of 人员 → 导入 with a mocked api module: check, column mapping, preview, problems, run, refusals, keyboard, template.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as api from '../api';
import { ApiError } from '../apiError';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import type { ImportReport } from '../bindings/ImportReport';
import {
  departments,
  importColumns,
  importReport,
  importReportMissingName,
  importReportWithProblems,
  overview,
  page,
  zhangSan,
} from '../test/fixtures';
import { PeoplePage } from './PeoplePage';

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return {
    ...actual,
    getOverview: vi.fn(),
    listDepartments: vi.fn(),
    listEmployees: vi.fn(),
    importTemplate: vi.fn(),
    checkImport: vi.fn(),
    runImport: vi.fn(),
  };
});

const CSV_TEXT = '工号,姓名,部门,入职日期,手机,备注\n2001,赵六,总部/生产部,2026-03-01,,\n';
const csvFile = () => new File([CSV_TEXT], '员工.csv', { type: 'text/csv' });
const csvBytes = () => Array.from(new TextEncoder().encode(CSV_TEXT));
const AUTO = { sheet: null, mapping: [] };

type User = ReturnType<typeof userEvent.setup>;

function renderPeople() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <PeoplePage />
    </AppProviders>,
  );
}

/** Opens the wizard from 人员 and chooses a file; resolves once the columns are shown. */
async function chooseFile(user: User, file: File = csvFile()) {
  renderPeople();
  await user.click(await screen.findByTestId('import-open'));
  await user.upload(await screen.findByTestId('import-file-input'), file);
}

const button = (name: RegExp) => screen.getByRole('button', { name });

/** Picks an option of the antd Select with this test id. */
async function pick(user: User, testId: string, option: string) {
  await user.click(screen.getByTestId(testId).querySelector('input') as HTMLElement);
  const options = await screen.findAllByText(option, { selector: '.ant-select-item-option-content' });
  await user.click(options[options.length - 1]);
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.getOverview).mockResolvedValue(overview);
  vi.mocked(api.listDepartments).mockResolvedValue(departments);
  vi.mocked(api.listEmployees).mockResolvedValue(page([zhangSan]));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('人员 → 导入', () => {
  it('checks the chosen file, shows its columns, then previews the counts and planned rows', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.checkImport).mockResolvedValue(importReport);
    await chooseFile(user);

    await waitFor(() => expect(api.checkImport).toHaveBeenCalledWith({ bytes: csvBytes(), options: AUTO }));
    // 核对列: every column with the field it was recognised as; 备注 is not imported.
    expect(await screen.findByTestId('import-map-A')).toHaveTextContent('工号');
    expect(screen.getByTestId('import-map-E')).toHaveTextContent('电话');
    expect(screen.getByTestId('import-map-F')).toHaveTextContent('不导入');
    expect(screen.queryByTestId('import-sheet-select')).toBeNull();

    await user.click(button(/下一步/));
    const summary = await screen.findByTestId('import-summary');
    expect(summary).toHaveTextContent('将新增 2 人、更新 1 人、未变 1 人');
    expect(summary).toHaveTextContent('CSV，编码 GBK (GB18030)');
    expect(summary).toHaveTextContent('总部/品质部');
    expect(summary).toHaveTextContent('员工.csv');

    const rows = screen.getByTestId('import-rows');
    const update = rows.querySelector('tr[data-row-key="4"]') as HTMLElement;
    expect(within(update).getByText('张三')).toBeInTheDocument();
    expect(within(update).getByText('更新')).toBeInTheDocument();
    expect(within(update).getByText('部门、手机/电话')).toBeInTheDocument();
    expect(within(rows.querySelector('tr[data-row-key="2"]') as HTMLElement).getByText('新增')).toBeInTheDocument();
    expect(within(rows.querySelector('tr[data-row-key="5"]') as HTMLElement).getByText('未变')).toBeInTheDocument();
    expect(screen.getByTestId('import-run')).toBeEnabled();
    expect(screen.queryByTestId('import-problems')).toBeNull();
    expect(api.checkImport).toHaveBeenCalledTimes(1);
    expect(api.runImport).not.toHaveBeenCalled();
  });

  it('lists every problem by row and column, 50 a page, copies them all, and does not allow importing', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.checkImport).mockResolvedValue(importReportWithProblems(120));
    await chooseFile(user);
    await screen.findByTestId('import-map-A');
    await user.click(button(/下一步/));

    const problems = await screen.findByTestId('import-problems');
    expect(screen.getByTestId('import-run')).toBeDisabled();
    expect(screen.getByText(/文件里有 120 个问题。在所有问题改好之前，不会写入任何数据/)).toBeInTheDocument();
    expect(screen.getByTestId('import-summary')).toHaveTextContent('120 个');
    expect(screen.queryByTestId('import-rows')).toBeNull();

    const first = problems.querySelector('tbody tr[data-row-key="0"]') as HTMLElement;
    const cells = within(first).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells).toEqual(['2', 'D', '入职日期', '第 2 行 D 列：入职日期「2026-13-00」不是有效的日期']);
    expect(problems.querySelectorAll('tbody tr[data-row-key]')).toHaveLength(50);
    expect(within(problems).getByText('共 120 个问题')).toBeInTheDocument();
    await user.click(within(problems).getByTitle('3'));
    await waitFor(() => expect(problems.querySelectorAll('tbody tr[data-row-key]')).toHaveLength(20));
    expect(within(problems).getByText('第 121 行 D 列：入职日期「2026-13-07」不是有效的日期')).toBeInTheDocument();

    await user.click(button(/复制全部问题/));
    expect(await screen.findByText('已复制 120 个问题')).toBeInTheDocument();
    const copied = (await navigator.clipboard.readText()).split('\n');
    expect(copied).toHaveLength(120);
    expect(copied[0]).toBe('第 2 行 D 列：入职日期「2026-13-00」不是有效的日期');

    // Enter does not import either.
    await user.keyboard('{Enter}');
    expect(api.runImport).not.toHaveBeenCalled();
  });

  it('shows a missing column prominently and checks again with the clerk’s mapping', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.checkImport)
      .mockResolvedValueOnce(importReportMissingName)
      .mockResolvedValueOnce(importReport)
      .mockResolvedValueOnce({ ...importReport, columns: importColumns.map((c) => (c.letter === 'F' ? { ...c, field: 'position' } : c)) });
    await chooseFile(user);

    expect(await screen.findByText('列对应有问题，请先解决：')).toBeInTheDocument();
    expect(screen.getByText('文件里没有「姓名」列：在表头加上这一列，或在列对应里指定哪一列是姓名')).toBeInTheDocument();
    // Nothing was recognised while the mapping failed: the columns wait for a decision.
    expect(screen.getByTestId('import-map-B')).toHaveTextContent('自动识别');

    await pick(user, 'import-map-B', '姓名');
    await waitFor(() =>
      expect(api.checkImport).toHaveBeenLastCalledWith({
        bytes: csvBytes(),
        options: { sheet: null, mapping: [{ field: 'name', header: '姓名' }] },
      }),
    );
    await waitFor(() => expect(screen.queryByText('列对应有问题，请先解决：')).toBeNull());
    expect(screen.getByTestId('import-map-A')).toHaveTextContent('工号');

    await pick(user, 'import-map-F', '职位');
    await waitFor(() =>
      expect(api.checkImport).toHaveBeenLastCalledWith({
        bytes: csvBytes(),
        options: {
          sheet: null,
          mapping: [
            { field: 'name', header: '姓名' },
            { field: 'position', header: '备注' },
          ],
        },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('import-map-F')).toHaveTextContent('职位'));
    expect(api.checkImport).toHaveBeenCalledTimes(3);
  });

  it('reads another sheet of a workbook when the clerk picks it', async () => {
    const user = userEvent.setup({ delay: null });
    const workbook: ImportReport = { ...importReport, file_format: 'xlsx', encoding: null, sheets: ['员工', '填写说明'], sheet: '员工' };
    vi.mocked(api.checkImport).mockResolvedValueOnce(workbook).mockResolvedValueOnce({ ...workbook, sheet: '填写说明' });
    await chooseFile(user, new File([new Uint8Array([0x50, 0x4b, 3, 4])], '花名册.xlsx'));
    expect(await screen.findByTestId('import-sheet-select')).toHaveTextContent('员工');
    await pick(user, 'import-sheet-select', '填写说明');
    await waitFor(() =>
      expect(api.checkImport).toHaveBeenLastCalledWith({ bytes: [0x50, 0x4b, 3, 4], options: { sheet: '填写说明', mapping: [] } }),
    );
    await user.click(button(/下一步/));
    expect(await screen.findByTestId('import-summary')).toHaveTextContent('XLSX，工作表「填写说明」');
  });

  it('imports: run_import gets the file name and bytes, then the counts, 完成, and fresh lists', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.checkImport).mockResolvedValue(importReport);
    vi.mocked(api.runImport).mockResolvedValue({ ...importReport, written: true });
    await chooseFile(user);
    await screen.findByTestId('import-map-A');
    await user.click(button(/下一步/));
    await screen.findByTestId('import-summary');
    const employeeLoads = vi.mocked(api.listEmployees).mock.calls.length;

    await user.click(screen.getByTestId('import-run'));
    await waitFor(() =>
      expect(api.runImport).toHaveBeenCalledWith({ fileName: '员工.csv', bytes: csvBytes(), options: AUTO }),
    );
    const result = await screen.findByTestId('import-result');
    expect(result).toHaveTextContent('导入完成');
    expect(result).toHaveTextContent('新增 2 人，更新 1 人，未变 1 人。');
    expect(result).toHaveTextContent('新建了 1 个部门：总部/品质部');
    // The roster changed: the list, the departments and the counts are fetched again.
    await waitFor(() => expect(vi.mocked(api.listEmployees).mock.calls.length).toBeGreaterThan(employeeLoads));
    await waitFor(() => expect(api.listDepartments).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(api.getOverview).toHaveBeenCalledTimes(2));

    await user.click(screen.getByTestId('import-done'));
    await waitFor(() => expect(screen.queryByTestId('import-result')).toBeNull());
    expect(api.runImport).toHaveBeenCalledTimes(1);
  });

  it('shows the problems when the run is refused, and can check again', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.checkImport).mockResolvedValueOnce(importReport).mockResolvedValueOnce(importReportWithProblems(1));
    vi.mocked(api.runImport).mockRejectedValue(
      new ApiError({
        code: 'invalid_input',
        message: { zh: '输入有误，请检查标红的项目', en: 'some fields are not valid' },
        fields: [
          { field: 'pin', value: '2001', problem: 'duplicate', message: { zh: '第 2 行 I 列：考勤机工号 2001 已被 李四 使用', en: 'row 2' } },
          { field: 'employee_no', value: '2002', problem: 'duplicate', message: { zh: '第 3 行 A 列：工号 2002 重复', en: 'row 3' } },
        ],
      }),
    );
    await chooseFile(user);
    await screen.findByTestId('import-map-A');
    await user.click(button(/下一步/));
    await user.click(await screen.findByTestId('import-run'));

    expect(await screen.findByText('没有导入：输入有误，请检查标红的项目')).toBeInTheDocument();
    const problems = screen.getByTestId('import-problems');
    expect(within(problems).getByText('第 2 行 I 列：考勤机工号 2001 已被 李四 使用')).toBeInTheDocument();
    expect(within(problems).getByText('第 3 行 A 列：工号 2002 重复')).toBeInTheDocument();
    expect(screen.getByTestId('import-run')).toBeDisabled();
    expect(screen.queryByTestId('import-result')).toBeNull();

    await user.click(button(/重新检查/));
    await waitFor(() => expect(api.checkImport).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(within(screen.getByTestId('import-problems')).getByText(/第 2 行 D 列：入职日期/)).toBeInTheDocument(),
    );
    expect(screen.queryByText('没有导入：输入有误，请检查标红的项目')).toBeNull();
    expect(screen.getByTestId('import-run')).toBeDisabled();
  });

  it('shows why a file cannot be read, and refuses files over 20 MB without reading them', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.checkImport).mockRejectedValue(
      new ApiError({
        code: 'invalid_file',
        message: { zh: '文件不是 Excel（.xlsx、.xls）或 CSV 文件，无法读取', en: 'not an Excel or CSV file' },
        fields: [],
      }),
    );
    await chooseFile(user);
    const problem = await screen.findByTestId('import-error');
    expect(problem).toHaveTextContent('文件无法导入：文件不是 Excel（.xlsx、.xls）或 CSV 文件，无法读取');
    // Still on 选择文件, with nothing to go on with.
    expect(screen.getByTestId('import-template')).toBeInTheDocument();
    expect(button(/下一步/)).toBeDisabled();

    const big = new File(['x'], '全厂.csv');
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    await user.upload(screen.getByTestId('import-file-input'), big);
    await waitFor(() =>
      expect(screen.getByTestId('import-error')).toHaveTextContent('文件「全厂.csv」有 21 MB，超过了 20 MB 的上限'),
    );
    expect(api.checkImport).toHaveBeenCalledTimes(1);
  });

  it('Esc asks before dropping a checked file; Enter on the preview imports', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.checkImport).mockResolvedValue(importReport);
    vi.mocked(api.runImport).mockResolvedValue({ ...importReport, written: true });
    await chooseFile(user);
    await screen.findByTestId('import-map-A');

    await user.keyboard('{Escape}');
    const title = await screen.findByText('放弃这次导入？', { selector: '.ant-modal-confirm-title' });
    const confirm = title.closest('.ant-modal') as HTMLElement;
    await user.click(within(confirm).getByRole('button', { name: '继续导入' }));
    await waitFor(() => expect(document.querySelector('.ant-modal-confirm')).toBeNull());
    expect(screen.getByTestId('import-map-A')).toBeInTheDocument();

    await user.click(button(/下一步/));
    await screen.findByTestId('import-rows');
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.runImport).toHaveBeenCalledTimes(1));
    expect(await screen.findByTestId('import-result')).toBeInTheDocument();
  });

  it('closes at once when no file was checked', async () => {
    const user = userEvent.setup({ delay: null });
    renderPeople();
    await user.click(await screen.findByTestId('import-open'));
    expect(await screen.findByTestId('import-template')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('import-template')).toBeNull());
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
  });

  it('offers the template as a download named 员工导入模板.xlsx', async () => {
    const user = userEvent.setup({ delay: null });
    vi.mocked(api.importTemplate).mockResolvedValue([0x50, 0x4b, 3, 4]);
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:template';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });

    renderPeople();
    await user.click(await screen.findByTestId('import-open'));
    await user.click(await screen.findByTestId('import-template'));
    await waitFor(() => expect(clicked).toEqual([{ download: '员工导入模板.xlsx', href: 'blob:template' }]));
    expect(blobs[0].size).toBe(4);
    expect(blobs[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await screen.findByText('模板已开始下载：员工导入模板.xlsx')).toBeInTheDocument();
    // The link was only for the click.
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
