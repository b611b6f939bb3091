// Tests of the hash router's parsing: unknown hashes fall back to 首页.
import { describe, expect, it } from 'vitest';
import { hashFor, sectionFromHash, SECTIONS } from './router';

describe('sectionFromHash', () => {
  it('reads every section back from its own hash', () => {
    for (const section of SECTIONS) expect(sectionFromHash(hashFor(section))).toBe(section);
  });
  it('falls back to home for empty or unknown hashes', () => {
    expect(sectionFromHash('')).toBe('home');
    expect(sectionFromHash('#/nope')).toBe('home');
    expect(sectionFromHash('#people')).toBe('people');
    expect(sectionFromHash('#/people/12')).toBe('people');
  });
});
