// A file sent for a dry run before it is applied, shared by 导入设置文件 (班次) and 导入通知文件 (节假日) as text, and by
// 导入打卡 (考勤结果) as bytes: the hidden file input, reading the file, the dry run, the previewed file waiting for 确认,
// the real run and the problems of each.
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { App } from 'antd';

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

/** A file whose dry run succeeded, waiting for 确认 (`C` is what was read: text or bytes). */
export interface DryRunPendingContent<R, C> {
  fileName: string;
  content: C;
  preview: R;
}

/** A text file whose dry run succeeded, waiting for 确认. */
export interface DryRunPending<R> {
  fileName: string;
  text: string;
  preview: R;
}

interface CommonOptions<R> {
  /** The message shown when the file cannot be read at all (the browser's reason as `detail`). */
  readFailed: (detail: string) => string;
  /** After the real run succeeded (the preview is already closed). */
  onApplied: (result: R) => void;
  /** `data-testid` of the hidden file input. */
  inputTestId: string;
  accept?: string;
}

export interface DryRunFileOptions<R> extends CommonOptions<R> {
  /** Sends the text: first with `dryRun: true` for the preview, then, on `confirm()`, with `dryRun: false`. */
  run: (request: { text: string; dryRun: boolean }) => Promise<R>;
}

export interface DryRunContentOptions<R, C> extends CommonOptions<R> {
  /** Reads the chosen file; a rejection is shown with `readFailed` (its message as `detail`). */
  read: (file: File) => Promise<C>;
  /** Sends what was read: first with `dryRun: true` for the preview, then, on `confirm()`, the same with `dryRun: false`. */
  run: (request: { fileName: string; content: C; dryRun: boolean }) => Promise<R>;
}

/**
 * `pick()` opens the file chooser and `input` (the hidden file input) goes into the page. A chosen file is read and
 * sent for a dry run: a refusal becomes `problem` (until `clearProblem()` or the next file), a success `pending`,
 * which the caller shows with `confirm()` and `cancel()`; a refused `confirm()` leaves it open with `confirmProblem`.
 * `confirm()` sends exactly what the dry run was given.
 */
export function useDryRunContent<R, C>({ read, run, readFailed, onApplied, inputTestId, accept = '.toml,.txt' }: DryRunContentOptions<R, C>) {
  const { message } = App.useApp();
  const inputRef = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [pending, setPending] = useState<DryRunPendingContent<R, C> | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [confirmProblem, setConfirmProblem] = useState<unknown>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clear the input so that choosing the same file again (after fixing it) fires another change.
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setReading(true);
    try {
      let content: C;
      try {
        content = await read(file);
      } catch (error) {
        void message.error(readFailed(error instanceof Error ? error.message : String(error)));
        return;
      }
      const preview = await run({ fileName: file.name, content, dryRun: true });
      setConfirmProblem(null);
      setPending({ fileName: file.name, content, preview });
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
      const done = await run({ fileName: pending.fileName, content: pending.content, dryRun: false });
      setPending(null);
      onApplied(done);
    } catch (error) {
      setConfirmProblem(error);
    }
  };

  const input = (
    <input
      ref={inputRef}
      type="file"
      accept={accept}
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      data-testid={inputTestId}
      onChange={(event) => void onFile(event)}
    />
  );

  return {
    pick: () => inputRef.current?.click(),
    input,
    reading,
    pending,
    problem,
    clearProblem: () => setProblem(null),
    confirmProblem,
    confirm,
    cancel: () => setPending(null),
  };
}

/** The text-file form of `useDryRunContent`: the file is read as text (`readFileText`), `pending.text` is that text. */
export function useDryRunFile<R>({ run, ...options }: DryRunFileOptions<R>) {
  const file = useDryRunContent<R, string>({
    ...options,
    read: readFileText,
    run: ({ content, dryRun }) => run({ text: content, dryRun }),
  });
  const { pending: raw } = file;
  const pending = useMemo<DryRunPending<R> | null>(
    () => (raw ? { fileName: raw.fileName, text: raw.content, preview: raw.preview } : null),
    [raw],
  );
  return { ...file, pending };
}
