// The words for one date: its heading, class with what it means for pay, and why it has that class (festival, 补假, 调休 partner, company note).
import type { TFunction } from 'i18next';
import type { CalendarDayDto } from '../bindings/CalendarDayDto';
import { weekdayOf } from './model';

/** `2026-10-01 星期四`. */
export function dayHeading(t: TFunction, day: Pick<CalendarDayDto, 'date' | 'weekday'>): string {
  return t('calendar.day_heading', { date: day.date, weekday: t(`calendar.weekday_names.${day.weekday}`) });
}

/** `法定节假日（当天上班按 3 倍工资计）`. */
export function classWithPay(t: TFunction, day: Pick<CalendarDayDto, 'class'>): string {
  return `${t(`calendar.classes.${day.class}`)} · ${t(`calendar.class_pay.${day.class}`)}`;
}

/** Why the date has its class, or null for a plain weekday or weekend. */
export function dayReason(t: TFunction, day: CalendarDayDto): string | null {
  const festival = day.festival ?? '';
  const other = day.swapped_with ?? '';
  const weekday = other ? t(`calendar.weekday_names.${weekdayOf(other)}`) : '';
  switch (day.source) {
    case 'substitute':
      return t('calendar.reason.substitute', { festival });
    case 'swapped_rest':
      return t('calendar.reason.swapped_rest', { other, weekday });
    case 'make_up_workday':
      return t('calendar.reason.make_up_workday', { other, weekday });
    case 'company_day_off':
      return t('calendar.reason.company_day_off', { note: day.note ?? '' });
    case 'company_working_day':
      return t('calendar.reason.company_working_day', { note: day.note ?? '' });
    case 'statutory':
    case 'weekday':
    case 'weekend':
      return null;
  }
}

/** Every line about a date, for its tooltip and its dialog. */
export function dayLines(t: TFunction, day: CalendarDayDto): string[] {
  const lines = [dayHeading(t, day), classWithPay(t, day)];
  if (day.festival) lines.push(t('calendar.festival', { festival: day.festival }));
  const reason = dayReason(t, day);
  if (reason) lines.push(reason);
  return lines;
}
