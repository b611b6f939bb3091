// Tests of the typed command wrappers with a mocked invoke: command names, argument names (camelCase, as Tauri expects), errors.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import { checkImport, importTemplate, runImport } from './api';
import { ApiError } from './apiError';
import { importReport } from './test/fixtures';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

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
