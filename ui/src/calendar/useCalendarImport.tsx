// 导入通知文件: a file input read as text, a dry run shown in a preview dialog, then the real import on confirm
// (the file → dry run → confirm steps are `useDryRunFile`; this adds the dialog and the problem notice).
import { App, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDryRunFile } from '../files/useDryRunFile';
import { useImportCalendarYear } from '../queries';
import { LoadResultSummary } from './LoadResultSummary';
import { ProblemAlert } from './ProblemAlert';

/**
 * The import machinery of the 节假日 page. `pick()` opens the file chooser; `input` (the hidden
 * file input and the preview dialog) and `problem` (why the last file was refused) go into the page.
 */
export function useCalendarImport(onImported: (year: number) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importYear = useImportCalendarYear();
  const file = useDryRunFile({
    run: (request) => importYear.mutateAsync(request),
    readFailed: (detail) => t('calendar.import.read_failed', { detail }),
    onApplied: (done) => {
      void message.success(t('calendar.import.done', { year: done.year.year }));
      onImported(done.year.year);
    },
    inputTestId: 'calendar-import-input',
  });
  const { pending } = file;

  const input = (
    <>
      {file.input}
      <Modal
        open={pending !== null}
        title={pending ? t('calendar.import.preview_title', { year: pending.preview.year.year }) : ''}
        okText={t('calendar.import.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: importYear.isPending, 'data-testid': 'calendar-import-confirm' } as ButtonProps}
        onOk={() => void file.confirm()}
        onCancel={file.cancel}
        width={720}
        destroyOnHidden
      >
        {pending && (
          <>
            <Typography.Paragraph type="secondary" className="import-file-name">
              {pending.fileName}
            </Typography.Paragraph>
            {file.confirmProblem !== null && <ProblemAlert error={file.confirmProblem} title={t('calendar.import.failed')} />}
            <LoadResultSummary result={pending.preview} />
          </>
        )}
      </Modal>
    </>
  );

  const problemAlert =
    file.problem !== null ? (
      <ProblemAlert
        error={file.problem}
        title={t('calendar.import.failed')}
        onClose={file.clearProblem}
        testId="calendar-import-problem"
      />
    ) : null;

  return {
    pick: file.pick,
    busy: file.reading || importYear.isPending,
    input,
    problem: problemAlert,
  };
}
