// 考勤机: the terminals on the LAN with their sync status (#/terminals), 添加/编辑 in a dialog, 测试连接 (the device's
// answer in a dialog), 立即下载 (a progress bar fed by the backend's channel, then what the pull did), 校准时间 (asked
// first), 删除 (refused once pulled: 停用 offered instead), a terminal's 同步记录 in a drawer (#/terminals/<id>/log), and
// the users on a terminal (人员: matched to the roster, 把人员写入考勤机) in another (#/terminals/<id>/users), and
// 推送接收 for terminals that push (ReceiverCard).
import { useCallback, useMemo, useState } from 'react';
import { App, Button, Empty, Skeleton, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DeviceInfoDto } from '../bindings/DeviceInfoDto';
import type { TerminalDto } from '../bindings/TerminalDto';
import { toApiError } from '../apiError';
import { LoadError, useErrorText, useShowError } from '../feedback';
import {
  useDeleteTerminal,
  usePullTerminal,
  useSaveTerminal,
  useSetTerminalTime,
  useTerminals,
  useOverview,
  useTestTerminal,
} from '../queries';
import { navigate, useTerminalsPlace } from '../router';
import { useSkewText } from './parts';
import { PullPanel, type PullSession } from './PullPanel';
import { ReceiverCard } from './ReceiverCard';
import { SyncLogDrawer } from './SyncLogDrawer';
import { TerminalUsersDrawer } from './TerminalUsersDrawer';
import { TerminalFormDialog } from './TerminalFormDialog';
import { TerminalTable, type FreshSkew, type TerminalActions } from './TerminalTable';
import { TestResultDialog, type TestOutcome } from './TestResultDialog';
import { withEnabled } from './terminalModel';
import './terminals.css';

export function TerminalsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const errorText = useErrorText();
  const skewText = useSkewText();
  const [{ logOf, usersOf }, goTo] = useTerminalsPlace();
  const terminals = useTerminals();
  const save = useSaveTerminal();
  const remove = useDeleteTerminal();
  const test = useTestTerminal();
  const setTime = useSetTerminalTime();
  const pull = usePullTerminal();
  // Read now, so that 添加考勤机 opens on the company's zone.
  useOverview();

  const [editing, setEditing] = useState<{ terminal?: TerminalDto } | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [testOutcome, setTestOutcome] = useState<TestOutcome | null>(null);
  const [session, setSession] = useState<PullSession | null>(null);
  // Drift measured by a test or a clock setting since the list's last pull: newer than what the list says.
  const [fresh, setFresh] = useState<ReadonlyMap<number, FreshSkew>>(new Map());

  const remember = useCallback((id: number, info: DeviceInfoDto | null) => {
    setFresh((old) => {
      const next = new Map(old);
      if (info) next.set(id, { skew_seconds: info.skew_seconds, skew_warning: info.skew_warning });
      else next.delete(id);
      return next;
    });
  }, []);

  const runTest = useCallback(
    async (terminal: TerminalDto) => {
      setTesting(terminal.id);
      try {
        const info = await test.mutateAsync(terminal.id);
        remember(terminal.id, info);
        setTestOutcome({ terminal, info });
      } catch (error) {
        setTestOutcome({ terminal, error });
      } finally {
        setTesting(null);
      }
    },
    [test, remember],
  );

  const askSetTime = useCallback(
    (terminal: TerminalDto) => {
      modal.confirm({
        title: t('terminals.time.confirm_title'),
        content: t('terminals.time.confirm_body', { name: terminal.name, zone: t(`timezones.${terminal.tz}`) }),
        okText: t('terminals.actions.time'),
        cancelText: t('common.cancel'),
        okButtonProps: { 'data-testid': 'terminal-time-confirm' },
        cancelButtonProps: { 'data-testid': 'terminal-time-cancel' },
        onOk: async () => {
          try {
            const info = await setTime.mutateAsync(terminal.id);
            remember(terminal.id, info);
            setTestOutcome((shown) => (shown && shown.terminal.id === terminal.id && 'info' in shown ? { terminal, info } : shown));
            void message.success(
              t('terminals.time.done', { name: terminal.name, time: info.device_time, skew: skewText(info.skew_seconds) }),
            );
          } catch (error) {
            showError(error);
          }
        },
      });
    },
    [modal, t, setTime, remember, message, skewText, showError],
  );

  const runPull = useCallback(
    async (terminal: TerminalDto) => {
      setSession({ terminal, running: true, progress: null });
      try {
        const report = await pull.mutateAsync({
          id: terminal.id,
          onProgress: (progress) => setSession((s) => (s && s.running && s.terminal.id === terminal.id ? { ...s, progress } : s)),
        });
        remember(terminal.id, null);
        setSession({ terminal, running: false, report });
      } catch (error) {
        setSession({ terminal, running: false, error });
      }
    },
    [pull, remember],
  );

  const disable = useCallback(
    async (terminal: TerminalDto) => {
      try {
        await save.mutateAsync(withEnabled(terminal, false));
        void message.success(t('terminals.delete.disabled', { name: terminal.name }));
      } catch (error) {
        showError(error);
      }
    },
    [save, message, t, showError],
  );

  const askDelete = useCallback(
    (terminal: TerminalDto) => {
      modal.confirm({
        title: t('terminals.delete.confirm_title', { name: terminal.name }),
        content: t('terminals.delete.confirm_body'),
        okText: t('common.delete'),
        okButtonProps: { danger: true, 'data-testid': 'terminal-delete-confirm' },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await remove.mutateAsync(terminal.id);
            void message.success(t('terminals.delete.deleted', { name: terminal.name }));
            if (logOf === terminal.id || usersOf === terminal.id) goTo({});
          } catch (error) {
            const apiError = toApiError(error);
            if (apiError.code !== 'invalid_input') {
              showError(apiError);
              return;
            }
            const content = (
              <div data-testid="terminal-delete-problem">
                <p>{errorText(apiError)}</p>
                {terminal.enabled && <p>{t('terminals.delete.refused_offer')}</p>}
              </div>
            );
            const title = t('terminals.delete.refused_title', { name: terminal.name });
            if (terminal.enabled) {
              modal.confirm({
                title,
                content,
                okText: t('terminals.delete.disable'),
                okButtonProps: { 'data-testid': 'terminal-disable' },
                cancelText: t('terminals.close'),
                onOk: () => disable(terminal),
              });
            } else {
              modal.error({ title, content, okText: t('terminals.close') });
            }
          }
        },
      });
    },
    [modal, t, remove, message, logOf, usersOf, goTo, showError, errorText, disable],
  );

  const actions = useMemo<TerminalActions>(
    () => ({
      onTest: (terminal) => void runTest(terminal),
      onPull: (terminal) => void runPull(terminal),
      onSetTime: askSetTime,
      onEdit: (terminal) => setEditing({ terminal }),
      onLog: (terminal) => goTo({ logOf: terminal.id }),
      onUsers: (terminal) => goTo({ usersOf: terminal.id }),
      onDelete: askDelete,
    }),
    [runTest, runPull, askSetTime, goTo, askDelete],
  );

  const list = terminals.data ?? [];
  const pulling = session?.running ? session.terminal.id : null;

  let body;
  if (terminals.isError) {
    body = <LoadError error={terminals.error} onRetry={() => void terminals.refetch()} />;
  } else if (!terminals.data) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else if (list.length === 0) {
    body = (
      <Empty data-testid="terminal-empty" description={t('terminals.empty.title')} className="term-empty">
        <ol className="term-empty-steps">
          <li>{t('terminals.empty.step1')}</li>
          <li>{t('terminals.empty.step2')}</li>
          <li>{t('terminals.empty.step3')}</li>
        </ol>
        <Typography.Paragraph type="secondary">{t('terminals.empty.usb')}</Typography.Paragraph>
        <div className="term-empty-actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="terminal-empty-add">
            {t('terminals.add')}
          </Button>
          <Button onClick={() => navigate('results')} data-testid="terminal-go-results">
            {t('terminals.empty.go_results')}
          </Button>
        </div>
      </Empty>
    );
  } else {
    body = (
      <>
        <Typography.Text type="secondary" className="term-count" data-testid="terminal-count">
          {t('terminals.count', { count: list.length })}
        </Typography.Text>
        <TerminalTable
          terminals={list}
          testing={testing}
          pulling={pulling}
          fresh={fresh}
          actions={actions}
        />
      </>
    );
  }

  return (
    <div className="page term-page">
      <Typography.Title level={3}>{t('nav.terminals')}</Typography.Title>
      <div className="term-toolbar">
        <Typography.Text type="secondary" className="term-intro">
          {t('terminals.intro')}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={() => void terminals.refetch()} data-testid="terminal-refresh">
          {t('terminals.refresh')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="terminal-add">
          {t('terminals.add')}
        </Button>
      </div>
      {session && (
        <PullPanel
          session={session}
          onClose={() => setSession(null)}
          onSetTime={askSetTime}
          onShowLog={(terminal) => goTo({ logOf: terminal.id })}
        />
      )}
      {body}
      <ReceiverCard />
      {editing && <TerminalFormDialog terminal={editing.terminal} onClose={() => setEditing(null)} />}
      <TestResultDialog outcome={testOutcome} onClose={() => setTestOutcome(null)} onSetTime={askSetTime} />
      <SyncLogDrawer terminalId={logOf} known={list.find((x) => x.id === logOf)} onClose={() => goTo({})} />
      <TerminalUsersDrawer terminalId={usersOf} known={list.find((x) => x.id === usersOf)} onClose={() => goTo({})} />
    </div>
  );
}
