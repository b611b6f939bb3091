// The notice a year's data comes from: title, issue date, document number, address (copyable text, not a link), source, statutory days, checksum.
import { Card, Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CalendarYearDto } from '../bindings/CalendarYearDto';
import { shortChecksum } from './model';

export function NoticeCard({ year, extra }: { year: CalendarYearDto; extra?: ReactNode }) {
  const { t } = useTranslation();
  const loadedAt = year.loaded_at ? dayjs(year.loaded_at).format('YYYY-MM-DD HH:mm') : '';
  return (
    <Card title={t('calendar.notice.group')} extra={extra} className="page-block" data-testid="calendar-notice">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('calendar.notice.title')}>{year.notice}</Descriptions.Item>
        <Descriptions.Item label={t('calendar.notice.issued_on')}>{year.issued_on}</Descriptions.Item>
        <Descriptions.Item label={t('calendar.notice.document_no')}>
          {year.document_no ?? <Typography.Text type="secondary">{t('calendar.notice.none')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('calendar.notice.url')}>
          {/* Plain text with a copy button: the window refuses to navigate away. */}
          <Typography.Text copyable className="notice-url" data-testid="calendar-notice-url">
            {year.url}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">{t('calendar.notice.url_hint')}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('calendar.notice.source')}>
          {year.source === 'builtin' ? (
            <Tag color="blue">{t('calendar.notice.source_builtin')}</Tag>
          ) : (
            <>
              <Tag color="purple">{t('calendar.notice.source_loaded')}</Tag>
              {year.loaded_by && (
                <Typography.Text type="secondary">
                  {t('calendar.notice.loaded_by_at', { by: year.loaded_by, at: loadedAt })}
                </Typography.Text>
              )}
            </>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('calendar.notice.statutory_days')}>
          {t('calendar.notice.days_value', { count: year.statutory_days })}
        </Descriptions.Item>
        <Descriptions.Item label={t('calendar.notice.notice_days')}>
          {t('calendar.notice.days_value', { count: year.notice_days })}
        </Descriptions.Item>
        <Descriptions.Item label={t('calendar.notice.checksum')}>
          <Typography.Text code copyable={{ text: year.checksum }} title={year.checksum}>
            {shortChecksum(year.checksum)}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">{t('calendar.notice.checksum_hint')}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
