// The employee table of 人员: one server-side page of list_employees, with 编辑 / 离职 / 恢复在职 actions.
import { Button, Empty, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EmployeeDto } from '../bindings/EmployeeDto';

export const PAGE_SIZES = [20, 50, 100, 200];

export function EmployeeTable({
  rows,
  total,
  page,
  pageSize,
  loading,
  filtered,
  onPageChange,
  onEdit,
  onDeactivate,
  onReactivate,
}: {
  rows: EmployeeDto[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  /** Whether a search or filter is narrowing the list (changes the empty-state wording). */
  filtered: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (employee: EmployeeDto) => void;
  onDeactivate: (employee: EmployeeDto) => void;
  onReactivate: (employee: EmployeeDto) => void;
}) {
  const { t } = useTranslation();
  const label = (field: string) => t(`employee.fields.${field}`);
  const dash = (value: string | null) => value ?? '—';

  const columns: TableColumnsType<EmployeeDto> = [
    { key: 'employee_no', dataIndex: 'employee_no', title: label('employee_no'), width: 96, fixed: 'start', ellipsis: true },
    { key: 'name', dataIndex: 'name', title: label('name'), width: 96, fixed: 'start', ellipsis: true },
    { key: 'department_path', dataIndex: 'department_path', title: label('department_id'), width: 180, ellipsis: true },
    { key: 'position', dataIndex: 'position', title: label('position'), width: 100, render: dash, ellipsis: true },
    { key: 'pin', dataIndex: 'pin', title: label('pin'), width: 100, render: dash },
    { key: 'card_no', dataIndex: 'card_no', title: label('card_no'), width: 104, render: dash },
    { key: 'hired_on', dataIndex: 'hired_on', title: label('hired_on'), width: 104 },
    {
      key: 'status',
      dataIndex: 'status',
      title: label('status'),
      width: 140,
      render: (_: unknown, row: EmployeeDto) =>
        row.status === 'active' ? (
          <Tag color="green">{t('employee.status.active')}</Tag>
        ) : (
          <>
            <Tag>{t('employee.status.inactive')}</Tag>
            {row.left_on && <span className="muted">{row.left_on}</span>}
          </>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 136,
      fixed: 'end',
      render: (_: unknown, row: EmployeeDto) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit(row)} data-testid="employee-edit">
            {t('common.edit')}
          </Button>
          {row.status === 'active' ? (
            <Button type="link" size="small" danger onClick={() => onDeactivate(row)} data-testid="employee-deactivate">
              {t('employee.deactivate')}
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => onReactivate(row)} data-testid="employee-reactivate">
              {t('employee.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="employee-table">
      <Table<EmployeeDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('employee.none_match') : t('employee.none_yet')}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => t('employee.total', { count }),
          onChange: onPageChange,
        }}
      />
    </div>
  );
}
