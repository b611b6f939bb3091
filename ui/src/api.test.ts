// Tests of the typed command wrappers with a mocked invoke: command names, argument names (camelCase, as Tauri expects),
// errors, and the progress channels of compute_month and pull_terminal.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import {
  checkImport,
  computeMonth,
  deleteTerminal,
  getDayDetail,
  getMonthSummary,
  getPersonMonth,
  importPunches,
  importTemplate,
  listPulls,
  listQuarantine,
  listTerminals,
  pullTerminal,
  runImport,
  saveTerminal,
  setTerminalTime,
  testTerminal,
} from './api';
import { ApiError } from './apiError';
import { importReport } from './test/fixtures';

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(),
  // A stand-in for Tauri's Channel: the test delivers messages by calling onmessage, as the backend would.
  Channel: class<T> {
    onmessage: (message: T) => void = () => undefined;
  },
}));

beforeEach(() => {
  vi.mocked(invoke).mockReset();
});

describe('employee import commands', () => {
  const options = { sheet: '员工', mapping: [{ field: 'position', header: '岗位' }] };

  it('fetches the template bytes', async () => {
    vi.mocked(invoke).mockResolvedValue([80, 75, 3, 4]);
    await expect(importTemplate()).resolves.toEqual([80, 75, 3, 4]);
    expect(invoke).toHaveBeenCalledWith('import_template', undefined);
  });

  it('checks and runs with the bytes as numbers, the options, and fileName', async () => {
    vi.mocked(invoke).mockResolvedValue(importReport);
    await checkImport({ bytes: [1, 2, 3], options });
    expect(invoke).toHaveBeenLastCalledWith('check_import', { bytes: [1, 2, 3], options });
    await runImport({ fileName: '员工.xlsx', bytes: [1, 2, 3], options });
    expect(invoke).toHaveBeenLastCalledWith('run_import', { fileName: '员工.xlsx', bytes: [1, 2, 3], options });
  });

  it('turns a refused file into an ApiError with the backend’s code', async () => {
    vi.mocked(invoke).mockRejectedValue({
      code: 'invalid_file',
      message: { zh: '文件不是 Excel 或 CSV 文件', en: 'not an Excel or CSV file' },
      fields: [],
    });
    const error = await checkImport({ bytes: [0], options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_file');
  });
});

describe('考勤结果 commands', () => {
  it('imports punches with the bytes as numbers, fileName and dryRun', async () => {
    vi.mocked(invoke).mockResolvedValue({});
    await importPunches({ fileName: '1_attlog.dat', bytes: [49, 9, 213], dryRun: true });
    expect(invoke).toHaveBeenLastCalledWith('import_punches', { fileName: '1_attlog.dat', bytes: [49, 9, 213], dryRun: true });
  });

  it('computes a month with a channel that hands each progress message to onProgress', async () => {
    const input = { month: '2026-10', employee_no: null, department_id: 2 };
    const seen: unknown[] = [];
    vi.mocked(invoke).mockImplementation((_command, args) => {
      const channel = (args as { onProgress: { onmessage: (m: unknown) => void } }).onProgress;
      channel.onmessage({ done: 1, total: 2 });
      channel.onmessage({ done: 2, total: 2 });
      return Promise.resolve({ month: '2026-10', employees: 2, days: 62, exception_days: 0, provisional_days: 0, punches: 9 });
    });
    const report = await computeMonth(input, (p) => seen.push(p));
    expect(report.employees).toBe(2);
    expect(seen).toEqual([{ done: 1, total: 2 }, { done: 2, total: 2 }]);
    expect(invoke).toHaveBeenCalledWith('compute_month', { input, onProgress: expect.anything() });
  });

  it('turns a failed computation into an ApiError', async () => {
    vi.mocked(invoke).mockRejectedValue({ code: 'calendar_year_missing', message: { zh: '缺 2026 年', en: 'missing 2026' }, fields: [] });
    const error = await computeMonth({ month: '2026-10', employee_no: null, department_id: null }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('calendar_year_missing');
  });

  it('reads the summary, a person’s month and a day with camelCase arguments', async () => {
    vi.mocked(invoke).mockResolvedValue({});
    await getMonthSummary({ month: '2026-10', departmentId: null });
    expect(invoke).toHaveBeenLastCalledWith('get_month_summary', { month: '2026-10', departmentId: null });
    await getPersonMonth({ employeeId: 11, month: '2026-10' });
    expect(invoke).toHaveBeenLastCalledWith('get_person_month', { employeeId: 11, month: '2026-10' });
    await getDayDetail({ employeeId: 11, date: '2026-10-08' });
    expect(invoke).toHaveBeenLastCalledWith('get_day_detail', { employeeId: 11, date: '2026-10-08' });
  });

  it('keeps the backend’s not_found of a month not computed', async () => {
    vi.mocked(invoke).mockRejectedValue({ code: 'not_found', message: { zh: '没有计算', en: 'not computed' }, fields: [] });
    const error = await getMonthSummary({ month: '2026-11', departmentId: null }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('not_found');
  });
});

describe('考勤机 commands', () => {
  it('names every command and its arguments as Tauri expects', async () => {
    vi.mocked(invoke).mockResolvedValue([]);
    await listTerminals();
    expect(invoke).toHaveBeenLastCalledWith('list_terminals', undefined);
    const input = {
      id: null,
      name: '一号门',
      host: '192.168.1.201',
      port: 4370,
      transport: 'auto',
      tz: 'Asia/Shanghai',
      location: '',
      state_key: 'hint',
      name_codec: 'gbk',
      clear_after_pull: false,
      every_minutes: null,
      at_times: [],
      enabled: true,
      group_ids: [],
      comm_key: null,
      serial: null,
    };
    await saveTerminal(input);
    expect(invoke).toHaveBeenLastCalledWith('save_terminal', { input });
    await deleteTerminal(3);
    expect(invoke).toHaveBeenLastCalledWith('delete_terminal', { id: 3 });
    await testTerminal(1);
    expect(invoke).toHaveBeenLastCalledWith('test_terminal', { id: 1 });
    await setTerminalTime(1);
    expect(invoke).toHaveBeenLastCalledWith('set_terminal_time', { id: 1 });
    await listPulls({ id: 1, limit: 100 });
    expect(invoke).toHaveBeenLastCalledWith('list_pulls', { id: 1, limit: 100 });
    await listQuarantine(1);
    expect(invoke).toHaveBeenLastCalledWith('list_quarantine', { terminalId: 1 });
  });

  it('pulls with a channel that hands each progress message to onProgress', async () => {
    const seen: unknown[] = [];
    vi.mocked(invoke).mockImplementation((_command, args) => {
      const channel = (args as { onProgress: { onmessage: (m: unknown) => void } }).onProgress;
      channel.onmessage({ stage: 'connecting', done: 0, total: 0 });
      channel.onmessage({ stage: 'reading', done: 10, total: 20 });
      return Promise.resolve({ terminal_id: 1, records: 3 });
    });
    const report = await pullTerminal(1, (p) => seen.push(p));
    expect(report.records).toBe(3);
    expect(seen).toEqual([
      { stage: 'connecting', done: 0, total: 0 },
      { stage: 'reading', done: 10, total: 20 },
    ]);
    expect(invoke).toHaveBeenCalledWith('pull_terminal', { id: 1, onProgress: expect.anything() });
  });

  it('keeps the backend’s terminal and keyring codes', async () => {
    vi.mocked(invoke).mockRejectedValue({ code: 'terminal', message: { zh: '连不上', en: 'cannot reach' }, fields: [] });
    const error = await pullTerminal(1, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('terminal');
    vi.mocked(invoke).mockRejectedValue({ code: 'keyring', message: { zh: '密码库', en: 'keyring' }, fields: [] });
    expect(((await testTerminal(1).catch((e: unknown) => e)) as ApiError).code).toBe('keyring');
  });
});
