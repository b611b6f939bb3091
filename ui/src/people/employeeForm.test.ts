// Tests of what the employee form sends: EmployeeInput for 新增, a minimal EmployeePatch for 编辑.
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import { zhangSan } from '../test/fixtures';
import { emptyEmployeeForm, employeeToForm, formToInput, formToPatch } from './employeeForm';

// The shared fixture, with the optional fields this file expects to be empty.
const zhang: EmployeeDto = { ...zhangSan, id: 7, phone: null, card_no: null };

describe('formToInput', () => {
  it('sends ISO dates and null for empty optional fields', () => {
    const values = {
      ...emptyEmployeeForm(2, dayjs('2026-11-01')),
      employee_no: 'A-7',
      name: '李四',
      id_number: '11010519491231002x',
    };
    expect(formToInput(values)).toEqual({
      employee_no: 'A-7',
      name: '李四',
      department_id: 2,
      position: null,
      hired_on: '2026-11-01',
      left_on: null,
      id_number: '11010519491231002X',
      phone: null,
      pin: null,
      card_no: null,
    });
  });
});

describe('formToPatch', () => {
  it('returns null when nothing changed, and never sends the masked ID number back', () => {
    const values = employeeToForm(zhang);
    expect(values.id_number).toBe('');
    expect(formToPatch(zhang, values)).toBeNull();
  });

  it('sends only the changed fields, "" to clear an optional one', () => {
    const values = {
      ...employeeToForm(zhang),
      name: '张三丰',
      position: '',
      phone: '13812345678',
      hired_on: dayjs('2024-03-02'),
    };
    expect(formToPatch(zhang, values)).toEqual({
      id: 7,
      name: '张三丰',
      position: '',
      phone: '13812345678',
      hired_on: '2024-03-02',
    });
  });

  it('sends a new ID number only when one was typed', () => {
    const values = { ...employeeToForm(zhang), id_number: '11010519491231002x' };
    expect(formToPatch(zhang, values)).toEqual({ id: 7, id_number: '11010519491231002X' });
  });

  it('sends a changed leaving date only for someone who has left', () => {
    const left: EmployeeDto = { ...zhang, status: 'inactive', left_on: '2026-01-31' };
    expect(formToPatch(left, { ...employeeToForm(left), left_on: dayjs('2026-02-28') })).toEqual({
      id: 7,
      left_on: '2026-02-28',
    });
    expect(formToPatch(zhang, { ...employeeToForm(zhang), left_on: dayjs('2026-02-28') })).toBeNull();
  });
});
