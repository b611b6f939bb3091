// The people of a leave or an adjustment: a multi-select searching employees by 工号/姓名 (asked of the backend as typing
// pauses) and 按部门添加, which adds everyone on the books in a department (with its sub-departments).
import { useMemo, useState } from 'react';
import { App, Button, Select, Tag, TreeSelect } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import * as api from '../api';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import { buildDepartmentTree, toIdPickerNodes } from '../departments/tree';
import { useShowError } from '../feedback';
import { useDepartments } from '../queries';
import { useEmployeeSearch } from '../employees/useEmployeeSearch';

const DEPARTMENT_PAGE_SIZE = 500;
const MAX_TAGS = 30;

interface PersonOption {
  value: number;
  label: string;
  /** A string, not a boolean: option fields land on the DOM as attributes. */
  status: string;
}


export function personLabel(e: Pick<EmployeeDto, 'employee_no' | 'name' | 'department_path'>): string {
  return `${e.employee_no} ${e.name}（${e.department_path}）`;
}

function optionOf(e: EmployeeDto): PersonOption {
  return { value: e.id, label: personLabel(e), status: e.status };
}

/** Everyone on the books in a department and its sub-departments, all pages. */
async function departmentPeople(departmentId: number): Promise<EmployeeDto[]> {
  const rows: EmployeeDto[] = [];
  for (let page = 1; page <= 100; page += 1) {
    const result = await api.listEmployees({
      department_id: departmentId,
      include_subdepartments: true,
      status: 'active',
      page,
      page_size: DEPARTMENT_PAGE_SIZE,
    });
    rows.push(...result.rows);
    if (result.rows.length === 0 || rows.length >= result.total) break;
  }
  return rows;
}

export function PeoplePicker({
  value,
  onChange,
  id,
  testId,
  departmentTestId,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  id?: string;
  testId: string;
  departmentTestId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const selected = useMemo(() => value ?? [], [value]);
  const [known, setKnown] = useState<ReadonlyMap<number, PersonOption>>(new Map());
  const [byDepartment, setByDepartment] = useState(false);
  const [adding, setAdding] = useState(false);
  const departments = useDepartments();

  const { employees, onSearch } = useEmployeeSearch();

  const remember = (options: readonly PersonOption[]) => {
    if (options.length === 0) return;
    setKnown((old) => {
      const next = new Map(old);
      for (const o of options) next.set(o.value, o);
      return next;
    });
  };

  const options = useMemo<PersonOption[]>(() => {
    const found = (employees.data?.rows ?? []).map(optionOf);
    const ids = new Set(found.map((o) => o.value));
    const chosen = selected
      .filter((personId) => !ids.has(personId))
      .map((personId) => known.get(personId) ?? { value: personId, label: String(personId), status: 'active' });
    return [...chosen, ...found];
  }, [employees.data, selected, known]);

  const treeData = useMemo(() => toIdPickerNodes(buildDepartmentTree(departments.data ?? [])), [departments.data]);

  const addDepartment = async (departmentId: number) => {
    const department = departments.data?.find((d) => d.id === departmentId);
    setAdding(true);
    try {
      const people = await departmentPeople(departmentId);
      remember(people.map(optionOf));
      const before = new Set(selected);
      const added = people.filter((p) => !before.has(p.id));
      onChange?.([...selected, ...added.map((p) => p.id)]);
      void message.success(
        t('leave.people.department_added', { count: added.length, department: department?.path ?? '' }),
      );
      setByDepartment(false);
    } catch (error) {
      showError(error);
    } finally {
      setAdding(false);
    }
  };

  return (
    <div className="leave-people">
      <Select<number[], PersonOption>
        id={id}
        mode="multiple"
        data-testid={testId}
        value={selected}
        options={options}
        placeholder={t('leave.people.placeholder')}
        loading={employees.isFetching}
        maxTagCount={MAX_TAGS}
        maxTagPlaceholder={(omitted) => t('leave.people.more', { count: omitted.length })}
        notFoundContent={employees.isFetching ? t('leave.people.searching') : t('leave.people.no_match')}
        optionRender={(option) => (
          <span>
            {option.data.label}
            {option.data.status === 'inactive' && <Tag className="leave-inline-tag">{t('leave.people.inactive')}</Tag>}
          </span>
        )}
        showSearch={{ filterOption: false, onSearch }}
        onChange={(ids, chosen) => {
          remember((Array.isArray(chosen) ? chosen : [chosen]).filter((o): o is PersonOption => !!o && 'label' in o));
          onChange?.(ids);
        }}
      />
      <div className="leave-people-tools">
        <Button
          size="small"
          icon={<TeamOutlined />}
          onClick={() => setByDepartment((open) => !open)}
          data-testid={departmentTestId}
        >
          {t('leave.people.by_department')}
        </Button>
        {byDepartment && (
          <TreeSelect<number>
            className="leave-department-select"
            data-testid={`${departmentTestId}-select`}
            treeData={treeData}
            treeDefaultExpandAll
            treeNodeLabelProp="path"
            showSearch={{ treeNodeFilterProp: 'path' }}
            placeholder={t('leave.people.department_placeholder')}
            loading={departments.isPending || adding}
            disabled={adding}
            onChange={(departmentId) => {
              if (typeof departmentId === 'number') void addDepartment(departmentId);
            }}
          />
        )}
        <span className="leave-people-count" data-testid={`${testId}-count`}>
          {t('leave.people.count', { count: selected.length })}
        </span>
        {selected.length > 0 && (
          <Button size="small" type="link" onClick={() => onChange?.([])}>
            {t('leave.people.clear')}
          </Button>
        )}
      </div>
    </div>
  );
}
