// Tests of the pickers' person search with fake timers: one `list_employees` call per pause in typing, the trimmed
// text as `search`, any status and 30 rows, nothing asked while disabled.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import * as api from '../api';
import { createQueryClient } from '../queries';
import { page, zhangSan } from '../test/fixtures';
import { employeeSearchQuery, useEmployeeSearch } from './useEmployeeSearch';

/** The pause the pickers wait for (the README promises 300 ms). */
const DELAY = 300;

vi.mock('../api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api')>();
  return { ...actual, listEmployees: vi.fn() };
});

function renderSearch(initialProps: { enabled?: boolean } = {}) {
  const client = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return renderHook((props: { enabled?: boolean }) => useEmployeeSearch(props), { wrapper, initialProps });
}

/** Lets the timers run for `ms` and then the query settle (TanStack Query tells its observers through a 0 ms timer). */
const wait = async (ms: number) => {
  await act(() => vi.advanceTimersByTimeAsync(ms));
  await act(() => vi.advanceTimersByTimeAsync(0));
};

const searches = () => vi.mocked(api.listEmployees).mock.calls.map(([q]) => q.search);

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
  vi.mocked(api.listEmployees).mockImplementation((q) => Promise.resolve(page(q.search ? [zhangSan] : [])));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('employeeSearchQuery', () => {
  it('asks for any status, the first page of 30, with a search only when there is text', () => {
    expect(employeeSearchQuery('')).toEqual({ status: 'all', page: 1, page_size: 30 });
    expect(employeeSearchQuery('1001')).toEqual({ status: 'all', page: 1, page_size: 30, search: '1001' });
  });
});

describe('useEmployeeSearch', () => {
  it('asks once at first, then once typing has paused for 300 ms, with the trimmed text', async () => {
    const { result } = renderSearch();
    await wait(0);
    expect(api.listEmployees).toHaveBeenCalledTimes(1);
    expect(api.listEmployees).toHaveBeenLastCalledWith({ status: 'all', page: 1, page_size: 30 });

    act(() => result.current.onSearch('1'));
    await wait(DELAY - 100);
    act(() => result.current.onSearch(' 10'));
    await wait(DELAY - 1);
    // 499 ms after the first key, but only 299 ms after the last one: nothing asked yet.
    expect(api.listEmployees).toHaveBeenCalledTimes(1);
    act(() => result.current.onSearch(' 1001 '));
    await wait(DELAY - 1);
    expect(api.listEmployees).toHaveBeenCalledTimes(1);
    await wait(1);
    expect(searches()).toEqual([undefined, '1001']);
    expect(api.listEmployees).toHaveBeenLastCalledWith({ status: 'all', page: 1, page_size: 30, search: '1001' });
    expect(result.current.employees.data?.rows).toEqual([zhangSan]);
  });

  it('keeps the previous rows while the next search loads', async () => {
    let answer: (value: Awaited<ReturnType<typeof api.listEmployees>>) => void = () => undefined;
    const { result } = renderSearch();
    act(() => result.current.onSearch('1001'));
    await wait(DELAY);
    expect(result.current.employees.data?.rows).toEqual([zhangSan]);

    vi.mocked(api.listEmployees).mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    act(() => result.current.onSearch('李'));
    await wait(DELAY);
    expect(searches()).toEqual([undefined, '1001', '李']);
    expect(result.current.employees.isFetching).toBe(true);
    expect(result.current.employees.data?.rows).toEqual([zhangSan]);
    await act(async () => answer(page([])));
    await wait(0);
    expect(result.current.employees.data?.rows).toEqual([]);
  });

  it('asks nothing while disabled, and the latest search once enabled', async () => {
    const { result, rerender } = renderSearch({ enabled: false });
    act(() => result.current.onSearch('张'));
    await wait(DELAY * 2);
    expect(api.listEmployees).not.toHaveBeenCalled();
    rerender({ enabled: true });
    await wait(0);
    expect(searches()).toEqual(['张']);
  });

  it('asks nothing more when what is typed only differs by spaces', async () => {
    const { result } = renderSearch();
    act(() => result.current.onSearch('1001'));
    await wait(DELAY);
    act(() => result.current.onSearch('1001  '));
    await wait(DELAY);
    expect(searches()).toEqual([undefined, '1001']);
  });
});
