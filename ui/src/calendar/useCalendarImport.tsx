// 导入通知文件: a file input read as text, a dry run shown in a preview dialog, then the real import on confirm.
import { useRef, useState, type ChangeEvent } from 'react';
import { App, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarLoadResult } from '../bindings/CalendarLoadResult';
import { useImportCalendarYear } from '../queries';
import { LoadResultSummary } from './LoadResultSummary';
import { ProblemAlert } from './ProblemAlert';

/** Reads a file as text. UTF-8 first; a file that is not UTF-8 (Notepad's "ANSI" on Chinese Windows) is read again as GB18030. */
export function readFileText(file: Blob): Promise<string> {
  const read = (encoding: string) =>
    new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
      reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
      reader.readAsText(file, encoding);
    });
  return read('utf-8').then((text) => (text.includes('\uFFFD') ? read('gb18030') : text));
}

interface Pending {
  fileName: string;
  text: string;
  preview: CalendarLoadResult;
}

/**
 * The import machinery of the 节假日 page. `pick()` opens the file chooser; `input` (the hidden
 * file input and the preview dialog) and `problem` (why the last file was refused) go into the page.
 */
export function useCalendarImport(onImported: (year: number) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importYear = useImportCalendarYear();
  const inputRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [confirmProblem, setConfirmProblem] = useState<unknown>(null);
  const [reading, setReading] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clear the input so that choosing the same file again (after fixing it) fires another change.
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setReading(true);
    try {
      let text: string;
      try {
        text = await readFileText(file);
      } catch (error) {
        void message.error(t('calendar.import.read_failed', { detail: error instanceof Error ? error.message : String(error) }));
        return;
      }
      const preview = await importYear.mutateAsync({ text, dryRun: true });
      setConfirmProblem(null);
      setPending({ fileName: file.name, text, preview });
    } catch (error) {
      setProblem(error);
    } finally {
      setReading(false);
    }
  };

  const confirm = async () => {
    if (!pending) return;
    setConfirmProblem(null);
    try {
      const done = await importYear.mutateAsync({ text: pending.text, dryRun: false });
      void message.success(t('calendar.import.done', { year: done.year.year }));
      setPending(null);
      onImported(done.year.year);
    } catch (error) {
      setConfirmProblem(error);
    }
  };

  const input = (
    <>
      <input
        ref={inputRef}
        type="file"
        accept=".toml,.txt"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="calendar-import-input"
        onChange={(event) => void onFile(event)}
      />
      <Modal
        open={pending !== null}
        title={pending ? t('calendar.import.preview_title', { year: pending.preview.year.year }) : ''}
        okText={t('calendar.import.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: importYear.isPending, 'data-testid': 'calendar-import-confirm' } as ButtonProps}
        onOk={() => void confirm()}
        onCancel={() => setPending(null)}
        width={720}
        destroyOnHidden
      >
        {pending && (
          <>
            <Typography.Paragraph type="secondary" className="import-file-name">
              {pending.fileName}
            </Typography.Paragraph>
            {confirmProblem !== null && <ProblemAlert error={confirmProblem} title={t('calendar.import.failed')} />}
            <LoadResultSummary result={pending.preview} />
          </>
        )}
      </Modal>
    </>
  );

  const problemAlert =
    problem !== null ? (
      <ProblemAlert
        error={problem}
        title={t('calendar.import.failed')}
        onClose={() => setProblem(null)}
        testId="calendar-import-problem"
      />
    ) : null;

  return {
    pick: () => inputRef.current?.click(),
    busy: reading || importYear.isPending,
    input,
    problem: problemAlert,
  };
}
