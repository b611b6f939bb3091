// A text file sent for a dry run before it is applied, shared by 导入设置文件 (班次) and 导入通知文件 (节假日): the hidden
// file input, reading the file, the dry run, the previewed file waiting for 确认, the real run and the problems of each.
import { useRef, useState, type ChangeEvent } from 'react';
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

/** A file whose dry run succeeded, waiting for 确认. */
export interface DryRunPending<R> {
  fileName: string;
  text: string;
  preview: R;
}

export interface DryRunFileOptions<R> {
  /** Sends the text: first with `dryRun: true` for the preview, then, on `confirm()`, with `dryRun: false`. */
  run: (request: { text: string; dryRun: boolean }) => Promise<R>;
  /** The message shown when the file cannot be read at all (the browser's reason as `detail`). */
  readFailed: (detail: string) => string;
  /** After the real run succeeded (the preview is already closed). */
  onApplied: (result: R) => void;
  /** `data-testid` of the hidden file input. */
  inputTestId: string;
  accept?: string;
}

/**
 * `pick()` opens the file chooser and `input` (the hidden file input) goes into the page. A chosen file is read and
 * sent for a dry run: a refusal becomes `problem` (until `clearProblem()` or the next file), a success `pending`,
 * which the caller shows with `confirm()` and `cancel()`; a refused `confirm()` leaves it open with `confirmProblem`.
 */
export function useDryRunFile<R>({ run, readFailed, onApplied, inputTestId, accept = '.toml,.txt' }: DryRunFileOptions<R>) {
  const { message } = App.useApp();
  const inputRef = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [pending, setPending] = useState<DryRunPending<R> | null>(null);
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
      let text: string;
      try {
        text = await readFileText(file);
      } catch (error) {
        void message.error(readFailed(error instanceof Error ? error.message : String(error)));
        return;
      }
      const preview = await run({ text, dryRun: true });
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
      const done = await run({ text: pending.text, dryRun: false });
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
