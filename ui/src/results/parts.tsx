// Small pieces of 考勤结果 shared by the person's month and the 为什么 panel: the status tag, the finding tags, the 暂定 tag, a date with its weekday.
import { useCallback } from 'react';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayRowDto } from '../bindings/DayRowDto';
import type { FindingDto } from '../bindings/FindingDto';
import { currentLanguage, localize } from '../i18n';
import { isOffBooks, isoWeekday, severityColor, statusColor } from './format';

/** A day's status as a coloured tag, in the current language. */
export function StatusTag({ row }: { row: DayRowDto }) {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const off = isOffBooks(row.status);
  return (
    <Tag
      color={statusColor(row.status)}
      variant={off ? 'filled' : undefined}
      className={off ? 'res-status res-status--off' : 'res-status'}
      data-status={row.status}
    >
      {localize(row.status_name, lang)}
    </Tag>
  );
}

/** A day's findings as small tags coloured by severity. */
export function FindingTags({ findings }: { findings: readonly FindingDto[] }) {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  if (findings.length === 0) return null;
  return (
    <span className="res-findings">
      {findings.map((finding, i) => (
        <Tag key={`${finding.kind}-${i}`} color={severityColor(finding.severity)} className="res-finding" data-severity={finding.severity}>
          {localize(finding.text, lang)}
        </Tag>
      ))}
    </span>
  );
}

/** 暂定, with why. */
export function ProvisionalTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('results.provisional_help')}>
      <Tag color="gold" className="res-provisional-tag">
        {t('results.provisional')}
      </Tag>
    </Tooltip>
  );
}

/** The weekday of a `YYYY-MM-DD` date in the current language (周四, Thu). */
export function useWeekday(): (date: string) => string {
  const { t } = useTranslation();
  return useCallback((date: string) => t(`results.weekdays.${isoWeekday(date)}`), [t]);
}
