// 离职 dialog: asks for the 离职日期 (default today) and calls deactivate_employee.
import { App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { EmployeeDto } from '../bindings/EmployeeDto';
import { useDeactivateEmployee } from '../queries';
import { splitFieldErrors, toApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { DATE_FORMAT } from './employeeForm';

interface Values {
  left_on: Dayjs | null;
}

export function DeactivateDialog({ employee, onClose }: { employee: EmployeeDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const deactivate = useDeactivateEmployee();
  const hiredOn = dayjs(employee.hired_on, DATE_FORMAT);

  const onFinish = async (values: Values) => {
    if (!values.left_on) return;
    try {
      const saved = await deactivate.mutateAsync({ id: employee.id, left_on: values.left_on.format(DATE_FORMAT) });
      void message.success(t('employee.deactivated', { name: saved.name, left_on: saved.left_on ?? '' }));
      onClose();
    } catch (error) {
      const split = splitFieldErrors(toApiError(error), ['left_on'] as const, currentLanguage(i18n.language));
      form.setFields(split.fields);
      split.general.forEach((text) => void message.error(text));
    }
  };

  return (
    <Modal
      open
      title={t('employee.deactivate_title', { name: employee.name, employee_no: employee.employee_no })}
      okText={t('employee.deactivate_ok')}
      okButtonProps={{ danger: true, loading: deactivate.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('employee.deactivate_body')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ left_on: dayjs().startOf('day') }} onFinish={onFinish}>
        <Form.Item
          name="left_on"
          label={t('employee.fields.left_on')}
          extra={t('employee.hints.left_on', { hired_on: employee.hired_on })}
          rules={[
            { required: true, message: t('validation.required_select', { field: t('employee.fields.left_on') }) },
            {
              validator: (_: unknown, value: Dayjs | null) =>
                !value || !value.isBefore(hiredOn, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.left_before_hired', { hired_on: employee.hired_on }))),
            },
          ]}
        >
          <DatePicker
            data-testid="employee-left-on-input"
            format={DATE_FORMAT}
            className="full-width"
            placeholder={DATE_FORMAT}
            disabledDate={(date) => date.isBefore(hiredOn, 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
