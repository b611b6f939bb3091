// 人员: department tree on the left, the employee list on the right, and the dialogs that change them (including 导入).
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Checkbox, Input, Segmented, Tooltip, Typography } from 'antd';
import type { InputRef } from 'antd';
import { ImportOutlined, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import type { EmployeeQuery } from '../bindings/EmployeeQuery';
import type { EmployeeStatusFilter } from '../bindings/EmployeeStatusFilter';
import { useDepartments, useEmployees, useOverview, useReactivateEmployee } from '../queries';
import { LoadError, useErrorText } from '../feedback';
import { useHotkeys } from '../hotkeys';
import { ALL_DEPARTMENTS, DepartmentPanel, type DepartmentSelection } from './DepartmentPanel';
import { EmployeeTable } from './EmployeeTable';
import { EmployeeFormDialog } from './EmployeeFormDialog';
import { DeactivateDialog } from './DeactivateDialog';
import { ImportWizard } from './ImportWizard';

const DEFAULT_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

type EmployeeDialog =
  | { kind: 'add' }
  | { kind: 'edit'; employee: EmployeeDto }
  | { kind: 'deactivate'; employee: EmployeeDto }
  | { kind: 'import' };

export function PeoplePage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const departments = useDepartments();
  const overview = useOverview();
  const reactivate = useReactivateEmployee();

  const [selected, setSelected] = useState<DepartmentSelection>(ALL_DEPARTMENTS);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<EmployeeStatusFilter>('active');
  const [includeSub, setIncludeSub] = useState(true);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [dialog, setDialog] = useState<EmployeeDialog | null>(null);
  const searchRef = useRef<InputRef>(null);

  // Type-ahead search: wait until typing pauses, then go back to page 1.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSearch(searchText.trim());
      setPage(1);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [searchText]);

  const departmentList = useMemo(() => departments.data ?? [], [departments.data]);
  // A department that disappeared (deleted elsewhere) falls back to everyone.
  useEffect(() => {
    if (selected !== ALL_DEPARTMENTS && departments.data && !departments.data.some((d) => d.id === selected)) {
      setSelected(ALL_DEPARTMENTS);
    }
  }, [departments.data, selected]);

  const query = useMemo<EmployeeQuery>(() => {
    const q: EmployeeQuery = { status, page, page_size: pageSize };
    if (search !== '') q.search = search;
    if (selected !== ALL_DEPARTMENTS) {
      q.department_id = selected;
      q.include_subdepartments = includeSub;
    }
    return q;
  }, [status, page, pageSize, search, selected, includeSub]);
  const employees = useEmployees(query);

  const openAdd = () => setDialog({ kind: 'add' });
  useHotkeys({
    focus_search: () => searchRef.current?.focus(),
    add_employee: openAdd,
  });

  const confirmReactivate = (employee: EmployeeDto) => {
    modal.confirm({
      title: t('employee.reactivate_title', { name: employee.name, employee_no: employee.employee_no }),
      content: t('employee.reactivate_body', { left_on: employee.left_on ?? '' }),
      okText: t('employee.reactivate'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const saved = await reactivate.mutateAsync(employee.id);
          void message.success(t('employee.reactivated', { name: saved.name }));
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });
  };

  const selectedDepartment =
    selected === ALL_DEPARTMENTS ? undefined : departmentList.find((d) => d.id === selected);
  // "No employees yet" only when the company truly has none; otherwise the filters hide them.
  const companyHasEmployees = overview.data
    ? overview.data.active_employee_count + overview.data.inactive_employee_count > 0
    : true;

  // A tooltip that opens under a dialog would be the first thing Esc closes: none while a dialog is open.
  const tooltipsOff = dialog !== null ? false : undefined;

  return (
    <div className="people">
      <DepartmentPanel
        departments={departmentList}
        isPending={departments.isPending}
        error={departments.error}
        onRetry={() => void departments.refetch()}
        selected={selected}
        onSelect={(next) => {
          setSelected(next);
          setPage(1);
        }}
        activeTotal={overview.data?.active_employee_count}
      />
      <div className="people-main">
        <div className="people-heading">
          <Typography.Title level={4} className="people-title">
            {selectedDepartment ? selectedDepartment.path : t('department.all')}
          </Typography.Title>
          <div className="people-heading-actions">
            <Tooltip title={t('people_import.open_hint')} open={tooltipsOff}>
              <Button icon={<ImportOutlined />} data-testid="import-open" onClick={() => setDialog({ kind: 'import' })}>
                {t('people_import.open')}
              </Button>
            </Tooltip>
            <Tooltip title={t('employee.add_shortcut')} open={tooltipsOff}>
              <Button type="primary" icon={<UserAddOutlined />} data-testid="add-employee" onClick={openAdd}>
                {t('employee.add')}
              </Button>
            </Tooltip>
          </div>
        </div>
        <div className="people-filters">
          <Tooltip title={t('employee.search_shortcut')} placement="topLeft">
            <Input
              ref={searchRef}
              data-testid="employee-search"
              className="people-search"
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('employee.search_placeholder')}
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              onPressEnter={() => {
                // Search at once instead of waiting for the typing pause.
                setSearch(searchText.trim());
                setPage(1);
              }}
            />
          </Tooltip>
          <Segmented<EmployeeStatusFilter>
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={[
              { value: 'active', label: t('employee.status.active') },
              { value: 'inactive', label: t('employee.status.inactive') },
              { value: 'all', label: t('employee.status.all') },
            ]}
            data-testid="employee-status-filter"
          />
          <Checkbox
            checked={includeSub}
            disabled={selected === ALL_DEPARTMENTS}
            onChange={(e) => {
              setIncludeSub(e.target.checked);
              setPage(1);
            }}
          >
            {t('employee.include_subdepartments')}
          </Checkbox>
        </div>
        {employees.isError ? (
          <LoadError error={employees.error} onRetry={() => void employees.refetch()} />
        ) : (
          <EmployeeTable
            rows={employees.data?.rows ?? []}
            total={employees.data?.total ?? 0}
            page={page}
            pageSize={pageSize}
            loading={employees.isFetching}
            filtered={companyHasEmployees}
            onPageChange={(nextPage, nextSize) => {
              setPage(nextSize !== pageSize ? 1 : nextPage);
              setPageSize(nextSize);
            }}
            onEdit={(employee) => setDialog({ kind: 'edit', employee })}
            onDeactivate={(employee) => setDialog({ kind: 'deactivate', employee })}
            onReactivate={confirmReactivate}
          />
        )}
      </div>
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <EmployeeFormDialog
          mode={dialog.kind}
          employee={dialog.kind === 'edit' ? dialog.employee : undefined}
          departments={departmentList}
          defaultDepartmentId={selectedDepartment?.id}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'deactivate' && (
        <DeactivateDialog employee={dialog.employee} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'import' && <ImportWizard onClose={() => setDialog(null)} />}
    </div>
  );
}
