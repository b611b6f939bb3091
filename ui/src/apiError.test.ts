// Tests of ApiError: every kind of rejection becomes a typed error, and field errors land on form fields.
import { describe, expect, it } from 'vitest';
import { ApiError, asErrorDto, splitFieldErrors, toApiError } from './apiError';
import type { ErrorDto } from './bindings/ErrorDto';
import { duplicateEmployeeNoError } from './test/fixtures';

const duplicate: ErrorDto = {
  ...duplicateEmployeeNoError,
  fields: [
    ...duplicateEmployeeNoError.fields,
    {
      field: 'pin',
      value: '0012',
      problem: 'bad_pin',
      message: { zh: '考勤机工号不能以 0 开头', en: 'a PIN cannot start with 0' },
    },
    {
      field: 'pin',
      value: '0012',
      problem: 'other',
      message: { zh: '第二个问题', en: 'second problem' },
    },
  ],
};

describe('toApiError', () => {
  it('keeps an ErrorDto rejection as it is', () => {
    const error = toApiError(duplicate);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('invalid_input');
    expect(error.dto).toEqual(duplicate);
  });

  it('returns an ApiError unchanged', () => {
    const error = new ApiError(duplicate);
    expect(toApiError(error)).toBe(error);
  });

  it('reads an ErrorDto that arrives as a JSON string', () => {
    expect(toApiError(JSON.stringify(duplicate)).dto).toEqual(duplicate);
  });

  it('tolerates a missing fields list and unknown codes', () => {
    const error = toApiError({ code: 'department_not_empty', message: { zh: '不能删除', en: 'cannot delete' } });
    expect(error.code).toBe('department_not_empty');
    expect(error.fields).toEqual([]);
    expect(toApiError({ code: 'brand_new_code', message: { zh: '新', en: 'new' } }).code).toBe('internal');
    // The calendar's codes are known, so the UI can switch on them.
    expect(toApiError({ code: 'calendar_year_missing', message: { zh: '未载入', en: 'missing' } }).code).toBe('calendar_year_missing');
    expect(toApiError({ code: 'invalid_file', message: { zh: '格式不对', en: 'bad file' } }).code).toBe('invalid_file');
  });

  it('wraps a plain string from Tauri into an internal error that shows the text', () => {
    (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
    try {
      const error = toApiError('command list_departmentz not found');
      expect(error.code).toBe('internal');
      expect(error.fields).toEqual([]);
      expect(error.dto.message.zh).toContain('command list_departmentz not found');
      expect(error.dto.message.en).toContain('command list_departmentz not found');
      expect(toApiError(new TypeError('boom')).dto.message.en).toContain('boom');
      expect(toApiError({ weird: true }).dto.message.zh).toContain('{"weird":true}');
      expect(toApiError(undefined).code).toBe('internal');
    } finally {
      delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    }
  });

  it('says the backend is missing when not running inside the desktop shell', () => {
    const error = toApiError(new TypeError("Cannot read properties of undefined (reading 'invoke')"));
    expect(error.code).toBe('internal');
    expect(error.dto.message.zh).toContain('考勤桌面程序');
  });

  it('refuses look-alikes that are not ErrorDtos', () => {
    expect(asErrorDto({ code: 'internal', message: 'text' })).toBeNull();
    expect(asErrorDto({ code: 'internal', message: { zh: 'a', en: 'b' }, fields: [{ field: 1 }] })).toBeNull();
    expect(asErrorDto(null)).toBeNull();
  });
});

describe('splitFieldErrors', () => {
  const fields = ['employee_no', 'name', 'pin'] as const;

  it('puts server field errors on the matching fields, in the chosen language', () => {
    const split = splitFieldErrors(new ApiError(duplicate), fields, 'zh-CN');
    expect(split.fields).toEqual([
      { name: 'employee_no', errors: ['工号 1001 已被 张三 使用'] },
      { name: 'pin', errors: ['考勤机工号不能以 0 开头', '第二个问题'] },
    ]);
    expect(split.general).toEqual([]);
    expect(splitFieldErrors(new ApiError(duplicate), fields, 'en').fields[0].errors).toEqual([
      'employee no. 1001 is already used by 张三',
    ]);
  });

  it('sends errors of fields the form lacks to the general message', () => {
    const split = splitFieldErrors(new ApiError(duplicate), ['name'] as const, 'zh-CN');
    expect(split.fields).toEqual([]);
    expect(split.general).toEqual(['工号 1001 已被 张三 使用', '考勤机工号不能以 0 开头', '第二个问题']);
  });

  it('maps aliased wire names onto form fields', () => {
    const error = new ApiError({
      code: 'invalid_input',
      message: { zh: '有误', en: 'invalid' },
      fields: [{ field: 'department_name', value: 'a/b', problem: 'bad_characters', message: { zh: '不能有 /', en: 'no /' } }],
    });
    expect(splitFieldErrors(error, ['name'] as const, 'zh-CN', { department_name: 'name' }).fields).toEqual([
      { name: 'name', errors: ['不能有 /'] },
    ]);
  });

  it('uses the general message when there are no field errors', () => {
    const error = new ApiError({
      code: 'department_not_empty',
      message: { zh: '部门「生产部」下还有 3 名员工和 1 个子部门，不能删除', en: 'not empty' },
      fields: [],
    });
    expect(splitFieldErrors(error, fields, 'zh-CN')).toEqual({
      fields: [],
      general: ['部门「生产部」下还有 3 名员工和 1 个子部门，不能删除'],
    });
  });
});
