// 本月更正: every correction of the month — who, when, why, what it did — with 撤销 (a reason is asked) while the
// month is open; undone ones stay listed with their undo.
import { useState } from 'react';
import { App, Button, Input, Modal, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CorrectionDto } from '../bindings/CorrectionDto';
import { LoadError, useShowError } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useCorrections, useUndoCorrection } from '../queries';

export function CorrectionsList({ month, closed }: { month: string; closed: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useCorrections(month);
  const undo = useUndoCorrection();
  const [undoing, setUndoing] = useState<CorrectionDto | null>(null);
  const [reason, setReason] = useState('');

  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const columns: TableColumnsType<CorrectionDto> = [
    { title: '#', dataIndex: 'id', width: 60 },
    { title: t('exceptions.columns.date'), dataIndex: 'date', width: 110 },
    { title: t('exceptions.columns.employee_no'), dataIndex: 'employee_no', width: 90 },
    { title: t('exceptions.columns.name'), dataIndex: 'name', width: 90 },
    { title: t('exceptions.columns.correction'), key: 'text', render: (_, c) => localize(c.text, lang) },
    { title: t('exceptions.columns.reason'), dataIndex: 'reason', width: 180, ellipsis: true },
    { title: t('exceptions.columns.by'), key: 'by', width: 170, render: (_, c) => `${c.created_by} ${c.created_at}` },
    {
      title: t('common.actions'),
      key: 'undo',
      width: 110,
      render: (_, c) =>
        c.undone_at ? (
          <Tag>{t('exceptions.undone_tag')}</Tag>
        ) : (
          <Button size="small" disabled={closed} onClick={() => setUndoing(c)} data-testid={`correction-undo-${c.id}`}>
            {t('exceptions.undo')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <Table<CorrectionDto> rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={list.data ?? []} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="corrections-table" />
      {undoing && (
        <Modal
          open
          title={t('exceptions.undo_title', { id: undoing.id })}
          okButtonProps={{ disabled: reason.trim() === '', 'data-testid': 'correction-undo-ok' }}
          confirmLoading={undo.isPending}
          onCancel={() => setUndoing(null)}
          onOk={async () => {
            try {
              await undo.mutateAsync({ id: undoing.id, reason: reason.trim() });
              void message.success(t('exceptions.undone'));
              setUndoing(null);
              setReason('');
            } catch (error) {
              showError(error);
            }
          }}
        >
          <Input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('exceptions.undo_reason')} data-testid="correction-undo-reason" />
        </Modal>
      )}
    </>
  );
}
