// The year at a glance: 12 small month tables (weeks from Monday), each date a plain button coloured by class, with a legend of counts.
import { memo, useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayDto } from '../bindings/CalendarDayDto';
import { classCounts, DAY_CLASSES, isCompanyDay, yearGrid } from './model';
import { dayLines } from './dayText';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** CSS classes of a date cell: its class, how it got it, and today's mark. */
function cellClassName(day: CalendarDayDto, today: string): string {
  const names = ['cal-day', `cal-day--${day.class}`, `cal-src--${day.source}`];
  if (isCompanyDay(day)) names.push('cal-day--company');
  if (day.date === today) names.push('cal-day--today');
  return names.join(' ');
}

/** The legend: one swatch per class, with how many dates of the year have it. */
export function CalendarLegend({ days }: { days: readonly CalendarDayDto[] }) {
  const { t } = useTranslation();
  const counts = useMemo(() => classCounts(days), [days]);
  return (
    <div className="cal-legend" data-testid="calendar-legend">
      {DAY_CLASSES.map((dayClass) => (
        <span key={dayClass} className="cal-legend-item" data-class={dayClass}>
          <span className={`cal-swatch cal-day--${dayClass}`} aria-hidden="true" />
          <span>{t(`calendar.classes.${dayClass}`)}</span>
          <span className="cal-legend-count">{t('calendar.legend_count', { count: counts[dayClass] })}</span>
        </span>
      ))}
      <span className="cal-legend-item">
        <span className="cal-swatch cal-swatch--company" aria-hidden="true" />
        <span>{t('calendar.company.list_title')}</span>
      </span>
      <span className="cal-legend-item">
        <span className="cal-swatch cal-swatch--today" aria-hidden="true" />
        <span>{t('calendar.today')}</span>
      </span>
    </div>
  );
}

/**
 * 365 plain buttons with CSS classes (no antd component per date, no inline style: the CSP
 * refuses style attributes). The tooltip is the native `title`; one click handler on the grid
 * finds the date through `data-date`.
 */
export const YearCalendar = memo(function YearCalendar({
  year,
  days,
  today,
  onPick,
}: {
  year: number;
  days: readonly CalendarDayDto[];
  today: string;
  onPick: (day: CalendarDayDto) => void;
}) {
  const { t } = useTranslation();
  const months = useMemo(() => yearGrid(days), [days]);
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  // react-i18next hands out a new `t` when the language changes, so the titles follow it.
  const titles = useMemo(() => new Map(days.map((d) => [d.date, dayLines(t, d).join('\n')])), [days, t]);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-date]');
    const day = target ? byDate.get(target.dataset.date ?? '') : undefined;
    if (day) onPick(day);
  };

  return (
    <div className="cal-year" role="group" aria-label={t('calendar.grid_label', { year })} onClick={onClick}>
      {months.map((weeks, index) => (
        <section key={index} className="cal-month">
          <div className="cal-month-title">{t(`calendar.months.${index + 1}`)}</div>
          <table className="cal-month-table">
            <thead>
              <tr>
                {WEEKDAYS.map((weekday) => (
                  <th key={weekday} className={weekday >= 6 ? 'cal-weekend-head' : undefined}>
                    {t(`calendar.weekdays.${weekday}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, w) => (
                <tr key={w}>
                  {week.map((day, d) => (
                    <td key={d}>
                      {day && (
                        <button
                          type="button"
                          className={cellClassName(day, today)}
                          data-testid={`calendar-day-${day.date}`}
                          data-class={day.class}
                          data-source={day.source}
                          data-date={day.date}
                          title={titles.get(day.date)}
                        >
                          {Number(day.date.slice(8, 10))}
                        </button>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
});
