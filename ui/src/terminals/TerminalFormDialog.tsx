// 添加/编辑考勤机: a dialog with the connection (名称, IP 地址, 端口, 通讯方式, 通讯密码 — never shown back, 已设置 said
// instead, with 清除通讯密码 —, 时区), how the terminal is used (安装位置, 考勤组, 状态键, 姓名编码), 自动下载 (every N minutes
// and/or at fixed times), 下载后清除考勤机记录 and 启用. Enter in a text field saves, Esc closes; the backend's refusals
// land under the fields they name.
import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TerminalDto } from '../bindings/TerminalDto';
import { splitFieldErrors, toApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { enterSubmits } from '../leave/parts';
import { useGroups, useOverview, useSaveTerminal } from '../queries';
import {
  badTimes,
  COMM_KEY_PATTERN,
  emptyTerminalForm,
  EVERY_MINUTES_MAX,
  formToTerminalInput,
  HOST_MAX_CHARS,
  HOST_PATTERN,
  LOCATION_MAX_CHARS,
  MAX_AT_TIMES,
  NAME_CODECS,
  NAME_MAX_CHARS,
  normalizeTimes,
  STATE_KEYS,
  TERMINAL_FIELD_ALIASES,
  TERMINAL_FORM_FIELDS,
  TERMINAL_ZONES,
  terminalToForm,
  TRANSPORTS,
  type TerminalFormValues,
} from './terminalModel';

export function TerminalFormDialog({ terminal, onClose }: { terminal?: TerminalDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();
  const [form] = Form.useForm<TerminalFormValues>();
  const save = useSaveTerminal();
  const overview = useOverview();
  const groups = useGroups();
  const [problems, setProblems] = useState<string[]>([]);
  const clearKey = Form.useWatch('clear_comm_key', form) ?? false;
  const clearAfterPull = Form.useWatch('clear_after_pull', form) ?? terminal?.clear_after_pull ?? false;
  const hasKey = terminal?.has_comm_key ?? false;
  // The company's zone is the default of a new terminal; read once, when the dialog opens.
  const [initialValues] = useState<TerminalFormValues>(() =>
    terminal ? terminalToForm(terminal) : emptyTerminalForm(overview.data?.company.timezone),
  );

  // The company's zone arrived after the dialog opened: a new terminal takes it unless the clerk chose one.
  const companyZone = overview.data?.company.timezone;
  useEffect(() => {
    if (terminal || !companyZone) return;
    const zone = emptyTerminalForm(companyZone).tz;
    if (zone === initialValues.tz || form.isFieldTouched('tz')) return;
    form.setFieldValue('tz', zone);
  }, [terminal, companyZone, form, initialValues]);

  const submit = async () => {
    let values: TerminalFormValues;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as TerminalFormValues;
    } catch {
      return;
    }
    setProblems([]);
    try {
      const saved = await save.mutateAsync(formToTerminalInput(values, terminal?.id ?? null));
      void message.success(
        terminal ? t('terminals.form.saved', { name: saved.name }) : t('terminals.form.added', { name: saved.name }),
      );
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      const split = splitFieldErrors(apiError, TERMINAL_FORM_FIELDS, lang, TERMINAL_FIELD_ALIASES);
      form.setFields(split.fields);
      setProblems(split.general);
    }
  };

  const groupOptions = (groups.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }));
  // Groups the terminal names that the list no longer has still show (by id) rather than vanish.
  for (const [i, id] of (terminal?.group_ids ?? []).entries()) {
    if (!groupOptions.some((o) => o.value === id)) groupOptions.push({ value: id, label: terminal?.group_names[i] ?? String(id) });
  }

  return (
    <Modal
      open
      width={780}
      title={terminal ? t('terminals.form.edit_title', { name: terminal.name }) : t('terminals.form.add_title')}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'terminal-save' }}
      onOk={() => void submit()}
    >
      <div onKeyDown={enterSubmits(() => void submit())}>
        {problems.length > 0 && (
          <Alert
            className="term-block"
            type="error"
            showIcon
            title={t('terminals.form.refused')}
            description={
              <ul className="term-problem-list" data-testid="terminal-form-problems">
                {problems.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            }
          />
        )}
        <Form<TerminalFormValues>
          form={form}
          layout="vertical"
          className="term-form"
          initialValues={initialValues}
          disabled={save.isPending}
          onValuesChange={() => setProblems([])}
          data-testid="terminal-form"
        >
          <Typography.Title level={5} className="term-form-section">
            {t('terminals.form.sections.connection')}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('terminals.form.name')}
                rules={[
                  { required: true, whitespace: true, message: t('terminals.form.name_required') },
                  { max: NAME_MAX_CHARS, message: t('validation.too_long', { max: NAME_MAX_CHARS }) },
                ]}
              >
                <Input data-testid="terminal-name" maxLength={NAME_MAX_CHARS} placeholder={t('terminals.form.name_placeholder')} autoFocus />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="location"
                label={t('terminals.form.location')}
                rules={[{ max: LOCATION_MAX_CHARS, message: t('validation.too_long', { max: LOCATION_MAX_CHARS }) }]}
              >
                <Input data-testid="terminal-location" maxLength={LOCATION_MAX_CHARS} placeholder={t('terminals.form.location_placeholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="host"
                label={t('terminals.form.host')}
                extra={t('terminals.form.host_help')}
                validateFirst
                rules={[
                  { required: true, whitespace: true, message: t('terminals.form.host_required') },
                  { max: HOST_MAX_CHARS, message: t('validation.too_long', { max: HOST_MAX_CHARS }) },
                  {
                    validator: (_, value: string | undefined) =>
                      HOST_PATTERN.test((value ?? '').trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('terminals.form.host_chars'))),
                  },
                ]}
              >
                <Input data-testid="terminal-host" placeholder="192.168.1.201" maxLength={HOST_MAX_CHARS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item
                name="port"
                label={t('terminals.form.port')}
                extra={t('terminals.form.port_help')}
                rules={[
                  { required: true, message: t('terminals.form.port_range') },
                  { type: 'integer', min: 1, max: 65535, message: t('terminals.form.port_range') },
                ]}
              >
                <InputNumber<number> data-testid="terminal-port" min={1} max={65535} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name="transport" label={t('terminals.form.transport')} extra={t('terminals.form.transport_help')}>
                <Radio.Group
                  optionType="button"
                  options={TRANSPORTS.map((value) => ({
                    value,
                    label: <span data-testid={`terminal-transport-${value}`}>{t(`terminals.form.transports.${value}`)}</span>,
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item noStyle shouldUpdate={(a, b) => a.transport !== b.transport}>
            {({ getFieldValue }) =>
              getFieldValue('transport') === 'push' || (terminal?.serial ?? '') !== '' ? (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="serial"
                      label={t('terminals.form.serial')}
                      extra={t('terminals.form.serial_help')}
                      rules={
                        getFieldValue('transport') === 'push'
                          ? [{ required: true, whitespace: true, message: t('terminals.form.serial_required') }]
                          : []
                      }
                    >
                      <Input data-testid="terminal-serial" maxLength={32} autoComplete="off" />
                    </Form.Item>
                  </Col>
                </Row>
              ) : null
            }
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="comm_key"
                label={
                  <span>
                    {t('terminals.form.comm_key')}
                    {hasKey && (
                      <Typography.Text type="secondary" className="term-key-set" data-testid="terminal-comm-key-set">
                        {' '}
                        {t('terminals.form.comm_key_set')}
                      </Typography.Text>
                    )}
                  </span>
                }
                extra={t('terminals.form.comm_key_help')}
                rules={[
                  {
                    validator: (_, value: string | undefined) =>
                      clearKey || !value || COMM_KEY_PATTERN.test(value.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('terminals.form.comm_key_digits'))),
                  },
                ]}
              >
                <Input.Password
                  data-testid="terminal-comm-key"
                  autoComplete="new-password"
                  inputMode="numeric"
                  maxLength={9}
                  disabled={clearKey}
                  placeholder={
                    clearKey
                      ? t('terminals.form.comm_key_placeholder_clear')
                      : hasKey
                        ? t('terminals.form.comm_key_placeholder_set')
                        : t('terminals.form.comm_key_placeholder_none')
                  }
                />
              </Form.Item>
              {hasKey && (
                <Form.Item name="clear_comm_key" valuePropName="checked" className="term-clear-key">
                  <Checkbox
                    data-testid="terminal-comm-key-clear"
                    onChange={(event) => {
                      if (event.target.checked) form.setFields([{ name: 'comm_key', value: '', errors: [] }]);
                    }}
                  >
                    {t('terminals.form.clear_comm_key')}
                  </Checkbox>
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="tz" label={t('terminals.form.tz')} extra={t('terminals.form.tz_help')}>
                <Select
                  data-testid="terminal-tz"
                  options={TERMINAL_ZONES.map((zone) => ({ value: zone, label: t(`timezones.${zone}`) }))}
                />
              </Form.Item>
            </Col>
          </Row>

          <Typography.Title level={5} className="term-form-section">
            {t('terminals.form.sections.usage')}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="group_ids" label={t('terminals.form.groups')} extra={t('terminals.form.groups_help')}>
                <Select
                  mode="multiple"
                  data-testid="terminal-groups"
                  allowClear
                  loading={groups.isPending}
                  placeholder={t('terminals.form.groups_placeholder')}
                  options={groupOptions}
                  optionFilterProp="label"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name_codec" label={t('terminals.form.name_codec')} extra={t('terminals.form.name_codec_help')}>
                <Select
                  data-testid="terminal-name-codec"
                  options={NAME_CODECS.map((value) => ({ value, label: t(`terminals.form.name_codecs.${value}`) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="state_key" label={t('terminals.form.state_key')} extra={t('terminals.form.state_key_help')}>
            <Radio.Group
              optionType="button"
              options={STATE_KEYS.map((value) => ({
                value,
                label: <span data-testid={`terminal-key-mode-${value}`}>{t(`terminals.form.state_keys.${value}`)}</span>,
              }))}
            />
          </Form.Item>

          <Typography.Title level={5} className="term-form-section">
            {t('terminals.form.sections.schedule')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="term-hint">
            {t('terminals.form.schedule_help')}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="every_minutes"
                label={t('terminals.form.every_minutes')}
                rules={[
                  { type: 'integer', min: 1, max: EVERY_MINUTES_MAX, message: t('terminals.form.every_minutes_range') },
                ]}
              >
                <InputNumber<number>
                  data-testid="terminal-every-minutes"
                  min={1}
                  max={EVERY_MINUTES_MAX}
                  precision={0}
                  suffix={t('terminals.form.minutes')}
                  placeholder={t('terminals.form.every_minutes_placeholder')}
                  className="full-width"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="at_times"
                label={t('terminals.form.at_times')}
                normalize={(value: string[] | undefined) => normalizeTimes(value ?? [])}
                rules={[
                  {
                    validator: (_, value: string[] | undefined) => {
                      const bad = badTimes(value ?? []);
                      if (bad.length > 0) return Promise.reject(new Error(t('terminals.form.at_times_bad', { times: bad.join('、') })));
                      if ((value ?? []).length > MAX_AT_TIMES)
                        return Promise.reject(new Error(t('terminals.form.at_times_many', { max: MAX_AT_TIMES })));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Select
                  mode="tags"
                  data-testid="terminal-at-times"
                  tokenSeparators={[',', '，', ' ', '、', ';', '；']}
                  open={false}
                  suffixIcon={null}
                  placeholder={t('terminals.form.at_times_placeholder')}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item
                name="clear_after_pull"
                valuePropName="checked"
                label={t('terminals.form.clear_after_pull')}
                extra={t('terminals.form.clear_after_pull_help')}
              >
                <Switch data-testid="terminal-clear-after-pull" />
              </Form.Item>
              {clearAfterPull && (
                <Alert
                  className="term-block"
                  type="warning"
                  showIcon
                  title={t('terminals.form.clear_after_pull_warning')}
                  data-testid="terminal-clear-warning"
                />
              )}
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="enabled" valuePropName="checked" label={t('terminals.form.enabled')} extra={t('terminals.form.enabled_help')}>
                <Switch data-testid="terminal-enabled" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}
