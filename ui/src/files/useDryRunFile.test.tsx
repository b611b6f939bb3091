// Tests of the file → dry run → confirm steps shared by 导入设置文件 and 导入通知文件: what is sent when, what waits for
// 确认, where refusals go, a file that cannot be read, the same file chosen twice, and GB18030 files.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import { readFileBytes } from '../people/importModel';
import { readFileText, useDryRunContent, useDryRunFile, type DryRunContentOptions, type DryRunFileOptions } from './useDryRunFile';

type Hook = ReturnType<typeof useDryRunFile<string>>;
let hook: Hook;

function Harness(props: DryRunFileOptions<string>) {
  hook = useDryRunFile(props);
  return hook.input;
}

const run = vi.fn<DryRunFileOptions<string>['run']>();
const onApplied = vi.fn<(result: string) => void>();

function renderHarness() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <Harness run={run} onApplied={onApplied} readFailed={(detail) => `读不了：${detail}`} inputTestId="dry-run-input" />
    </AppProviders>,
  );
}

const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: 0 });
const upload = (text: string, name = 'a.toml') =>
  setup().upload(screen.getByTestId('dry-run-input'), new File([text], name, { type: 'text/plain' }));

beforeEach(() => {
  vi.resetAllMocks();
  run.mockImplementation(({ text, dryRun }) => Promise.resolve(`${dryRun ? 'preview' : 'done'} of ${text}`));
});

describe('useDryRunFile', () => {
  it('renders the hidden file input, and pick() opens it', () => {
    renderHarness();
    const input = screen.getByTestId('dry-run-input') as HTMLInputElement;
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('accept', '.toml,.txt');
    expect(input).toHaveClass('visually-hidden');
    const click = vi.spyOn(input, 'click');
    hook.pick();
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('sends a chosen file for a dry run, keeps it for 确认, then applies exactly that text', async () => {
    renderHarness();
    await upload('[year]\n2027', 'cn-2027.toml');
    await waitFor(() => expect(hook.pending).not.toBeNull());
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith({ text: '[year]\n2027', dryRun: true });
    expect(hook.pending).toEqual({ fileName: 'cn-2027.toml', text: '[year]\n2027', preview: 'preview of [year]\n2027' });
    expect(hook.reading).toBe(false);
    expect(hook.problem).toBeNull();
    expect(onApplied).not.toHaveBeenCalled();

    await act(() => hook.confirm());
    expect(run).toHaveBeenLastCalledWith({ text: '[year]\n2027', dryRun: false });
    expect(onApplied).toHaveBeenCalledWith('done of [year]\n2027');
    expect(hook.pending).toBeNull();
  });

  it('puts a refused dry run into problem, and the next file clears it', async () => {
    renderHarness();
    run.mockRejectedValueOnce(new Error('第 3 行不对'));
    await upload('bad');
    await waitFor(() => expect(hook.problem).toEqual(new Error('第 3 行不对')));
    expect(hook.pending).toBeNull();
    expect(hook.reading).toBe(false);

    // The input was cleared, so that the same file chosen again (after fixing it) fires another change.
    expect(screen.getByTestId('dry-run-input')).toHaveValue('');
    await upload('bad');
    await waitFor(() => expect(hook.pending).not.toBeNull());
    expect(run).toHaveBeenCalledTimes(2);
    expect(hook.problem).toBeNull();

    act(() => hook.cancel());
    expect(hook.pending).toBeNull();
    expect(onApplied).not.toHaveBeenCalled();
  });

  it('clearProblem() closes the notice', async () => {
    renderHarness();
    run.mockRejectedValueOnce(new Error('no'));
    await upload('bad');
    await waitFor(() => expect(hook.problem).not.toBeNull());
    act(() => hook.clearProblem());
    expect(hook.problem).toBeNull();
  });

  it('keeps the preview open with confirmProblem when the real run is refused, and clears it on the next try', async () => {
    renderHarness();
    await upload('ok');
    await waitFor(() => expect(hook.pending).not.toBeNull());
    run.mockRejectedValueOnce(new Error('数据库忙'));
    await act(() => hook.confirm());
    expect(hook.confirmProblem).toEqual(new Error('数据库忙'));
    expect(hook.pending?.text).toBe('ok');
    expect(onApplied).not.toHaveBeenCalled();

    await act(() => hook.confirm());
    expect(hook.confirmProblem).toBeNull();
    expect(onApplied).toHaveBeenCalledWith('done of ok');
  });

  it('shows why a file cannot be read and sends nothing', async () => {
    renderHarness();
    const read = vi.spyOn(FileReader.prototype, 'readAsText').mockImplementation(function (this: FileReader) {
      Object.defineProperty(this, 'error', { value: new Error('权限不足'), configurable: true });
      this.onerror?.(new ProgressEvent('error') as ProgressEvent<FileReader>);
    });
    try {
      await upload('x');
      expect(await screen.findByText('读不了：权限不足')).toBeInTheDocument();
    } finally {
      read.mockRestore();
    }
    expect(run).not.toHaveBeenCalled();
    expect(hook.problem).toBeNull();
    expect(hook.reading).toBe(false);
  });
});

describe('readFileText', () => {
  it('reads UTF-8, and a file that is not UTF-8 as GB18030', async () => {
    expect(await readFileText(new Blob(['春节 2027'], { type: 'text/plain' }))).toBe('春节 2027');
    // 春节 in GBK (Notepad's "ANSI" on Chinese Windows).
    const gbk = new Uint8Array([0xb4, 0xba, 0xbd, 0xda]);
    expect(await readFileText(new Blob([gbk]))).toBe('春节');
  });
});

describe('useDryRunContent', () => {
  type BytesHook = ReturnType<typeof useDryRunContent<string, number[]>>;
  let bytesHook: BytesHook;
  const runBytes = vi.fn<DryRunContentOptions<string, number[]>['run']>();

  function BytesHarness(props: Omit<DryRunContentOptions<string, number[]>, 'read' | 'run'>) {
    bytesHook = useDryRunContent({ ...props, read: readFileBytes, run: runBytes });
    return bytesHook.input;
  }

  it('sends what was read with the file name, then exactly the same on confirm', async () => {
    runBytes.mockImplementation(({ content, dryRun }) => Promise.resolve(`${dryRun ? 'preview' : 'done'} of ${content.length} bytes`));
    render(
      <AppProviders queryClient={createQueryClient()}>
        <BytesHarness onApplied={onApplied} readFailed={(detail) => detail} inputTestId="bytes-input" accept=".dat" />
      </AppProviders>,
    );
    const bytes = [0x31, 0x09, 0xd5, 0xc5];
    await setup().upload(screen.getByTestId('bytes-input'), new File([new Uint8Array(bytes)], '1_attlog.dat'));
    await waitFor(() => expect(bytesHook.pending).not.toBeNull());
    expect(runBytes).toHaveBeenCalledWith({ fileName: '1_attlog.dat', content: bytes, dryRun: true });
    expect(bytesHook.pending).toEqual({ fileName: '1_attlog.dat', content: bytes, preview: 'preview of 4 bytes' });

    await act(() => bytesHook.confirm());
    expect(runBytes).toHaveBeenLastCalledWith({ fileName: '1_attlog.dat', content: bytes, dryRun: false });
    expect(onApplied).toHaveBeenCalledWith('done of 4 bytes');
    expect(bytesHook.pending).toBeNull();
  });
});
