// 可疑打卡: punch patterns worth a second look (a chain of people seconds apart, the same minute every day, a password
// instead of a finger, two places at once, punches on leave, a terminal clock going back). Review only: nothing is
// counted against anyone; 忽略 asks for a reason, which is kept and shown.
import { useState } from 'react';
import { App, Button, Input, Modal, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FlagDto } from '../bindings/FlagDto';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useDismissFlag, useFlags } from '../queries';

export function FlagsList({ month }: { month: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();
  const showError = useShowError();
  const flags = useFlags(month);
  const dismiss = useDismissFlag();
  const [dismissing, setDismissing] = useState<FlagDto | null>(null);
  const [reason, setReason] = useState('');

  if (flags.isError) return <LoadError error={flags.error} onRetry={() => void flags.refetch()} />;
  const columns: TableColumnsType<FlagDto> = [
    { title: t('exceptions.columns.date'), dataIndex: 'date', width: 110 },
    { title: t('exceptions.flags.kind'), key: 'kind', width: 150, render: (_, f) => <Tag color="purple">{localize(f.kind_name, lang)}</Tag> },
    { title: t('exceptions.flags.what'), key: 'text', render: (_, f) => localize(f.text, lang) },
    {
      title: t('common.actions'),
      key: 'dismiss',
      width: 220,
      render: (_, f) =>
        f.dismissed_reason ? (
          <Typography.Text type="secondary">
            {t('exceptions.flags.dismissed', { reason: f.dismissed_reason })}
          </Typography.Text>
        ) : (
          <Button size="small" onClick={() => setDismissing(f)} data-testid={`flag-dismiss-${f.key}`}>
            {t('exceptions.flags.dismiss')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('exceptions.flags.help')}</Typography.Paragraph>
      <Table<FlagDto> rowKey="key" size="small" loading={flags.isPending} columns={columns} dataSource={flags.data ?? []} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="flags-table" />
      {dismissing && (
        <Modal
          open
          title={t('exceptions.flags.dismiss_title')}
          okButtonProps={{ disabled: reason.trim() === '', 'data-testid': 'flag-dismiss-ok' }}
          confirmLoading={dismiss.isPending}
          onCancel={() => setDismissing(null)}
          onOk={async () => {
            try {
              await dismiss.mutateAsync({ month, key: dismissing.key, reason: reason.trim() });
              void message.success(t('exceptions.flags.dismissed_ok'));
              setDismissing(null);
              setReason('');
            } catch (error) {
              showError(error);
            }
          }}
        >
          <Typography.Paragraph>{localize(dismissing.text, lang)}</Typography.Paragraph>
          <Input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('exceptions.flags.reason')} data-testid="flag-dismiss-reason" />
        </Modal>
      )}
    </>
  );
}
