// 推送接收（ADMS）on the terminals page: whether the app receives terminals that push their punches over HTTP, what
// to enter in such a terminal (this PC's address and the port), 设置 (on/off, address, port) in a small dialog, and
// the devices that called without being known yet, each with 批准 (it becomes a terminal under a name the clerk gives).
import { useState, type HTMLAttributes } from 'react';
import { Alert, App, AutoComplete, Badge, Button, Form, Input, InputNumber, Modal, Switch, Table, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PushDeviceDto } from '../bindings/PushDeviceDto';
import type { PushReceiverDto } from '../bindings/PushReceiverDto';
import { splitFieldErrors, toApiError } from '../apiError';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useApprovePushDevice, usePushDevices, usePushReceiver, useSavePushReceiver } from '../queries';
import { formatInstant } from './terminalModel';

const RECEIVER_FIELDS = ['host', 'port'] as const;

type ReceiverValues = { enabled: boolean; host: string; port: number | null };

function ReceiverDialog({ receiver, onClose }: { receiver: PushReceiverDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const save = useSavePushReceiver();
  const [form] = Form.useForm<ReceiverValues>();
  const [problems, setProblems] = useState<string[]>([]);

  const submit = async () => {
    const values = form.getFieldsValue(true) as ReceiverValues;
    setProblems([]);
    try {
      const saved = await save.mutateAsync({ enabled: values.enabled, host: values.host.trim(), port: values.port ?? 0 });
      void message.success(saved.enabled ? t('terminals.receiver.saved_on') : t('terminals.receiver.saved_off'));
      onClose();
    } catch (error) {
      const split = splitFieldErrors(toApiError(error), RECEIVER_FIELDS, currentLanguage(i18n.language));
      form.setFields(split.fields);
      setProblems(split.general);
    }
  };

  return (
    <Modal
      open
      width={480}
      title={t('terminals.receiver.settings_title')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'receiver-save' }}
      onOk={() => void submit()}
    >
      <Form<ReceiverValues>
        form={form}
        layout="vertical"
        initialValues={{ enabled: receiver.enabled, host: receiver.host, port: receiver.port }}
      >
        <Form.Item name="enabled" label={t('terminals.receiver.enabled')} valuePropName="checked">
          <Switch data-testid="receiver-enabled" />
        </Form.Item>
        <Form.Item name="host" label={t('terminals.receiver.host')} tooltip={t('terminals.receiver.host_help')}>
          <AutoComplete
            data-testid="receiver-host"
            placeholder={t('terminals.receiver.host_all')}
            options={receiver.lan_addresses.map((a) => ({ value: a }))}
          />
        </Form.Item>
        <Form.Item name="port" label={t('terminals.receiver.port')}>
          <InputNumber<number> min={1} max={65535} precision={0} data-testid="receiver-port" />
        </Form.Item>
      </Form>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} />}
    </Modal>
  );
}

function ApproveDialog({ device, onClose }: { device: PushDeviceDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const approve = useApprovePushDevice();
  const [name, setName] = useState(t('terminals.receiver.default_name', { serial: device.serial }));
  const [tried, setTried] = useState(false);
  const empty = name.trim() === '';

  const submit = async () => {
    setTried(true);
    if (empty) return;
    try {
      const terminal = await approve.mutateAsync({ serial: device.serial, name: name.trim() });
      void message.success(t('terminals.receiver.approved', { name: terminal.name }));
      onClose();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Modal
      open
      width={440}
      title={t('terminals.receiver.approve_title', { serial: device.serial })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('terminals.receiver.approve')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: approve.isPending, 'data-testid': 'push-approve-ok' }}
      onOk={() => void submit()}
    >
      <Typography.Paragraph type="secondary">{t('terminals.receiver.approve_help', { count: device.waiting })}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('terminals.receiver.name')}
          required
          validateStatus={tried && empty ? 'error' : undefined}
          help={tried && empty ? t('terminals.receiver.name_required') : undefined}
        >
          <Input
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={() => void submit()}
            data-testid="push-approve-name"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReceiverStatus({ receiver }: { receiver: PushReceiverDto }) {
  const { t, i18n } = useTranslation();
  if (!receiver.enabled) {
    return (
      <Typography.Text type="secondary" data-testid="receiver-status">
        {t('terminals.receiver.off')}
      </Typography.Text>
    );
  }
  if (receiver.listening === null) {
    const why = receiver.problem ? localize(receiver.problem, currentLanguage(i18n.language)) : t('terminals.receiver.not_listening');
    return <Alert type="error" showIcon title={why} data-testid="receiver-status" />;
  }
  const addresses = receiver.host !== '' ? [receiver.host] : receiver.lan_addresses;
  return (
    <span className="term-receiver-on" data-testid="receiver-status">
      <Badge status="processing" text={t('terminals.receiver.listening', { port: receiver.port })} />
      <Typography.Text type="secondary">
        {addresses.length > 0
          ? t('terminals.receiver.enter', { address: addresses.join(t('terminals.receiver.or')), port: receiver.port })
          : t('terminals.receiver.enter_unknown', { port: receiver.port })}
      </Typography.Text>
    </span>
  );
}

export function ReceiverCard() {
  const { t } = useTranslation();
  const receiver = usePushReceiver();
  const devices = usePushDevices();
  const [editing, setEditing] = useState(false);
  const [approving, setApproving] = useState<PushDeviceDto | null>(null);
  const waiting = (devices.data ?? []).filter((d) => d.terminal_id === null);

  return (
    <section className="term-receiver" data-testid="receiver-card">
      <div className="term-receiver-head">
        <Typography.Text strong>{t('terminals.receiver.title')}</Typography.Text>
        {receiver.data && <ReceiverStatus receiver={receiver.data} />}
        {receiver.isError && <LoadError error={receiver.error} onRetry={() => void receiver.refetch()} />}
        <Button
          size="small"
          icon={<SettingOutlined />}
          disabled={!receiver.data}
          onClick={() => setEditing(true)}
          data-testid="receiver-settings"
        >
          {t('terminals.receiver.settings')}
        </Button>
      </div>
      {waiting.length > 0 && (
        <div className="term-receiver-waiting" data-testid="push-waiting">
          <Typography.Text type="warning">{t('terminals.receiver.waiting', { count: waiting.length })}</Typography.Text>
          <Table<PushDeviceDto>
            size="small"
            rowKey="serial"
            pagination={false}
            dataSource={waiting}
            onRow={(row) => ({ 'data-testid': `push-device-${row.serial}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'serial', title: t('terminals.columns.serial'), dataIndex: 'serial' },
              { key: 'remote', title: t('terminals.receiver.from'), dataIndex: 'remote' },
              { key: 'last_seen', title: t('terminals.receiver.last_seen'), render: (_, d) => formatInstant(d.last_seen) },
              { key: 'waiting', title: t('terminals.receiver.kept'), dataIndex: 'waiting', align: 'right' },
              {
                key: 'approve',
                title: t('common.actions'),
                render: (_, d) => (
                  <Button size="small" type="link" onClick={() => setApproving(d)} data-testid={`push-approve-${d.serial}`}>
                    {t('terminals.receiver.approve')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      )}
      {editing && receiver.data && <ReceiverDialog receiver={receiver.data} onClose={() => setEditing(false)} />}
      {approving && <ApproveDialog device={approving} onClose={() => setApproving(null)} />}
    </section>
  );
}
