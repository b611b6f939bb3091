// 设置: four tabs — 基本设置 (company name and time zone, the interface language, the groups still to come), 节假日 (the
// holiday calendar), 考勤规则 (the attendance rules, with a what-if) and 审计记录 (the signed audit log).
import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Select, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOverview, useUpdateCompany } from '../queries';
import { LoadError, useShowError } from '../feedback';
import { LanguageRadio } from '../LanguageSwitch';
import { checkCompanyName, COMPANY_NAME_MAX_CHARS, formRule } from '../validation';
import { splitFieldErrors, toApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { SETTINGS_TABS, useSettingsPlace, type SettingsTab } from '../router';
import { HolidaysPage } from '../calendar/HolidaysPage';
import { RulesTab } from '../rules/RulesTab';
import { AuditTab } from '../audit/AuditTab';

interface CompanyFormValues {
  name: string;
  timezone: string;
}

const COMPANY_FORM_FIELDS = ['name', 'timezone'] as const;
const COMPANY_FIELD_ALIASES = { company_name: 'name' } as const;
const UPCOMING_GROUPS = ['backup', 'users'] as const;

/** 设置 with its tabs; the tab (and the 节假日 year) live in the address: #/settings/holidays/2027, #/settings/rules. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [place, goTo] = useSettingsPlace();
  return (
    <div className="page">
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Tabs
        activeKey={place.tab}
        onChange={(key) => goTo({ tab: key as SettingsTab })}
        items={SETTINGS_TABS.map((tab) => ({
          key: tab,
          label: <span data-testid={`settings-tab-${tab}`}>{t(`settings.tabs.${tab}`)}</span>,
        }))}
      />
      {place.tab === 'holidays' ? (
        <HolidaysPage year={place.year} onYear={(year) => goTo({ tab: 'holidays', year })} />
      ) : place.tab === 'rules' ? (
        <RulesTab />
      ) : place.tab === 'audit' ? (
        <AuditTab />
      ) : (
        <CompanySettings />
      )}
    </div>
  );
}

/** 基本设置: company name and time zone, interface language, what is still to come. */
function CompanySettings() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const overview = useOverview();
  const updateCompany = useUpdateCompany();
  const showError = useShowError();
  const [form] = Form.useForm<CompanyFormValues>();

  const company = overview.data?.company;
  useEffect(() => {
    if (company && !form.isFieldsTouched()) form.setFieldsValue(company);
  }, [company, form]);

  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;

  const onFinish = async (values: CompanyFormValues) => {
    try {
      const saved = await updateCompany.mutateAsync({ name: values.name, timezone: values.timezone });
      form.resetFields();
      form.setFieldsValue(saved);
      void message.success(t('settings.saved'));
    } catch (error) {
      const apiError = toApiError(error);
      const split = splitFieldErrors(apiError, COMPANY_FORM_FIELDS, currentLanguage(i18n.language), COMPANY_FIELD_ALIASES);
      form.setFields(split.fields);
      if (split.fields.length === 0) showError(apiError);
      else split.general.forEach((text) => void message.error(text));
    }
  };

  return (
    <>
      <Card title={t('settings.company_group')} className="page-block">
        <Form<CompanyFormValues>
          form={form}
          layout="vertical"
          className="settings-form"
          initialValues={overview.data.company}
          onFinish={onFinish}
        >
          <Form.Item
            name="name"
            label={t('settings.company_name')}
            extra={t('settings.company_name_hint')}
            validateFirst
            rules={[
              { required: true, message: t('validation.required_input', { field: t('settings.company_name') }) },
              formRule(checkCompanyName, t),
            ]}
          >
            <Input
              data-testid="company-name-input"
              maxLength={COMPANY_NAME_MAX_CHARS}
              showCount
            />
          </Form.Item>
          <Form.Item
            name="timezone"
            label={t('settings.timezone')}
            extra={t('settings.timezone_hint')}
            rules={[{ required: true, message: t('validation.required_select', { field: t('settings.timezone') }) }]}
          >
            <Select
              options={overview.data.timezones.map((zone) => ({
                value: zone,
                label: t(`timezones.${zone}`, { defaultValue: zone }),
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={updateCompany.isPending} data-testid="company-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('settings.language_group')} className="page-block">
        <LanguageRadio />
      </Card>
      <Card title={t('settings.upcoming_group')} className="page-block">
        {UPCOMING_GROUPS.map((group) => (
          <div key={group} className="upcoming-item">
            <div>
              <Typography.Text strong>{t(`settings.upcoming.${group}.title`)}</Typography.Text>{' '}
              <Tag>{t('settings.not_yet_available')}</Tag>
            </div>
            <Typography.Text type="secondary">{t(`settings.upcoming.${group}.body`)}</Typography.Text>
          </div>
        ))}
      </Card>
    </>
  );
}
