// Enter in a dialog's date field submits the dialog once its calendar popup is closed (the first Enter takes the typed date, the next one saves).
import type { KeyboardEvent } from 'react';

const OPEN_POPUP = '.ant-picker-dropdown:not(.ant-picker-dropdown-hidden), .ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/** A keydown handler for a wrapper around a form: Enter in a DatePicker input calls `submit`. */
export function enterInDateSubmits(submit: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (!(target instanceof HTMLInputElement) || !target.closest('.ant-picker')) return;
    if (document.querySelector(OPEN_POPUP)) return;
    event.preventDefault();
    submit();
  };
}
