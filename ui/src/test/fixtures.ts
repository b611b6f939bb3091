// Test data shaped exactly like the backend's DTOs, shared by the component tests.
import type { DepartmentDto } from '../bindings/DepartmentDto';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import type { EmployeePage } from '../bindings/EmployeePage';
import type { OverviewDto } from '../bindings/OverviewDto';
import type { ErrorDto } from '../bindings/ErrorDto';

export const departments: DepartmentDto[] = [
  { id: 1, parent_id: null, name: '总部', path: '总部', depth: 0, employee_count: 1, active_employee_count: 1, child_count: 1 },
  { id: 2, parent_id: 1, name: '生产部', path: '总部/生产部', depth: 1, employee_count: 3, active_employee_count: 2, child_count: 1 },
  { id: 3, parent_id: 2, name: '一车间', path: '总部/生产部/一车间', depth: 2, employee_count: 0, active_employee_count: 0, child_count: 0 },
];

export const zhangSan: EmployeeDto = {
  id: 11,
  employee_no: '1001',
  name: '张三',
  department_id: 2,
  department_path: '总部/生产部',
  position: '组长',
  hired_on: '2024-03-01',
  left_on: null,
  id_number_masked: '1101**********002X',
  phone: '13812345678',
  pin: '1001',
  card_no: '4567890',
  status: 'active',
};

export const wangWu: EmployeeDto = {
  ...zhangSan,
  id: 12,
  employee_no: '1002',
  name: '王五',
  position: null,
  pin: null,
  card_no: null,
  phone: null,
  id_number_masked: null,
  status: 'inactive',
  left_on: '2026-01-31',
};

export function page(rows: EmployeeDto[], total = rows.length): EmployeePage {
  return { rows, total, page: 1, page_size: 50 };
}

export const overview: OverviewDto = {
  company: { name: '某某电子厂', timezone: 'Asia/Shanghai' },
  department_count: 3,
  active_employee_count: 2,
  inactive_employee_count: 1,
  db_path: '/home/clerk/.local/share/kaoqin/kaoqin.db',
  schema_version: 3,
  app_version: '0.1.0',
  timezones: ['Asia/Shanghai', 'Asia/Urumqi'],
};

/** What the backend returns when a 工号 is taken. */
export const duplicateEmployeeNoError: ErrorDto = {
  code: 'invalid_input',
  message: { zh: '输入有误，请检查标红的项目', en: 'some fields are not valid' },
  fields: [
    {
      field: 'employee_no',
      value: '1001',
      problem: 'duplicate',
      message: { zh: '工号 1001 已被 张三 使用', en: 'employee no. 1001 is already used by 张三' },
    },
  ],
};
