// Tests of the keyboard shortcuts: "/" only outside text fields, Ctrl+N / Alt+N anywhere.
import { describe, expect, it } from 'vitest';
import { dialogIsOpen, hotkeyAction } from './hotkeys';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}, target: EventTarget | null = document.body) => ({
  key,
  code: key.length === 1 ? `Key${key.toUpperCase()}` : key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  target,
  ...mods,
});

describe('hotkeyAction', () => {
  it('"/" focuses the search unless typing in a field', () => {
    expect(hotkeyAction(press('/'))).toBe('focus_search');
    const input = document.createElement('input');
    expect(hotkeyAction(press('/', {}, input))).toBeNull();
    expect(hotkeyAction(press('/', {}, document.createElement('textarea')))).toBeNull();
  });

  it('Ctrl+N and Alt+N open 新增员工; plain N, Shift and both modifiers do not', () => {
    expect(hotkeyAction(press('n', { ctrlKey: true }))).toBe('add_employee');
    expect(hotkeyAction(press('N', { altKey: true }))).toBe('add_employee');
    expect(hotkeyAction(press('n'))).toBeNull();
    expect(hotkeyAction(press('n', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(hotkeyAction(press('n', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('ignores keys during IME composition', () => {
    expect(hotkeyAction({ ...press('/'), isComposing: true })).toBeNull();
  });
});

describe('dialogIsOpen', () => {
  it('sees visible dialogs only', () => {
    const doc = document.implementation.createHTMLDocument('t');
    expect(dialogIsOpen(doc)).toBe(false);
    const hidden = doc.createElement('div');
    hidden.setAttribute('style', 'display: none;');
    hidden.innerHTML = '<div role="dialog"></div>';
    doc.body.appendChild(hidden);
    expect(dialogIsOpen(doc)).toBe(false);
    const shown = doc.createElement('div');
    shown.setAttribute('role', 'dialog');
    doc.body.appendChild(shown);
    expect(dialogIsOpen(doc)).toBe(true);
  });
});

describe('focus inside the department tree', () => {
  it('still lets "/" jump to the search (the tree keeps focus in a hidden input)', () => {
    const tree = document.createElement('div');
    tree.className = 'ant-tree';
    const hidden = document.createElement('input');
    tree.appendChild(hidden);
    expect(hotkeyAction(press('/', {}, hidden))).toBe('focus_search');
  });
});
