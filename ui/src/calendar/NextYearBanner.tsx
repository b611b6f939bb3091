// The warning, from October on, that next year's holiday notice is not loaded yet (首页 and 节假日).
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCalendarStatus } from '../queries';

/**
 * Shown while `missing_next_year` is set. `onShow` goes to that year; `showing` hides the button
 * when the page already shows it. A failed status read shows nothing here: the page says so itself.
 */
export function NextYearBanner({ onShow, showing }: { onShow: (year: number) => void; showing?: number }) {
  const { t } = useTranslation();
  const status = useCalendarStatus();
  const year = status.data?.missing_next_year;
  if (year === undefined || year === null) return null;
  return (
    <Alert
      className="page-block"
      type="warning"
      showIcon
      data-testid="calendar-next-year-banner"
      title={t('calendar.next_year.title', { year })}
      description={t('calendar.next_year.body', { year })}
      action={
        showing === year ? undefined : (
          <Button type="primary" onClick={() => onShow(year)} data-testid="calendar-next-year-go">
            {showing === undefined ? t('calendar.next_year.go') : t('calendar.next_year.show', { year })}
          </Button>
        )
      }
    />
  );
}
