// The department filter of list pages (排班, 考勤结果): a searchable tree by full path, cleared
// for "all departments". The value is a department id; the page keeps it.
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { buildDepartmentTree, toIdPickerNodes } from './tree';
import { useDepartments } from '../queries';

export function DepartmentFilter({
  value,
  onChange,
  className,
  testId,
  placeholder,
  label,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  className?: string;
  testId: string;
  placeholder: string;
  label: string;
}) {
  const departments = useDepartments();
  const treeData = useMemo(() => toIdPickerNodes(buildDepartmentTree(departments.data ?? [])), [departments.data]);
  return (
    <TreeSelect<number>
      className={className}
      data-testid={testId}
      value={value ?? undefined}
      treeData={treeData}
      treeDefaultExpandAll
      treeNodeLabelProp="path"
      showSearch={{ treeNodeFilterProp: 'path' }}
      allowClear
      placeholder={placeholder}
      aria-label={label}
      onChange={(id) => onChange(id ?? null)}
    />
  );
}
