// 设置 → 考勤规则: the rule settings compute uses (every field with a worked example in its tooltip; 保存, or Enter in a
// number field; unsaved changes tagged, 撤销修改 back to the saved values) and 试算 of the form as it stands on one
// person's month.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Select, Skeleton, Switch, Tag, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RulesDto } from '../bindings/RulesDto';
import { splitFieldErrors, toApiError, type ApiError } from '../apiError';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage } from '../i18n';
import { useRules, useSaveRules } from '../queries';
import { formatHours } from '../results/format';
import {
  changedRuleFields,
  NUMBER_LIMITS,
  RULE_CHOICES,
  RULE_FIELD_ALIASES,
  RULE_FIELDS,
  toRulesDto,
  type ChoiceRuleField,
  type NumberRuleField,
  type RulesFormValues,
  type SwitchRuleField,
} from './rulesModel';
import { WhatIfPanel } from './WhatIfPanel';
import './rules.css';

export function RulesTab() {
  const rules = useRules();
  if (rules.isPending) return <Skeleton active />;
  if (rules.isError) return <LoadError error={rules.error} onRetry={() => void rules.refetch()} />;
  return <RulesEditor saved={rules.data} />;
}

/**
 * Puts a refusal's field problems under the form's fields; returns false when none of them belongs to a field (the
 * caller then shows the error its own way). Other problems go to a message.
 */
export function useMarkRuleFields(form: FormInstance<RulesFormValues>): (error: ApiError) => boolean {
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  return (error) => {
    const split = splitFieldErrors(error, RULE_FIELDS, currentLanguage(i18n.language), RULE_FIELD_ALIASES);
    if (split.fields.length === 0) return false;
    form.setFields(split.fields);
    split.general.forEach((text) => void message.error(text));
    return true;
  };
}

function RulesEditor({ saved }: { saved: RulesDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const saveRules = useSaveRules();
  const [form] = Form.useForm<RulesFormValues>();
  const markFields = useMarkRuleFields(form);
  const values = Form.useWatch([], form) as Partial<RulesFormValues> | undefined;
  const changed = changedRuleFields(saved, values);
  const dirty = changed.length > 0;

  // Saved rules read again (another window saved them): shown unless the clerk has changes of their own.
  const shown = useRef(saved);
  useEffect(() => {
    if (shown.current === saved) return;
    if (changedRuleFields(shown.current, form.getFieldsValue(true)).length === 0) form.setFieldsValue(saved);
    shown.current = saved;
  }, [saved, form]);

  /** The form shows `rules`, with no problem marked. */
  const show = (rules: RulesDto) => form.setFields(RULE_FIELDS.map((name) => ({ name, value: rules[name], errors: [] })));

  const onFinish = async (formValues: RulesFormValues) => {
    try {
      const result = await saveRules.mutateAsync(toRulesDto(formValues));
      show(result);
      void message.success(t('rules.saved'));
    } catch (error) {
      const apiError = toApiError(error);
      if (!markFields(apiError)) showError(apiError);
    }
  };

  const submitOnEnter = {
    onPressEnter: (event: KeyboardEvent<HTMLInputElement>) => {
      // Save once: stop the browser's own implicit form submission as well.
      event.preventDefault();
      form.submit();
    },
  };

  const numberItem = (field: NumberRuleField, extra?: string) => {
    const { min, max, unit } = NUMBER_LIMITS[field];
    const label = t(`rules.fields.${field}`);
    return (
      <Form.Item
        name={field}
        label={label}
        tooltip={t(`rules.help.${field}`)}
        extra={extra}
        validateFirst
        rules={[
          { required: true, message: t('validation.required_input', { field: label }) },
          { type: 'integer', min, max, message: t('rules.range', { min, max }) },
        ]}
      >
        <InputNumber
          className="rules-number"
          min={min}
          max={max}
          precision={0}
          suffix={t(`rules.units.${unit}`)}
          data-testid={`rules-${field}`}
          {...submitOnEnter}
        />
      </Form.Item>
    );
  };

  const choiceItem = (field: ChoiceRuleField) => {
    const label = t(`rules.fields.${field}`);
    return (
      <Form.Item
        name={field}
        label={label}
        tooltip={t(`rules.help.${field}`)}
        rules={[{ required: true, message: t('validation.required_select', { field: label }) }]}
      >
        <Select
          data-testid={`rules-${field}`}
          options={RULE_CHOICES[field].map((value) => ({ value, label: t(`rules.choices.${field}.${value}`) }))}
        />
      </Form.Item>
    );
  };

  const switchItem = (field: SwitchRuleField) => (
    <Form.Item name={field} valuePropName="checked" label={t(`rules.fields.${field}`)} tooltip={t(`rules.help.${field}`)}>
      <Switch data-testid={`rules-${field}`} />
    </Form.Item>
  );

  /** `合 3 小时` under a cap given in minutes. */
  const inHours = (minutes: number | null | undefined) =>
    typeof minutes === 'number' ? t('rules.in_hours', { hours: formatHours(minutes) }) : undefined;

  return (
    <>
      <Form<RulesFormValues>
        form={form}
        layout="vertical"
        className="rules-form"
        initialValues={saved}
        onFinish={(formValues) => void onFinish(formValues)}
        data-testid="rules-form"
      >
        <Typography.Paragraph type="secondary">{t('rules.intro')}</Typography.Paragraph>
        <Card title={t('rules.groups.punches')} size="small" className="page-block">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              {numberItem('duplicate_seconds')}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {choiceItem('missing_punch')}
            </Col>
          </Row>
        </Card>
        <Card title={t('rules.groups.overtime')} size="small" className="page-block">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              {choiceItem('ot_source')}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {switchItem('ot_count_before_shift')}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {switchItem('ot_rest_day_to_time_off')}
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              {numberItem('ot_min_minutes')}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {numberItem('ot_unit_minutes')}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {choiceItem('ot_rounding')}
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              {numberItem('rest_day_break_minutes')}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {numberItem('rest_day_break_after_minutes')}
            </Col>
          </Row>
        </Card>
        <Card title={t('rules.groups.caps')} size="small" className="page-block">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              {numberItem('daily_cap_minutes', inHours(values?.daily_cap_minutes))}
            </Col>
            <Col xs={24} md={12} xl={8}>
              {numberItem('monthly_cap_minutes', inHours(values?.monthly_cap_minutes))}
            </Col>
          </Row>
        </Card>
        <div className="rules-actions page-block">
          <Button type="primary" htmlType="submit" loading={saveRules.isPending} data-testid="rules-save">
            {t('common.save')}
          </Button>
          <Button disabled={!dirty} onClick={() => show(saved)} data-testid="rules-reset">
            {t('rules.reset')}
          </Button>
          {dirty && (
            <Tooltip title={t('rules.unsaved_help', { n: changed.length })}>
              <Tag color="orange" data-testid="rules-unsaved">
                {t('rules.unsaved')}
              </Tag>
            </Tooltip>
          )}
        </div>
      </Form>
      {/* Outside the <form>: Enter in the month field must not save the rules. */}
      <WhatIfPanel form={form} values={values} markFields={markFields} />
    </>
  );
}
