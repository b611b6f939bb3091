// Component tests of 设置 → 审计记录 with a mocked Tauri invoke: the events with their labels, the filters sent to the
// backend (dates, actor, action; back to page 1), a passed and a failed signature check, and the export (the filters
// without the page, the file offered, the list read again).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@tauri-apps/api/core';
import { AppProviders } from '../App';
import { createQueryClient } from '../queries';
import type { AuditPage } from '../bindings/AuditPage';
import type { AuditVerifyDto } from '../bindings/AuditVerifyDto';
import { AuditTab, auditQuery } from './AuditTab';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
configure({ asyncUtilTimeout: 5000 });

type Args = Record<string, unknown>;
let backend: Record<string, (args: Args) => unknown>;

const page: AuditPage = {
  rows: [
    {
      seq: 3,
      at_utc: '2026-11-24T01:30:00Z',
      at_local: '2026-11-24 09:30:00',
      actor: 'admin',
      action: 'department.add',
      entity: 'department',
      entity_id: 2,
      detail: '{"name_chars":3}',
      signed: true,
    },
    {
      seq: 1,
      at_utc: '2026-11-23T01:30:00Z',
      at_local: '2026-11-23 09:30:00',
      actor: 'admin',
      action: 'company.init',
      entity: 'company',
      entity_id: null,
      detail: '{}',
      signed: false,
    },
  ],
  total: 2,
  page: 1,
  page_size: 50,
};

const broken: AuditVerifyDto = {
  ok: false,
  signed: 2,
  unsigned: 0,
  head_seq: 3,
  head_hash: '0123456789abcdef',
  anchor_seq: 3,
  broken_seq: 2,
  message: { zh: '第 2 条审计记录被改动过：它的签名与内容不符', en: 'audit event #2 was altered' },
};

beforeEach(() => {
  vi.mocked(invoke).mockReset();
  backend = {
    list_audit: () => page,
    verify_audit: () => broken,
    export_audit: () => ({ file_name: '审计记录-20261124.csv', csv: '\ufeff序号\n1\n', rows: 1 }),
  };
  vi.mocked(invoke).mockImplementation((command: string, args?: unknown) => {
    const answer = backend[command];
    if (!answer) return Promise.reject(new Error(`unexpected command ${command}`));
    return Promise.resolve(answer((args ?? {}) as Args));
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const calls = (command: string) =>
  vi.mocked(invoke).mock.calls.filter(([name]) => name === command).map(([, args]) => args as Args);

function renderTab() {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <AuditTab />
    </AppProviders>,
  );
}

describe('审计记录', () => {
  it('lists events newest first with their labels and whether they are signed', async () => {
    renderTab();
    const table = await screen.findByTestId('audit-table');
    await within(table).findByText('新增部门');
    const rows = [...table.querySelectorAll('tbody tr.ant-table-row')];
    expect(rows.map((r) => r.querySelector('td')?.textContent)).toEqual(['3', '1']);
    expect(rows[0].textContent).toContain('department #2');
    expect(rows[0].textContent).toContain('已签名');
    expect(rows[1].textContent).toContain('初始化公司');
    expect(rows[1].textContent).toContain('未签名');
    expect(screen.getByText('共 2 条')).toBeTruthy();
  });

  it('sends the actor and action filters and starts again at page 1', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderTab();
    await screen.findByText('新增部门');
    await user.type(screen.getByTestId('audit-actor'), 'clerk');
    await user.type(screen.getByTestId('audit-action'), 'period');
    await waitFor(() => {
      const last = calls('list_audit').at(-1)?.query as Args;
      expect(last).toMatchObject({ actor: 'clerk', action: 'period', page: 1, page_size: 50, from: null, to: null });
    });
  });

  it('shows which event broke the chain', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderTab();
    await user.click(screen.getByTestId('audit-verify'));
    const result = await screen.findByTestId('audit-verify-result');
    expect(result.textContent).toContain('第 2 条审计记录被改动过');
    expect(result.className).toContain('ant-alert-error');
    backend.verify_audit = () => ({ ...broken, ok: true, broken_seq: null, message: { zh: '审计记录完整：3 条签名全部正确', en: 'intact' } });
    await user.click(screen.getByTestId('audit-verify'));
    await waitFor(() => expect(screen.getByTestId('audit-verify-result').className).toContain('ant-alert-success'));
    expect(screen.getByTestId('audit-verify-result').textContent).toContain('审计记录完整');
  });

  it('exports what the filters show, without the page, and reads the list again', async () => {
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:audit');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderTab();
    await screen.findByText('新增部门');
    await user.type(screen.getByTestId('audit-action'), 'employee');
    await waitFor(() => expect((calls('list_audit').at(-1)?.query as Args).action).toBe('employee'));
    const before = calls('list_audit').length;
    await user.click(screen.getByTestId('audit-export'));
    await screen.findByText('已导出 1 条记录：审计记录-20261124.csv');
    expect(calls('export_audit')[0].query).toMatchObject({ action: 'employee', page: null, page_size: null });
    expect(created).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(calls('list_audit').length).toBeGreaterThan(before));
  });

  it('turns blank filters into "any"', () => {
    expect(auditQuery(null, '  ', '', 2)).toEqual({
      from: null,
      to: null,
      actor: null,
      action: null,
      entity: null,
      entity_id: null,
      page: 2,
      page_size: 50,
    });
  });
});
