// 测试连接's answer: what the terminal says about itself (序列号, 固件, 型号, 人员 and 记录 against capacity, its clock
// against the PC's, the drift, the transport that worked), a drift warning with 校准时间; or why it could not be reached.
import { Alert, Button, Descriptions, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeviceInfoDto } from '../bindings/DeviceInfoDto';
import type { TerminalDto } from '../bindings/TerminalDto';
import { useErrorText } from '../feedback';
import { SkewText, useSkewText } from './parts';

export type TestOutcome = { terminal: TerminalDto; info: DeviceInfoDto } | { terminal: TerminalDto; error: unknown };

export function TestResultDialog({
  outcome,
  onClose,
  onSetTime,
}: {
  outcome: TestOutcome | null;
  onClose: () => void;
  onSetTime: (terminal: TerminalDto) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const skewText = useSkewText();

  let body = null;
  if (outcome && 'info' in outcome) {
    const { info } = outcome;
    const model = [info.platform, info.device_name].filter((x): x is string => !!x).join(' · ');
    body = (
      <>
        <Alert type="success" showIcon className="term-block" title={t('terminals.test.ok')} />
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('terminals.test.serial')}>
            <span data-testid="terminal-test-serial">{info.serial ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.firmware')}>{info.firmware || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.model')}>{model || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.transport')}>{info.transport.toUpperCase()}</Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.users')}>
            <span data-testid="terminal-test-users">
              {t('terminals.test.of_capacity', { count: info.users, capacity: info.user_capacity })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.records')}>
            <span data-testid="terminal-test-records">
              {t('terminals.test.of_capacity', { count: info.records, capacity: info.record_capacity })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.device_time')}>
            <span data-testid="terminal-test-device-time">{info.device_time}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.pc_time')}>
            <span data-testid="terminal-test-pc-time">{info.pc_time}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('terminals.test.skew')} span={2}>
            <SkewText skewSeconds={info.skew_seconds} warning={info.skew_warning} testId="terminal-test-skew" />
          </Descriptions.Item>
          {info.mac && <Descriptions.Item label={t('terminals.test.mac')}>{info.mac}</Descriptions.Item>}
        </Descriptions>
        {info.skew_warning && (
          <Alert
            className="term-block-top"
            type="warning"
            showIcon
            title={t('terminals.skew.warning', { skew: skewText(info.skew_seconds) })}
            action={
              <Button size="small" onClick={() => onSetTime(outcome.terminal)} data-testid="terminal-test-fix-time">
                {t('terminals.actions.time')}
              </Button>
            }
          />
        )}
      </>
    );
  } else if (outcome) {
    body = (
      <Alert
        type="error"
        showIcon
        title={t('terminals.test.failed', { name: outcome.terminal.name })}
        description={errorText(outcome.error)}
        data-testid="terminal-test-error"
      />
    );
  }

  return (
    <Modal
      open={outcome !== null}
      width={720}
      title={outcome ? t('terminals.test.title', { name: outcome.terminal.name }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="terminal-test-close">
          {t('terminals.close')}
        </Button>
      }
    >
      <div data-testid="terminal-test-result">{body}</div>
    </Modal>
  );
}
