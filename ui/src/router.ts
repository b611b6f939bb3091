// A tiny hash router: the current section lives in location.hash (#/people), so reloads keep the place.
import { useCallback, useSyncExternalStore } from 'react';

export const SECTIONS = [
  'home',
  'people',
  'shifts',
  'terminals',
  'exceptions',
  'reports',
  'settings',
] as const;
export type Section = (typeof SECTIONS)[number];
export const DEFAULT_SECTION: Section = 'home';

/** The section named by a hash such as `#/people`; unknown or empty hashes mean the default. */
export function sectionFromHash(hash: string): Section {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : DEFAULT_SECTION;
}

export function hashFor(section: Section): string {
  return `#/${section}`;
}

export function navigate(section: Section): void {
  if (window.location.hash !== hashFor(section)) window.location.hash = hashFor(section);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current section and a function to go to another one. */
export function useSection(): [Section, (section: Section) => void] {
  const section = useSyncExternalStore(
    subscribe,
    () => sectionFromHash(window.location.hash),
    () => DEFAULT_SECTION,
  );
  const go = useCallback((next: Section) => navigate(next), []);
  return [section, go];
}
