// 分配成员 dialog: from a date, a department (with its sub-departments) or one person joins a group — or, with 不属于任何考勤组, an earlier assignment ends.
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Form, Modal, Radio, Select, Tag, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepartmentDto } from '../bindings/DepartmentDto';
import type { GroupDto } from '../bindings/GroupDto';
import { toApiError } from '../apiError';
import { enterInDateSubmits } from './enterToSubmit';
import { buildDepartmentTree, toIdPickerNodes } from '../departments/tree';
import { currentLanguage } from '../i18n';
import { useAssignGroup } from '../queries';
import { useEmployeeSearch } from '../employees/useEmployeeSearch';
import {
  assignFieldPath,
  DATE_FORMAT,
  formToAssignInput,
  NO_GROUP,
  splitServerErrors,
  type AssignFormValues,
} from './groupForm';

interface EmployeeOption {
  value: number;
  label: string;
  /** A string, not a boolean: option fields land on the DOM as attributes. */
  status: 'active' | 'inactive';
}

/** A person picked earlier (e.g. from the unassigned list), shown before any search. */
export interface KnownEmployee {
  id: number;
  label: string;
}

export function AssignDialog({
  groups,
  departments,
  initial,
  knownEmployee,
  title,
  onClose,
}: {
  groups: readonly GroupDto[];
  departments: readonly DepartmentDto[];
  initial: AssignFormValues;
  knownEmployee?: KnownEmployee;
  title: ReactNode;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = currentLanguage(i18n.language);
  const [form] = Form.useForm<AssignFormValues>();
  const assign = useAssignGroup();
  const [general, setGeneral] = useState<string[]>([]);
  const targetKind = Form.useWatch('target_kind', form) ?? initial.target_kind;
  const groupChoice = Form.useWatch('group_id', form) ?? initial.group_id;

  const treeData = useMemo(() => toIdPickerNodes(buildDepartmentTree(departments)), [departments]);

  // Employee search by 工号 or 姓名, asked of the backend once typing pauses.
  const { employees, onSearch } = useEmployeeSearch({ enabled: targetKind === 'employee' });
  const employeeOptions = useMemo<EmployeeOption[]>(() => {
    const found = (employees.data?.rows ?? []).map((e) => ({
      value: e.id,
      label: `${e.employee_no} ${e.name}（${e.department_path}）`,
      status: e.status,
    }));
    if (knownEmployee && !found.some((o) => o.value === knownEmployee.id)) {
      found.unshift({ value: knownEmployee.id, label: knownEmployee.label, status: 'active' });
    }
    return found;
  }, [employees.data, knownEmployee]);

  const groupOptions = useMemo(
    () => [
      ...groups.map((g) => ({ value: g.id as number | typeof NO_GROUP, label: g.name })),
      { value: NO_GROUP as number | typeof NO_GROUP, label: t('groups.assign.no_group') },
    ],
    [groups, t],
  );

  const onValuesChange = (changed: Partial<AssignFormValues>) => {
    if ('target_kind' in changed) setGeneral([]);
  };

  const onFinish = async (values: AssignFormValues) => {
    setGeneral([]);
    try {
      const saved = await assign.mutateAsync(formToAssignInput(values));
      const vars = { target: saved.target_label, date: saved.effective_from, group: saved.group_name ?? '' };
      void message.success(t(saved.group_id === null ? 'groups.assign.ended' : 'groups.assign.done', vars));
      onClose();
    } catch (error) {
      const targetField = values.target_kind === 'employee' ? 'employee_id' : 'department_id';
      const split = splitServerErrors(toApiError(error), lang, assignFieldPath, (path) =>
        path === 'days' ? false : path[0] !== 'department_id' && path[0] !== 'employee_id' ? true : path[0] === targetField,
      );
      form.setFields(split.fields as Parameters<typeof form.setFields>[0]);
      setGeneral(split.general);
    }
  };

  const radioLabel = (key: 'department' | 'employee') => (
    <Radio value={key}>
      <span data-testid={`assign-kind-${key}`}>{t(`groups.assign.by_${key}`)}</span>
    </Radio>
  );

  return (
    <Modal
      open
      width={620}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={assign.isPending} onClick={() => form.submit()} data-testid="assign-save">
          {groupChoice === NO_GROUP ? t('groups.assign.end_button') : t('groups.assign.save')}
        </Button>,
      ]}
    >
      <div onKeyDown={enterInDateSubmits(() => form.submit())}>
      <Form<AssignFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        disabled={assign.isPending}
      >
        {general.length > 0 && (
          <Alert
            className="page-block"
            type="error"
            showIcon
            title={t('groups.assign.not_saved')}
            description={
              <ul className="group-problem-list" data-testid="assign-problems">
                {general.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            }
          />
        )}
        <Form.Item name="target_kind" label={t('groups.assign.target_kind')}>
          <Radio.Group>
            {radioLabel('department')}
            {radioLabel('employee')}
          </Radio.Group>
        </Form.Item>

        {targetKind === 'department' ? (
          <Form.Item
            name="department_id"
            label={t('groups.assign.department')}
            extra={t('groups.assign.department_help')}
            rules={[{ required: true, message: t('groups.assign.department_required') }]}
          >
            <TreeSelect<number>
              data-testid="assign-department"
              treeData={treeData}
              treeDefaultExpandAll
              treeNodeLabelProp="path"
              showSearch={{ treeNodeFilterProp: 'path' }}
              placeholder={t('groups.assign.department_placeholder')}
              notFoundContent={t('groups.assign.no_department_match')}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="employee_id"
            label={t('groups.assign.employee')}
            extra={t('groups.assign.employee_help')}
            rules={[{ required: true, message: t('groups.assign.employee_required') }]}
          >
            <Select<number, EmployeeOption>
              data-testid="assign-employee"
              options={employeeOptions}
              placeholder={t('groups.assign.employee_placeholder')}
              loading={employees.isFetching}
              notFoundContent={employees.isFetching ? t('groups.assign.searching') : t('groups.assign.no_employee_match')}
              optionRender={(option) => (
                <span>
                  {option.data.label}
                  {option.data.status === 'inactive' && (
                    <Tag className="group-inline-tag">{t('groups.assign.inactive')}</Tag>
                  )}
                </span>
              )}
              showSearch={{ filterOption: false, onSearch }}
            />
          </Form.Item>
        )}

        <Form.Item
          name="group_id"
          label={t('groups.assign.group')}
          rules={[{ required: true, message: t('groups.assign.group_required') }]}
        >
          <Select data-testid="assign-group" options={groupOptions} />
        </Form.Item>

        <Form.Item
          name="effective_from"
          label={t('groups.assign.effective_from')}
          extra={t('groups.assign.effective_from_help')}
          rules={[{ required: true, message: t('groups.assign.effective_from_required') }]}
        >
          <DatePicker data-testid="assign-from" format={DATE_FORMAT} placeholder={DATE_FORMAT} />
        </Form.Item>

        <Alert
          type={groupChoice === NO_GROUP ? 'warning' : 'info'}
          showIcon
          title={groupChoice === NO_GROUP ? t('groups.assign.end_note') : t('groups.assign.precedence_title')}
          description={t('groups.assign.precedence')}
        />
      </Form>
      </div>
    </Modal>
  );
}
