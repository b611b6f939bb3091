// Unit tests of the import wizard's helpers: column choices, what a column's Select shows, sizes, encodings, problem text, file bytes.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../apiError';
import { importColumns, importProblem, importReportWithProblems } from '../test/fixtures';
import {
  chooseColumn,
  columnMappable,
  columnValue,
  encodingLabel,
  errorProblems,
  formatSize,
  IGNORE,
  isMappingProblem,
  problemsText,
  readFileBytes,
  reportProblems,
} from './importModel';

describe('chooseColumn', () => {
  it('adds a choice, and replaces earlier choices for the same header or the same field', () => {
    const one = chooseColumn([], '备注', 'position');
    expect(one).toEqual([{ field: 'position', header: '备注' }]);
    // The same column gets another field.
    expect(chooseColumn(one, '备注', 'phone')).toEqual([{ field: 'phone', header: '备注' }]);
    // The same field moves to another column.
    expect(chooseColumn(one, '职务', 'position')).toEqual([{ field: 'position', header: '职务' }]);
    // Other choices stay.
    expect(chooseColumn(one, '手机', 'phone')).toEqual([
      { field: 'position', header: '备注' },
      { field: 'phone', header: '手机' },
    ]);
  });

  it('不导入 takes back the choice for that column only', () => {
    const mapping = [
      { field: 'position', header: '备注' },
      { field: 'phone', header: '手机' },
    ];
    expect(chooseColumn(mapping, '备注', null)).toEqual([{ field: 'phone', header: '手机' }]);
    expect(chooseColumn(mapping, '姓名', null)).toEqual(mapping);
  });
});

describe('columnValue', () => {
  const [employeeNo, , , , , remark] = importColumns;

  it('shows the clerk’s choice, else what the backend recognised, else 不导入', () => {
    expect(columnValue(employeeNo, [], false)).toBe('employee_no');
    expect(columnValue(remark, [], false)).toBe(IGNORE);
    expect(columnValue(remark, [{ field: 'position', header: '备注' }], false)).toBe('position');
  });

  it('leaves an unset column undecided when the mapping failed (nothing was recognised then)', () => {
    expect(columnValue({ ...employeeNo, field: null }, [], true)).toBeUndefined();
    expect(columnValue({ ...employeeNo, field: null, header: ' ' }, [], true)).toBe(IGNORE);
    expect(columnValue({ ...employeeNo, field: null }, [{ field: 'name', header: '工号' }], true)).toBe('name');
  });
});

describe('columnMappable', () => {
  it('refuses a column without a header or with the header of an earlier column', () => {
    const columns = [
      ...importColumns,
      { index: 6, letter: 'G', header: '', field: null },
      { index: 7, letter: 'H', header: '备注 ', field: null },
    ];
    expect(columnMappable(columns[5], columns)).toBe(true);
    expect(columnMappable(columns[6], columns)).toBe(false);
    expect(columnMappable(columns[7], columns)).toBe(false);
  });
});

describe('problems', () => {
  it('tells mapping problems from cell problems', () => {
    expect(isMappingProblem({ problem: 'missing_column' })).toBe(true);
    expect(isMappingProblem({ problem: 'duplicate_column' })).toBe(true);
    expect(isMappingProblem({ problem: 'no_such_header' })).toBe(true);
    expect(isMappingProblem({ problem: 'bad_date' })).toBe(false);
  });

  it('turns every problem into one line of text in the chosen language', () => {
    const rows = reportProblems(importReportWithProblems(3));
    expect(rows.map((r) => [r.row, r.column, r.header])).toEqual([
      [2, 'D', '入职日期'],
      [3, 'D', '入职日期'],
      [4, 'D', '入职日期'],
    ]);
    expect(problemsText(rows, 'zh-CN').split('\n')).toEqual([
      '第 2 行 D 列：入职日期「2026-13-00」不是有效的日期',
      '第 3 行 D 列：入职日期「2026-13-01」不是有效的日期',
      '第 4 行 D 列：入职日期「2026-13-02」不是有效的日期',
    ]);
    expect(problemsText(rows, 'en')).toContain('row 2, column D: ');
  });

  it('takes the problems of a refused run from the error’s fields', () => {
    const problem = importProblem(7, 'A', '工号', '工号 1001 已被 张三 使用');
    const error = new ApiError({
      code: 'invalid_input',
      message: { zh: '输入有误', en: 'invalid' },
      fields: [{ field: 'employee_no', value: '1001', problem: 'duplicate', message: problem.message }],
    });
    expect(errorProblems(error)).toEqual([{ key: 0, row: null, column: null, header: null, message: problem.message }]);
  });
});

describe('sizes and encodings', () => {
  it('writes sizes the way people read them', () => {
    expect(formatSize(300)).toBe('1 KB');
    expect(formatSize(532 * 1024)).toBe('532 KB');
    expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatSize(25.34 * 1024 * 1024)).toBe('25.3 MB');
  });

  it('calls GB18030 by the name clerks know', () => {
    expect(encodingLabel('gb18030')).toBe('GBK (GB18030)');
    expect(encodingLabel('UTF-8')).toBe('UTF-8');
    expect(encodingLabel(null)).toBe('');
  });
});

describe('readFileBytes', () => {
  it('reads a file as an array of byte values', async () => {
    const bytes = await readFileBytes(new File([new Uint8Array([0x50, 0x4b, 3, 4, 255])], 'a.xlsx'));
    expect(bytes).toEqual([0x50, 0x4b, 3, 4, 255]);
  });
});
