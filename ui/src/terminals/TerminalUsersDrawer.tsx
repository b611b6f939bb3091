// 人员 of one terminal in a drawer (#/terminals/<id>/users): the users enrolled on it (考勤号码, 机内姓名, 卡号, 权限) and who
// they are on the roster (对应人员, or 未对应 with a one-click 设为 <工号> 的考勤号码 when a person without a PIN has that
// exact name), a summary and 只看未对应, and 把人员写入考勤机 (asked first) with what it did. Reading the list connects to
// the terminal: a loading state, and the terminal's error with 重试. A terminal that cannot be reached can be read from
// the user.dat of its USB export instead (读取 U 盘文件): the same list, marked as coming from the file.
import { useCallback, useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Spin, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { CloudUploadOutlined, ReloadOutlined, UsbOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TerminalDto } from '../bindings/TerminalDto';
import type { TerminalUserDto } from '../bindings/TerminalUserDto';
import type { UploadReport } from '../bindings/UploadReport';
import { useErrorText, useShowError } from '../feedback';
import { useEditEmployee, useTerminalUsers, useUploadEmployees, useUsersFromFile } from '../queries';
import { readFileBytes } from '../people/importModel';
import { hashFor } from '../router';
import { countUsers, isMatched, privilegeKey } from './terminalModel';

export function TerminalUsersDrawer({
  terminalId,
  known,
  onClose,
}: {
  /** The terminal whose users are open; undefined: the drawer is closed. */
  terminalId: number | undefined;
  /** The terminal from the list, when it has it (for the titles). */
  known?: TerminalDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={terminalId !== undefined}
      size={960}
      title={known ? t('terminals.users.title', { name: known.name }) : t('terminals.users.title_plain')}
      onClose={onClose}
      destroyOnHidden
    >
      {terminalId !== undefined && <UsersBody key={terminalId} terminalId={terminalId} known={known} />}
    </Drawer>
  );
}

function UsersBody({ terminalId, known }: { terminalId: number; known?: TerminalDto }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const errorText = useErrorText();
  const users = useTerminalUsers(terminalId);
  const refetchUsers = users.refetch;
  const edit = useEditEmployee();
  const editEmployee = edit.mutateAsync;
  const upload = useUploadEmployees();
  const [unmatchedOnly, setUnmatchedOnly] = useState(false);
  const [adopting, setAdopting] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<UploadReport | null>(null);
  // The users read from a USB export's user.dat instead of the terminal, with the file to read again after a change.
  const fromFile = useUsersFromFile();
  const readFromFile = fromFile.mutateAsync;
  const [file, setFile] = useState<{ name: string; bytes: number[]; users: TerminalUserDto[] } | null>(null);
  const nameCodec = known?.name_codec ?? null;
  const loadFile = useCallback(
    async (name: string, bytes: number[]) => {
      try {
        setFile({ name, bytes, users: await readFromFile({ fileName: name, bytes, nameCodec }) });
      } catch (error) {
        showError(error);
      }
    },
    [readFromFile, nameCodec, showError],
  );
  const refresh = useCallback(
    () => (file ? loadFile(file.name, file.bytes) : refetchUsers().then(() => undefined)),
    [file, loadFile, refetchUsers],
  );

  const columns = useMemo<TableColumnsType<TerminalUserDto>>(() => {
    const adopt = async (user: TerminalUserDto) => {
      if (user.suggestion_id === null) return;
      setAdopting(user.pin);
      try {
        const employee = await editEmployee({ id: user.suggestion_id, pin: user.pin });
        void message.success(t('terminals.users.adopted', { pin: user.pin, no: employee.employee_no, name: employee.name }));
        void refresh();
      } catch (error) {
        showError(error);
      } finally {
        setAdopting(null);
      }
    };
    return [
      { key: 'pin', title: t('terminals.users.columns.pin'), width: 100, dataIndex: 'pin' },
      { key: 'name', title: t('terminals.users.columns.name'), width: 140, dataIndex: 'name' },
      {
        key: 'card',
        title: t('terminals.users.columns.card'),
        width: 120,
        render: (_, row) => row.card ?? <span className="term-muted">—</span>,
      },
      {
        key: 'privilege',
        title: t('terminals.users.columns.privilege'),
        width: 100,
        render: (_, row) => {
          const key = privilegeKey(row.privilege);
          return key ? t(`terminals.users.privileges.${key}`) : String(row.privilege);
        },
      },
      {
        key: 'employee',
        title: t('terminals.users.columns.employee'),
        render: (_, row) => {
          if (isMatched(row)) {
            return (
              <span data-testid={`terminal-user-employee-${row.pin}`}>
                {row.employee_no} {row.employee_name}
              </span>
            );
          }
          return (
            <span className="term-user-unmatched">
              <Tag color="orange" className="term-user-tag">
                {t('terminals.users.unmatched')}
              </Tag>
              {row.suggestion_id !== null ? (
                <Tooltip
                  title={t('terminals.users.adopt_help', { no: row.suggestion_no ?? '', name: row.name, pin: row.pin })}
                >
                  <Button
                    size="small"
                    loading={adopting === row.pin}
                    disabled={adopting !== null && adopting !== row.pin}
                    onClick={() => void adopt(row)}
                    data-testid={`terminal-user-adopt-${row.pin}`}
                  >
                    {t('terminals.users.adopt', { no: row.suggestion_no ?? '' })}
                  </Button>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary" className="term-user-hint" data-testid={`terminal-user-hint-${row.pin}`}>
                  {t('terminals.users.no_match_help', { pin: row.pin })}{' '}
                  <a href={hashFor('people')}>{t('terminals.users.go_people')}</a>
                </Typography.Text>
              )}
            </span>
          );
        },
      },
    ];
  }, [t, adopting, editEmployee, message, refresh, showError]);

  const askUpload = () => {
    modal.confirm({
      title: known ? t('terminals.users.upload_title', { name: known.name }) : t('terminals.users.upload'),
      content: (
        <div data-testid="terminal-upload-explain">
          <p>{t('terminals.users.upload_body')}</p>
          <p>{t('terminals.users.upload_keep')}</p>
          <p>{t('terminals.users.upload_bio')}</p>
        </div>
      ),
      okText: t('terminals.users.upload_ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'terminal-upload-confirm' },
      cancelButtonProps: { 'data-testid': 'terminal-upload-cancel' },
      onOk: async () => {
        setUploaded(null);
        try {
          setUploaded(await upload.mutateAsync({ id: terminalId, employeeIds: null }));
        } catch (error) {
          showError(error);
        }
      },
    });
  };

  const list = file ? file.users : (users.data ?? []);
  const counts = countUsers(list);
  const shown = unmatchedOnly ? list.filter((user) => !isMatched(user)) : list;

  let body;
  if (file) {
    body = null;
  } else if (users.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        title={t('terminals.users.failed')}
        description={errorText(users.error)}
        data-testid="terminal-users-error"
        action={
          <Button
            size="small"
            loading={file ? fromFile.isPending : users.isFetching}
            onClick={() => void users.refetch()}
            data-testid="terminal-users-retry"
          >
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (!users.data) {
    body = (
      <div className="term-users-loading" data-testid="terminal-users-loading">
        <Spin />
        <Typography.Text type="secondary">{t('terminals.users.loading')}</Typography.Text>
      </div>
    );
  }
  if (file || (!users.isError && users.data)) {
    body = (
      <>
        {file && (
          <Alert
            type="info"
            showIcon
            className="term-block"
            title={t('terminals.users.from_file', { name: file.name })}
            data-testid="terminal-users-from-file"
            action={
              <Button size="small" onClick={() => setFile(null)} data-testid="terminal-users-from-terminal">
                {t('terminals.users.from_terminal')}
              </Button>
            }
          />
        )}
        <div className="term-users-bar">
          <Typography.Text data-testid="terminal-users-summary">
            {t('terminals.users.summary', counts)}
          </Typography.Text>
          <Checkbox
            checked={unmatchedOnly}
            onChange={(event) => setUnmatchedOnly(event.target.checked)}
            data-testid="terminal-users-unmatched-only"
          >
            {t('terminals.users.unmatched_only')}
          </Checkbox>
        </div>
        <div data-testid="terminal-users-table">
          <Table<TerminalUserDto>
            size="small"
            rowKey="pin"
            columns={columns}
            dataSource={shown}
            loading={users.isFetching}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: unmatchedOnly && list.length > 0 ? t('terminals.users.none_unmatched') : t('terminals.users.empty') }}
            onRow={(row) => ({ 'data-testid': `terminal-user-${row.pin}` }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      </>
    );
  }

  return (
    <div data-testid="terminal-users-drawer">
      <div className="term-toolbar">
        <Typography.Text type="secondary" className="term-intro">
          {t('terminals.users.intro')}
        </Typography.Text>
        <Button
          icon={<ReloadOutlined />}
          disabled={users.isFetching || fromFile.isPending}
          onClick={() => void refresh()}
          data-testid="terminal-users-refresh"
        >
          {t('terminals.users.refresh')}
        </Button>
        <Upload
          accept=".dat"
          showUploadList={false}
          beforeUpload={(chosen) => {
            void readFileBytes(chosen).then((bytes) => loadFile(chosen.name, bytes));
            return false;
          }}
        >
          <Button icon={<UsbOutlined />} loading={fromFile.isPending} data-testid="terminal-users-file">
            {t('terminals.users.read_file')}
          </Button>
        </Upload>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          loading={upload.isPending}
          onClick={askUpload}
          data-testid="terminal-upload"
        >
          {t('terminals.users.upload')}
        </Button>
      </div>
      {uploaded && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setUploaded(null) }}
          className="term-block"
          title={t('terminals.users.upload_done', {
            written: uploaded.written,
            added: uploaded.added,
            without_pin: uploaded.without_pin,
          })}
          data-testid="terminal-upload-result"
        />
      )}
      {body}
    </div>
  );
}
