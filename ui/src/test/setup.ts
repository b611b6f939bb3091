// Vitest setup: jest-dom matchers, i18n in Chinese, and the browser APIs jsdom lacks that antd needs (skipped in node-environment tests).
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import '../i18n';

// A first render of an antd table on a busy 2-core CI machine can take more than the default
// second; findBy*/waitFor wait up to 5 s before failing.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});

const inBrowser = typeof window !== 'undefined';

if (inBrowser && !window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (inBrowser && !('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
}

// antd measures scrollbars through getComputedStyle(el, '::-webkit-scrollbar'); jsdom does not implement pseudo-elements.
if (inBrowser) {
  const realGetComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element, pseudo?: string | null) =>
    realGetComputedStyle(element, pseudo ? undefined : pseudo);
}
