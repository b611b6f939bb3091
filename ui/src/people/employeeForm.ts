// Pure helpers of the employee form: form values ⇄ EmployeeDto, and the EmployeeInput / EmployeePatch sent to the backend.
import dayjs, { type Dayjs } from 'dayjs';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import type { EmployeeInput } from '../bindings/EmployeeInput';
import type { EmployeePatch } from '../bindings/EmployeePatch';

export const DATE_FORMAT = 'YYYY-MM-DD';

export interface EmployeeFormValues {
  employee_no: string;
  name: string;
  department_id: number | undefined;
  position: string;
  hired_on: Dayjs | null;
  left_on: Dayjs | null;
  id_number: string;
  phone: string;
  pin: string;
  card_no: string;
}

/** Field names of the form, the same as the wire fields (so server field errors land on them). */
export const EMPLOYEE_FORM_FIELDS = [
  'employee_no',
  'name',
  'department_id',
  'position',
  'hired_on',
  'left_on',
  'id_number',
  'phone',
  'pin',
  'card_no',
] as const;

export function emptyEmployeeForm(departmentId: number | undefined, today: Dayjs): EmployeeFormValues {
  return {
    employee_no: '',
    name: '',
    department_id: departmentId,
    position: '',
    hired_on: today,
    left_on: null,
    id_number: '',
    phone: '',
    pin: '',
    card_no: '',
  };
}

/** The form as it opens for editing; the ID number stays empty (its masked value is the placeholder). */
export function employeeToForm(employee: EmployeeDto): EmployeeFormValues {
  return {
    employee_no: employee.employee_no,
    name: employee.name,
    department_id: employee.department_id,
    position: employee.position ?? '',
    hired_on: dayjs(employee.hired_on, DATE_FORMAT),
    left_on: employee.left_on ? dayjs(employee.left_on, DATE_FORMAT) : null,
    id_number: '',
    phone: employee.phone ?? '',
    pin: employee.pin ?? '',
    card_no: employee.card_no ?? '',
  };
}

const isoDate = (value: Dayjs | null): string => (value ? value.format(DATE_FORMAT) : '');
const orNull = (value: string): string | null => (value === '' ? null : value);

/** What 新增员工 sends. */
export function formToInput(values: EmployeeFormValues): EmployeeInput {
  return {
    employee_no: values.employee_no,
    name: values.name,
    department_id: values.department_id ?? null,
    position: orNull(values.position),
    hired_on: isoDate(values.hired_on),
    left_on: values.left_on ? isoDate(values.left_on) : null,
    id_number: orNull(values.id_number.toUpperCase()),
    phone: orNull(values.phone),
    pin: orNull(values.pin),
    card_no: orNull(values.card_no),
  };
}

/**
 * What 编辑 sends: only the fields that changed ("" clears an optional field); the ID number only
 * when a new one was typed. Returns null when nothing changed.
 */
export function formToPatch(original: EmployeeDto, values: EmployeeFormValues): EmployeePatch | null {
  const patch: EmployeePatch = { id: original.id };
  let changed = false;
  const text = (key: 'employee_no' | 'name', before: string, after: string) => {
    if (before !== after) {
      patch[key] = after;
      changed = true;
    }
  };
  const optional = (key: 'position' | 'phone' | 'pin' | 'card_no', before: string | null, after: string) => {
    if ((before ?? '') !== after) {
      patch[key] = after;
      changed = true;
    }
  };
  text('employee_no', original.employee_no, values.employee_no);
  text('name', original.name, values.name);
  if (values.department_id !== undefined && values.department_id !== original.department_id) {
    patch.department_id = values.department_id;
    changed = true;
  }
  optional('position', original.position, values.position);
  optional('phone', original.phone, values.phone);
  optional('pin', original.pin, values.pin);
  optional('card_no', original.card_no, values.card_no);
  const hiredOn = isoDate(values.hired_on);
  if (hiredOn !== '' && hiredOn !== original.hired_on) {
    patch.hired_on = hiredOn;
    changed = true;
  }
  const leftOn = isoDate(values.left_on);
  if (original.status === 'inactive' && leftOn !== '' && leftOn !== original.left_on) {
    patch.left_on = leftOn;
    changed = true;
  }
  if (values.id_number !== '') {
    patch.id_number = values.id_number.toUpperCase();
    changed = true;
  }
  return changed ? patch : null;
}
