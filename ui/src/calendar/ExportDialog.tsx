// 导出: the year as calendar file text in a dialog, with a copy button (no download: the window has no file dialogs).
import { Input, Modal, Skeleton, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCalendarExport } from '../queries';
import { LoadError } from '../feedback';

export function ExportDialog({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useCalendarExport(year, true);
  return (
    <Modal
      open
      title={t('calendar.export.title', { year })}
      onCancel={onClose}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('calendar.export.hint')}</Typography.Paragraph>
      {text.isPending ? (
        <Skeleton active />
      ) : text.isError ? (
        <LoadError error={text.error} onRetry={() => void text.refetch()} />
      ) : (
        <>
          <div className="export-actions">
            <Typography.Text
              copyable={{
                text: text.data,
                tooltips: false,
                icon: [
                  <span key="copy" className="copy-label" data-testid="calendar-export-copy">
                    <CopyOutlined /> {t('calendar.export.copy')}
                  </span>,
                  <span key="copied" className="copy-label">
                    <CheckOutlined /> {t('calendar.export.copied')}
                  </span>,
                ],
              }}
            />
          </div>
          <Input.TextArea
            readOnly
            value={text.data}
            autoSize={{ minRows: 8, maxRows: 22 }}
            className="export-text"
            spellCheck={false}
            data-testid="calendar-export-text"
          />
        </>
      )}
    </Modal>
  );
}
