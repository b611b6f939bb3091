// Small pieces of 考勤机 shared by the list, the pull result, the test result and the sync log: the state tag, a pull's
// outcome tag, clock drift in words (red with a warning icon past a minute), and the words of a drift.
import { useCallback } from 'react';
import { Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TerminalDto } from '../bindings/TerminalDto';
import { currentLanguage, localize } from '../i18n';
import { asSyncState, durationParts, formatInstant, skewDirection, syncStateColor } from './terminalModel';

/** A drift in words: `快 2 分 5 秒`, `慢 30 秒`, `一致`. */
export function useSkewText(): (skewSeconds: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (skewSeconds: number) => {
      const direction = skewDirection(skewSeconds);
      if (direction === 'same') return t('terminals.skew.same');
      const { key, values } = durationParts(skewSeconds);
      return t(`terminals.skew.${direction}`, { amount: t(`terminals.duration.${key}`, values) });
    },
    [t],
  );
}

/** 状态 of a terminal: 已停用 when disabled, else the sync state, with why in a tooltip. */
export function StateTag({ terminal }: { terminal: TerminalDto }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const { sync } = terminal;
  const state = asSyncState(sync.state);
  const shown = terminal.enabled ? state : 'disabled';

  let help: string;
  if (!terminal.enabled) help = t('terminals.state_help.disabled');
  else if (state === 'failed') {
    const error = sync.last_error ? localize(sync.last_error, lang) : '';
    help = t('terminals.state_help.failed', { error });
    if (sync.failing_since) help += ` ${t('terminals.state_help.failing_since', { since: formatInstant(sync.failing_since) })}`;
  } else if (state === 'ok') {
    help = sync.synced_until
      ? t('terminals.state_help.ok_until', { until: sync.synced_until })
      : t('terminals.state_help.ok');
  } else help = t(`terminals.state_help.${state}`);

  return (
    <Tooltip title={help}>
      <Tag
        color={terminal.enabled ? syncStateColor(state) : undefined}
        className="term-state"
        data-state={shown}
        data-testid={`terminal-state-${terminal.id}`}
      >
        {t(`terminals.states.${shown}`)}
      </Tag>
    </Tooltip>
  );
}

/** A pull's outcome in the sync log: 成功, 失败, 下载中, 中断. */
export function OutcomeTag({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  const state = asSyncState(outcome);
  const known = state === 'ok' || state === 'failed' || state === 'running' || state === 'interrupted';
  return (
    <Tag color={syncStateColor(state)} className="term-outcome" data-outcome={outcome}>
      {known ? t(`terminals.log.outcomes.${state}`) : outcome}
    </Tag>
  );
}

/** A drift as words; red with a warning icon and why in a tooltip when past the limit. Nothing known: `—`. */
export function SkewText({
  skewSeconds,
  warning,
  testId,
}: {
  skewSeconds: number | null | undefined;
  warning: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const skewText = useSkewText();
  if (skewSeconds === null || skewSeconds === undefined) {
    return (
      <span className="term-muted" data-testid={testId}>
        —
      </span>
    );
  }
  const text = skewText(skewSeconds);
  if (!warning) return <span data-testid={testId}>{text}</span>;
  return (
    <Tooltip title={t('terminals.skew.warning', { skew: text })}>
      <span className="term-skew-warning" data-testid={testId} data-warning="true">
        <WarningOutlined /> {text}
      </span>
    </Tooltip>
  );
}
