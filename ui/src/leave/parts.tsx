// Pieces shared by the 请假 views: the type tag (on-duty types marked 算出勤), a type's rules as tags, the
// Enter-submits handler of the dialogs, and the problem list of a refusal.
import type { KeyboardEvent } from 'react';
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeaveTypeDto } from '../bindings/LeaveTypeDto';
import { asUnit, formatAmount } from './leaveModel';

/** A leave type's name as a tag; 外出/出差 (on duty) carry a second tag 算出勤. */
export function LeaveTypeTag({ name, type }: { name: string; type?: LeaveTypeDto }) {
  const { t } = useTranslation();
  return (
    <span className="leave-type-tag">
      <Tag color={type?.on_duty ? 'green' : 'blue'}>{name}</Tag>
      {type?.on_duty && (
        <Tag color="green" className="leave-on-duty" title={t('leave.types.on_duty_help')}>
          {t('leave.types.on_duty_tag')}
        </Tag>
      )}
    </span>
  );
}

/** A type's rules as tags: unit, rest days, on duty, paid, balance, yearly grant, carry-over. */
export function LeaveTypeRules({ type }: { type: LeaveTypeDto }) {
  const { t } = useTranslation();
  const unit = asUnit(type.unit);
  const inUnit = (amount: number) =>
    unit === 'hour' ? t('leave.amount.hours', { amount: formatAmount(amount) }) : t('leave.amount.days', { amount: formatAmount(amount) });
  return (
    <span className="leave-rules">
      <Tag>{t(`leave.units.${unit}`)}</Tag>
      {type.counts_rest_days ? (
        <Tag color="orange">{t('leave.types.rule_counts_rest')}</Tag>
      ) : (
        <Tag>{t('leave.types.rule_skips_rest')}</Tag>
      )}
      {type.on_duty && <Tag color="green">{t('leave.types.on_duty_tag')}</Tag>}
      {type.paid ? <Tag color="cyan">{t('leave.types.rule_paid')}</Tag> : <Tag color="red">{t('leave.types.rule_unpaid')}</Tag>}
      {type.tracks_balance && <Tag color="purple">{t('leave.types.rule_balance')}</Tag>}
      {type.tracks_balance && type.annual_grant !== null && (
        <Tag>{t('leave.types.rule_annual', { amount: inUnit(type.annual_grant) })}</Tag>
      )}
      {type.tracks_balance && type.max_carry_over !== null && (
        <Tag>{t('leave.types.rule_carry', { amount: inUnit(type.max_carry_over) })}</Tag>
      )}
      {type.tracks_balance && type.carry_over_expires !== '' && (
        <Tag>{t('leave.types.rule_expires', { date: type.carry_over_expires })}</Tag>
      )}
    </span>
  );
}

const OPEN_POPUP =
  '.ant-picker-dropdown:not(.ant-picker-dropdown-hidden), .ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/**
 * A keydown handler for the content of a dialog: Enter in a text or date field submits (once the
 * date popup is closed: the first Enter takes the typed date). Selects keep Enter for their options.
 */
export function enterSubmits(submit: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.shiftKey) return;
    const target = event.target as HTMLElement;
    if (!(target instanceof HTMLInputElement)) return;
    if (target.closest('.ant-select')) return;
    if (target.type === 'checkbox' || target.type === 'radio') return;
    if (target.closest('.ant-picker') && document.querySelector(OPEN_POPUP)) return;
    event.preventDefault();
    submit();
  };
}

/** An error Alert listing every message of a refusal. */
export function ProblemAlert({ title, problems, testId }: { title: string; problems: readonly string[]; testId: string }) {
  return (
    <Alert
      className="leave-block"
      type="error"
      showIcon
      title={title}
      description={
        <ul className="leave-problem-list" data-testid={testId}>
          {problems.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      }
    />
  );
}
