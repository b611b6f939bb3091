// 新增员工 / 编辑员工 dialog: an antd Form with client-side rules, server field errors shown on the fields.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { App, Button, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { InputRef } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DepartmentDto } from '../bindings/DepartmentDto';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import { buildDepartmentTree, flattenTree } from '../departments/tree';
import { useAddEmployee, useEditEmployee } from '../queries';
import { splitFieldErrors, toApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import {
  checkCardNo,
  checkEmployeeNo,
  checkIdNumber,
  checkName,
  checkPhone,
  checkPin,
  checkPosition,
  EMPLOYEE_NO_MAX_CHARS,
  formRule,
  NAME_MAX_CHARS,
  POSITION_MAX_CHARS,
} from '../validation';
import {
  DATE_FORMAT,
  EMPLOYEE_FORM_FIELDS,
  emptyEmployeeForm,
  employeeToForm,
  formToInput,
  formToPatch,
  type EmployeeFormValues,
} from './employeeForm';

interface DepartmentOption {
  value: number;
  label: string;
  name: string;
}

/** Strips spaces around codes pasted from spreadsheets (工号, PIN, 卡号, 身份证号 never contain spaces). */
const trimCode = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

export function EmployeeFormDialog({
  mode,
  employee,
  departments,
  defaultDepartmentId,
  onClose,
}: {
  mode: 'add' | 'edit';
  employee?: EmployeeDto;
  departments: readonly DepartmentDto[];
  defaultDepartmentId: number | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EmployeeFormValues>();
  const addEmployee = useAddEmployee();
  const editEmployee = useEditEmployee();
  const [continueAfterSave, setContinueAfterSave] = useState(false);
  const employeeNoRef = useRef<InputRef>(null);
  const busy = addEmployee.isPending || editEmployee.isPending;
  const showLeftOn = mode === 'edit' && employee?.status === 'inactive';

  const departmentOptions = useMemo<DepartmentOption[]>(
    () =>
      flattenTree(buildDepartmentTree(departments)).map(({ department }) => ({
        value: department.id,
        label: department.path,
        name: department.name,
      })),
    [departments],
  );

  const initialValues = useMemo(
    () =>
      mode === 'edit' && employee
        ? employeeToForm(employee)
        : emptyEmployeeForm(defaultDepartmentId, dayjs().startOf('day')),
    // The form is created once per opening; later changes to its inputs must not reset what was typed.
    [],
  );

  const label = (field: string) => t(`employee.fields.${field}`);
  const requiredInput = (field: string) => ({
    required: true,
    message: t('validation.required_input', { field: label(field) }),
  });
  const requiredSelect = (field: string) => ({
    required: true,
    message: t('validation.required_select', { field: label(field) }),
  });
  const submit = (andContinue: boolean) => {
    setContinueAfterSave(andContinue);
    form.submit();
  };
  const submitOnEnter = {
    onPressEnter: (event: KeyboardEvent) => {
      // Submit once: stop the browser's own implicit form submission as well.
      event.preventDefault();
      submit(false);
    },
  };

  const showServerError = (error: unknown) => {
    const split = splitFieldErrors(toApiError(error), EMPLOYEE_FORM_FIELDS, currentLanguage(i18n.language));
    form.setFields(split.fields);
    split.general.forEach((text) => void message.error(text));
  };

  const onFinish = async (values: EmployeeFormValues) => {
    try {
      if (mode === 'add') {
        const saved = await addEmployee.mutateAsync(formToInput(values));
        void message.success(t('employee.added', { name: saved.name, employee_no: saved.employee_no }));
        if (continueAfterSave) {
          // Keep the department and the hire date: the next person is usually hired alongside.
          form.resetFields();
          form.setFieldsValue({ department_id: values.department_id, hired_on: values.hired_on });
          employeeNoRef.current?.focus();
        } else {
          onClose();
        }
      } else if (employee) {
        const patch = formToPatch(employee, values);
        if (patch) {
          const saved = await editEmployee.mutateAsync(patch);
          void message.success(t('employee.saved', { name: saved.name, employee_no: saved.employee_no }));
        } else {
          void message.info(t('employee.nothing_changed'));
        }
        onClose();
      }
    } catch (error) {
      showServerError(error);
    }
  };

  const hiredOnNotAfter = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, value: Dayjs | null) => {
      const hired = getFieldValue('hired_on') as Dayjs | null;
      if (!value || !hired || !value.isBefore(hired, 'day')) return Promise.resolve();
      return Promise.reject(new Error(t('validation.left_before_hired', { hired_on: hired.format(DATE_FORMAT) })));
    },
  });

  const title =
    mode === 'add'
      ? t('employee.add_title')
      : t('employee.edit_title', { name: employee?.name ?? '', employee_no: employee?.employee_no ?? '' });

  return (
    <Modal
      open
      width={760}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        mode === 'add' && (
          <Button key="continue" loading={busy && continueAfterSave} onClick={() => submit(true)} data-testid="employee-save-continue">
            {t('employee.save_and_next')}
          </Button>
        ),
        <Button key="save" type="primary" loading={busy && !continueAfterSave} onClick={() => submit(false)} data-testid="employee-save">
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form<EmployeeFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="employee_no"
              label={label('employee_no')}
              extra={t('employee.hints.employee_no')}
              normalize={trimCode}
              validateFirst
              rules={[requiredInput('employee_no'), formRule(checkEmployeeNo, t)]}
            >
              <Input ref={employeeNoRef} data-testid="employee-no-input" autoFocus maxLength={EMPLOYEE_NO_MAX_CHARS} {...submitOnEnter} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={label('name')}
              validateFirst
              rules={[requiredInput('name'), formRule(checkName, t)]}
            >
              <Input data-testid="employee-name-input" maxLength={NAME_MAX_CHARS} {...submitOnEnter} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="department_id" label={label('department_id')} rules={[requiredSelect('department_id')]}>
              <Select<number, DepartmentOption>
                data-testid="employee-department-select"
                options={departmentOptions}
                placeholder={t('employee.department_placeholder')}
                notFoundContent={t('employee.no_department_match')}
                showSearch={{
                  optionFilterProp: 'label',
                  // Exact name matches first, so typing "生产部" + Enter picks 生产部, not 生产部/一车间.
                  filterSort: (a, b, info) => {
                    const typed = info.searchValue.trim();
                    return Number(b.name === typed) - Number(a.name === typed);
                  },
                }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="position" label={label('position')} rules={[formRule(checkPosition, t)]}>
              <Input data-testid="employee-position-input" maxLength={POSITION_MAX_CHARS} {...submitOnEnter} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hired_on" label={label('hired_on')} rules={[requiredSelect('hired_on')]}>
              <DatePicker
                data-testid="employee-hired-on-input"
                format={DATE_FORMAT}
                className="full-width"
                placeholder={DATE_FORMAT}
              />
            </Form.Item>
          </Col>
          {showLeftOn && (
            <Col span={12}>
              <Form.Item
                name="left_on"
                label={label('left_on')}
                dependencies={['hired_on']}
                rules={[requiredSelect('left_on'), hiredOnNotAfter]}
              >
                <DatePicker
                  data-testid="employee-left-on-input"
                  format={DATE_FORMAT}
                  className="full-width"
                  placeholder={DATE_FORMAT}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="pin"
              label={label('pin')}
              extra={t('employee.hints.pin')}
              normalize={trimCode}
              rules={[formRule(checkPin, t)]}
            >
              <Input data-testid="employee-pin-input" inputMode="numeric" maxLength={9} {...submitOnEnter} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="card_no"
              label={label('card_no')}
              extra={t('employee.hints.card_no')}
              normalize={trimCode}
              rules={[formRule(checkCardNo, t)]}
            >
              <Input data-testid="employee-card-input" inputMode="numeric" maxLength={10} {...submitOnEnter} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={label('phone')} rules={[formRule(checkPhone, t)]}>
              <Input data-testid="employee-phone-input" maxLength={24} {...submitOnEnter} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="id_number"
              label={label('id_number')}
              extra={mode === 'edit' && employee?.id_number_masked ? t('employee.hints.id_number_keep') : t('employee.hints.id_number')}
              normalize={trimCode}
              rules={[formRule(checkIdNumber, t)]}
            >
              <Input
                data-testid="employee-id-number-input"
                maxLength={18}
                autoComplete="off"
                placeholder={mode === 'edit' ? (employee?.id_number_masked ?? '') : ''}
                {...submitOnEnter}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
