// Keyboard shortcuts of the 人员 page: "/" focuses the employee search, Ctrl+N or Alt+N opens 新增员工.
import { useEffect, useRef } from 'react';

export type HotkeyAction = 'focus_search' | 'add_employee';

interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
  defaultPrevented?: boolean;
  isComposing?: boolean;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  // The department tree keeps keyboard focus in a hidden <input> that takes no text.
  if (target.closest('.ant-tree')) return false;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/** True while a dialog (modal, confirm) is on screen: shortcuts then belong to it. */
export function dialogIsOpen(doc: Document = document): boolean {
  return Array.from(doc.querySelectorAll('[role="dialog"]')).some(
    (el) => el.closest('[style*="display: none"]') === null,
  );
}

/** Which page shortcut a key press means, if any. */
export function hotkeyAction(event: KeyLike): HotkeyAction | null {
  if (event.defaultPrevented || event.isComposing) return null;
  const isN = event.code === 'KeyN' || event.key.toLowerCase() === 'n';
  if (isN && !event.shiftKey && !event.metaKey && event.ctrlKey !== event.altKey) {
    return 'add_employee';
  }
  if (event.key === '/' && !event.ctrlKey && !event.altKey && !event.metaKey && !isEditable(event.target)) {
    return 'focus_search';
  }
  return null;
}

/** Listens for the page shortcuts while the page is shown and no dialog is open. */
export function useHotkeys(handlers: Record<HotkeyAction, () => void>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = hotkeyAction(event);
      if (!action || dialogIsOpen()) return;
      event.preventDefault();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
