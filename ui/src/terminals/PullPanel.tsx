// 立即下载 on the page: while it runs, a progress bar with the stage (连接中 / 读取中 in KB / 保存中 in records); then what
// the pull did (读到, 新增, 已有, 隔离), the PINs no one has yet, a drift warning with 校准时间, whether the terminal's log
// was cleared (or why not); or why it failed.
import { Alert, Button, Card, Progress, Tag, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PullProgress } from '../bindings/PullProgress';
import type { PullReport } from '../bindings/PullReport';
import type { TerminalDto } from '../bindings/TerminalDto';
import { useErrorText } from '../feedback';
import { currentLanguage, localize } from '../i18n';
import { useSkewText } from './parts';
import { formatKb, pullPercent } from './terminalModel';

export type PullSession =
  | { terminal: TerminalDto; running: true; progress: PullProgress | null }
  | { terminal: TerminalDto; running: false; report: PullReport }
  | { terminal: TerminalDto; running: false; error: unknown };

/** The words under the bar: the stage and how far it is. */
function useStageText(): (progress: PullProgress | null) => string {
  const { t } = useTranslation();
  return (progress) => {
    if (!progress || progress.stage === 'connecting') return t('terminals.pull.connecting');
    if (progress.stage === 'reading') {
      return progress.total > 0
        ? t('terminals.pull.reading', { done: formatKb(progress.done), total: formatKb(progress.total) })
        : t('terminals.pull.reading_unknown', { done: formatKb(progress.done) });
    }
    if (progress.stage === 'saving') return t('terminals.pull.saving', { done: progress.done, total: progress.total });
    return progress.stage;
  };
}

export function PullPanel({
  session,
  onClose,
  onSetTime,
  onShowLog,
}: {
  session: PullSession;
  onClose: () => void;
  onSetTime: (terminal: TerminalDto) => void;
  onShowLog: (terminal: TerminalDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const stageText = useStageText();
  const skewText = useSkewText();
  const errorText = useErrorText();
  const { terminal } = session;

  if (session.running) {
    return (
      <Card size="small" className="term-block" title={t('terminals.pull.running_title', { name: terminal.name })}>
        <div className="term-progress" data-testid="terminal-pull-progress" data-stage={session.progress?.stage ?? 'connecting'}>
          <Progress percent={pullPercent(session.progress)} status="active" />
          <Typography.Text type="secondary" data-testid="terminal-pull-stage">
            {stageText(session.progress)}
          </Typography.Text>
        </div>
      </Card>
    );
  }

  const close = (
    <Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('terminals.close')} data-testid="terminal-pull-close" />
  );

  if ('error' in session) {
    return (
      <Alert
        className="term-block"
        type="error"
        showIcon
        title={t('terminals.pull.failed_title', { name: terminal.name })}
        description={errorText(session.error)}
        action={close}
        data-testid="terminal-pull-error"
      />
    );
  }

  const { report } = session;
  return (
    <Card size="small" className="term-block" title={t('terminals.pull.done_title', { name: report.terminal || terminal.name })} extra={close}>
      <div data-testid="terminal-pull-result" className="term-pull-result">
        <Typography.Paragraph strong data-testid="terminal-pull-summary" className="term-pull-summary">
          {t('terminals.pull.summary', {
            records: report.records,
            added: report.added,
            already: report.already_stored,
            quarantined: report.quarantined,
          })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t('terminals.pull.device', {
            count: report.device_records,
            kb: formatKb(report.bytes),
            transport: report.transport.toUpperCase(),
          })}
          {report.added > 0 && ` ${t('terminals.pull.compute_hint')}`}
        </Typography.Paragraph>
        {report.quarantined > 0 && (
          <Alert
            className="term-block"
            type="warning"
            showIcon
            title={t('terminals.pull.quarantined', { count: report.quarantined })}
            action={
              <Button size="small" onClick={() => onShowLog(terminal)} data-testid="terminal-pull-show-quarantine">
                {t('terminals.pull.show_quarantine')}
              </Button>
            }
          />
        )}
        {report.unknown_pins.length > 0 && (
          <Alert
            className="term-block"
            type="warning"
            showIcon
            title={t('terminals.pull.unknown_title', { count: report.unknown_pins.length })}
            description={
              <div data-testid="terminal-pull-unknown">
                <div className="term-pins">
                  {report.unknown_pins.map((pin) => (
                    <Tag key={pin}>{pin}</Tag>
                  ))}
                </div>
                <Typography.Text type="secondary">{t('terminals.pull.unknown_help')}</Typography.Text>
              </div>
            }
          />
        )}
        {report.skew_warning && (
          <Alert
            className="term-block"
            type="warning"
            showIcon
            title={t('terminals.skew.warning', { skew: skewText(report.skew_seconds) })}
            data-testid="terminal-pull-skew"
            action={
              <Button size="small" onClick={() => onSetTime(terminal)} data-testid="terminal-pull-fix-time">
                {t('terminals.actions.time')}
              </Button>
            }
          />
        )}
        {report.cleared && (
          <Alert className="term-block" type="success" showIcon title={t('terminals.pull.cleared')} data-testid="terminal-pull-cleared" />
        )}
        {report.clear_refused && (
          <Alert
            className="term-block"
            type="info"
            showIcon
            title={t('terminals.pull.clear_refused', { reason: localize(report.clear_refused, lang) })}
            data-testid="terminal-pull-clear-refused"
          />
        )}
      </div>
    </Card>
  );
}
