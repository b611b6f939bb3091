// The list of terminals: name, address, serial, location, state, last good pull, the schedule, records on the device
// against those stored, quarantined records, clock drift, and the row actions (测试连接, 立即下载, 校准时间, 编辑, 同步记录,
// 人员, 删除).
import { useMemo, type HTMLAttributes } from 'react';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TerminalDto } from '../bindings/TerminalDto';
import { SkewText, StateTag } from './parts';
import { formatInstant } from './terminalModel';

/** The newest drift known for a terminal: from a test or a clock setting made after its last pull. */
export interface FreshSkew {
  skew_seconds: number;
  skew_warning: boolean;
}

export interface TerminalActions {
  onTest: (terminal: TerminalDto) => void;
  onPull: (terminal: TerminalDto) => void;
  onSetTime: (terminal: TerminalDto) => void;
  onEdit: (terminal: TerminalDto) => void;
  onLog: (terminal: TerminalDto) => void;
  onUsers: (terminal: TerminalDto) => void;
  onDelete: (terminal: TerminalDto) => void;
}

export function TerminalTable({
  terminals,
  testing,
  pulling,
  fresh,
  actions,
}: {
  terminals: readonly TerminalDto[];
  /** The terminal being tested, if any. */
  testing: number | null;
  /** The terminal being pulled from this window, if any (one at a time). */
  pulling: number | null;
  fresh: ReadonlyMap<number, FreshSkew>;
  actions: TerminalActions;
}) {
  const { t } = useTranslation();

  const columns = useMemo<TableColumnsType<TerminalDto>>(
    () => [
      {
        key: 'name',
        title: t('terminals.columns.name'),
        width: 150,
        fixed: 'left',
        render: (_, row) => (
          <span className="term-name">
            <strong>{row.name}</strong>
            {row.location && (
              <Typography.Text type="secondary" className="term-groups">
                {row.location}
              </Typography.Text>
            )}
            {row.group_names.length > 0 && (
              <Typography.Text type="secondary" className="term-groups">
                {row.group_names.join(t('terminals.schedule.list_separator'))}
              </Typography.Text>
            )}
          </span>
        ),
      },
      {
        key: 'address',
        title: t('terminals.columns.address'),
        width: 170,
        render: (_, row) => (
          <span className="term-address">
            <span>
              {row.host}:{row.port}
              {row.transport !== 'auto' && <span className="term-muted"> {row.transport.toUpperCase()}</span>}
            </span>
            <Typography.Text type="secondary" className="term-groups" data-testid={`terminal-serial-${row.id}`}>
              {row.serial ? `${t('terminals.columns.serial')} ${row.serial}` : '—'}
            </Typography.Text>
          </span>
        ),
      },
      { key: 'state', title: t('terminals.columns.state'), width: 80, render: (_, row) => <StateTag terminal={row} /> },
      {
        key: 'last_ok',
        title: t('terminals.columns.last_ok'),
        width: 150,
        render: (_, row) => {
          const schedule: string[] = [];
          if (row.every_minutes !== null) schedule.push(t('terminals.schedule.every', { minutes: row.every_minutes }));
          if (row.at_times.length > 0) {
            schedule.push(t('terminals.schedule.at', { times: row.at_times.join(t('terminals.schedule.list_separator')) }));
          }
          return (
            <span className="term-last-ok">
              <span>{row.sync.last_ok_at ? formatInstant(row.sync.last_ok_at) : <span className="term-muted">—</span>}</span>
              <span className="term-schedule" data-testid={`terminal-schedule-${row.id}`}>
                {schedule.length > 0 ? schedule.join(t('terminals.schedule.separator')) : t('terminals.schedule.off')}
              </span>
            </span>
          );
        },
      },
      {
        key: 'records',
        title: (
          <Tooltip title={t('terminals.columns.records_help')}>
            <span className="term-has-tip">{t('terminals.columns.records')}</span>
          </Tooltip>
        ),
        width: 100,
        align: 'right',
        render: (_, row) => (
          <span data-testid={`terminal-records-${row.id}`}>
            {row.sync.device_records ?? '—'} / {row.sync.stored}
          </span>
        ),
      },
      {
        key: 'quarantined',
        title: t('terminals.columns.quarantined'),
        width: 56,
        align: 'right',
        render: (_, row) =>
          row.sync.quarantined > 0 ? (
            <Tooltip title={t('terminals.columns.quarantined_help')}>
              <Button type="link" size="small" className="term-quarantined" onClick={() => actions.onLog(row)}>
                {row.sync.quarantined}
              </Button>
            </Tooltip>
          ) : (
            '0'
          ),
      },
      {
        key: 'skew',
        title: t('terminals.columns.skew'),
        width: 110,
        render: (_, row) => {
          const known = fresh.get(row.id);
          return (
            <SkewText
              skewSeconds={known ? known.skew_seconds : row.sync.skew_seconds}
              warning={known ? known.skew_warning : row.sync.skew_warning}
              testId={`terminal-skew-${row.id}`}
            />
          );
        },
      },
      {
        key: 'actions',
        title: t('common.actions'),
        width: 240,
        fixed: 'right',
        render: (_, row) => {
          const pullBusy = pulling !== null;
          const drift = fresh.get(row.id)?.skew_warning ?? row.sync.skew_warning;
          // A pushing terminal sends its punches by itself: there is nothing to connect to.
          const pushes = row.transport === 'push';
          return (
            <div className="term-actions">
              {pushes && (
                <Tooltip title={t('terminals.actions.pushes_help')}>
                  <Tag color="blue" className="term-push-tag" data-testid={`terminal-pushes-${row.id}`}>
                    {t('terminals.actions.pushes')}
                  </Tag>
                </Tooltip>
              )}
              {!pushes && (
                <>
                  <Button
                    size="small"
                    type="link"
                    loading={testing === row.id}
                    disabled={testing !== null && testing !== row.id}
                    onClick={() => actions.onTest(row)}
                    data-testid={`terminal-test-${row.id}`}
                  >
                    {t('terminals.actions.test')}
                  </Button>
                  <Tooltip title={pullBusy && pulling !== row.id ? t('terminals.actions.pull_busy') : undefined}>
                    <Button
                      size="small"
                      type="link"
                      loading={pulling === row.id}
                      disabled={pullBusy && pulling !== row.id}
                      onClick={() => actions.onPull(row)}
                      data-testid={`terminal-pull-${row.id}`}
                    >
                      {t('terminals.actions.pull')}
                    </Button>
                  </Tooltip>
                  <Tooltip title={drift ? t('terminals.actions.time_needed') : t('terminals.actions.time_help')}>
                    <Button
                      size="small"
                      type="link"
                      danger={drift}
                      icon={drift ? <WarningOutlined /> : undefined}
                      onClick={() => actions.onSetTime(row)}
                      data-testid={`terminal-time-${row.id}`}
                    >
                      {t('terminals.actions.time')}
                    </Button>
                  </Tooltip>
                </>
              )}
              <Button size="small" type="link" onClick={() => actions.onEdit(row)} data-testid={`terminal-edit-${row.id}`}>
                {t('common.edit')}
              </Button>
              <Button size="small" type="link" onClick={() => actions.onLog(row)} data-testid={`terminal-log-${row.id}`}>
                {t('terminals.actions.log')}
              </Button>
              {!pushes && (
                <Button size="small" type="link" onClick={() => actions.onUsers(row)} data-testid={`terminal-users-${row.id}`}>
                  {t('terminals.actions.users')}
                </Button>
              )}
              <Button
                size="small"
                danger
                type="link"
                onClick={() => actions.onDelete(row)}
                data-testid={`terminal-delete-${row.id}`}
              >
                {t('common.delete')}
              </Button>
            </div>
          );
        },
      },
    ],
    [t, actions, testing, pulling, fresh],
  );

  return (
    <div data-testid="terminal-table">
      <Table<TerminalDto>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={[...terminals]}
        pagination={false}
        scroll={{ x: 1056 }}
        rowClassName={(row) => (row.enabled ? 'term-row' : 'term-row term-row--disabled')}
        onRow={(row) => ({ 'data-testid': `terminal-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
