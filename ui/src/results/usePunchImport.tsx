// 导入打卡: a ZK attlog.dat or a punch CSV read as bytes, a dry run shown in a confirm dialog (file, punches, new,
// already stored, time range, unknown PIN/工号), then the same bytes imported; a refused file shows the backend's
// message, which lists the bad lines (the file → dry run → confirm steps are `files/useDryRunFile`'s `useDryRunContent`).
import { Alert, App, Button, Descriptions, Modal, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PunchImportReport } from '../bindings/PunchImportReport';
import { toApiError } from '../apiError';
import { useDryRunContent } from '../files/useDryRunFile';
import { currentLanguage, localize } from '../i18n';
import { formatSize, MAX_IMPORT_BYTES, readFileBytes } from '../people/importModel';
import { useImportPunches } from '../queries';

/** Why a punch file was refused: the backend's message (one bad line a line) and any field problems. */
export function PunchProblem({ error, onClose, testId }: { error: unknown; onClose?: () => void; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const apiError = toApiError(error);
  const fields = [...new Set(apiError.fields.map((f) => localize(f.message, lang)))];
  return (
    <Alert
      className="page-block"
      type="error"
      showIcon
      data-testid={testId}
      title={t('results.punches.failed')}
      description={
        <>
          <div className="res-pre-line">{localize(apiError.dto.message, lang)}</div>
          {fields.length > 0 && (
            <ul className="problem-list">
              {fields.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          )}
        </>
      }
      closable={onClose ? { onClose } : undefined}
    />
  );
}

/** What the dry run found, as the confirm dialog shows it. */
function PunchPreview({ report }: { report: PunchImportReport }) {
  const { t } = useTranslation();
  const kind = report.kind === 'attlog' || report.kind === 'csv' ? t(`results.punches.kinds.${report.kind}`) : report.kind;
  return (
    <div data-testid="results-import-preview">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'file', label: t('results.punches.file'), children: <span data-testid="results-import-file">{report.file_name}</span> },
          { key: 'kind', label: t('results.punches.kind'), children: kind },
          { key: 'punches', label: t('results.punches.punches'), children: <span data-testid="results-import-punches">{report.punches}</span> },
          { key: 'added', label: t('results.punches.added'), children: <span data-testid="results-import-added">{report.added}</span> },
          {
            key: 'already',
            label: t('results.punches.already_stored'),
            children: <span data-testid="results-import-already">{report.already_stored}</span>,
          },
          {
            key: 'range',
            label: t('results.punches.range'),
            children:
              report.first !== null && report.last !== null
                ? t('results.punches.range_value', { first: report.first, last: report.last })
                : t('results.punches.range_none'),
          },
        ]}
      />
      {report.punches > 0 && report.added === 0 && (
        <Typography.Paragraph type="secondary" className="res-preview-note">
          {t('results.punches.nothing_new')}
        </Typography.Paragraph>
      )}
      {report.unknown.length > 0 && (
        <Alert
          className="res-preview-note"
          type="warning"
          showIcon
          data-testid="results-import-unknown"
          title={t('results.punches.unknown_title', { count: report.unknown.length })}
          description={
            <>
              <div className="res-unknown-list">
                {report.unknown.map((who) => (
                  <Tag key={who}>{who}</Tag>
                ))}
              </div>
              <Typography.Text type="secondary">{t('results.punches.unknown_help')}</Typography.Text>
            </>
          }
        />
      )}
    </div>
  );
}

/** The 导入打卡 button (with the hidden file input), the confirm dialog, and the notice of a refused file. */
export function usePunchImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importPunches = useImportPunches();
  const file = useDryRunContent<PunchImportReport, number[]>({
    read: (picked) => {
      if (picked.size > MAX_IMPORT_BYTES) {
        return Promise.reject(
          new Error(t('results.punches.too_large', { size: formatSize(picked.size), max: formatSize(MAX_IMPORT_BYTES) })),
        );
      }
      return readFileBytes(picked);
    },
    run: ({ fileName, content, dryRun }) => importPunches.mutateAsync({ fileName, bytes: content, dryRun }),
    readFailed: (detail) => t('results.punches.read_failed', { detail }),
    onApplied: (done) => {
      void message.success(t('results.punches.done', { added: done.added, already: done.already_stored }));
    },
    inputTestId: 'results-import-input',
    accept: '.dat,.csv,.txt',
  });
  const { pending } = file;

  const button = (
    <>
      <Tooltip title={t('results.punches.hint')}>
        <Button icon={<UploadOutlined />} loading={file.reading} onClick={file.pick} data-testid="results-import">
          {t('results.punches.button')}
        </Button>
      </Tooltip>
      {file.input}
    </>
  );

  const dialog = (
    <Modal
      open={pending !== null}
      title={t('results.punches.preview_title')}
      okText={t('results.punches.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: importPunches.isPending, 'data-testid': 'results-import-confirm' } as ButtonProps}
      onOk={() => void file.confirm()}
      onCancel={file.cancel}
      width={620}
      destroyOnHidden
    >
      {pending && (
        <>
          {file.confirmProblem !== null && <PunchProblem error={file.confirmProblem} testId="results-import-confirm-problem" />}
          <PunchPreview report={pending.preview} />
        </>
      )}
    </Modal>
  );

  return {
    button,
    dialog,
    problem:
      file.problem !== null ? <PunchProblem error={file.problem} onClose={file.clearProblem} testId="results-import-problem" /> : null,
  };
}
