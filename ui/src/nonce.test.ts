// Tests of the CSP nonce plumbing: the placeholder is never used as a nonce, and created <style> tags carry the real one.
import { describe, expect, it } from 'vitest';
import { readStyleNonce, stampStyleElements } from './nonce';

function docWith(content: string | null): Document {
  const doc = document.implementation.createHTMLDocument('t');
  if (content !== null) {
    const meta = doc.createElement('meta');
    meta.setAttribute('name', 'kaoqin-style-nonce');
    meta.setAttribute('content', content);
    doc.head.appendChild(meta);
  }
  return doc;
}

describe('readStyleNonce', () => {
  it('returns the nonce the shell wrote', () => {
    expect(readStyleNonce(docWith('r4nd0mN0nceValue=='))).toBe('r4nd0mN0nceValue==');
  });

  it('returns nothing when the placeholder was not replaced, or the meta is missing or odd', () => {
    expect(readStyleNonce(docWith(['__TAURI', 'STYLE', 'NONCE__'].join('_')))).toBeUndefined();
    expect(readStyleNonce(docWith(null))).toBeUndefined();
    expect(readStyleNonce(docWith(''))).toBeUndefined();
    expect(readStyleNonce(docWith('a"b<c>'))).toBeUndefined();
  });

  it('the page ships the placeholder, which the shell replaces', async () => {
    const html = (await import('../index.html?raw')).default;
    expect(html).toContain('<meta name="kaoqin-style-nonce" content="__TAURI_STYLE_NONCE__"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
  });
});

describe('stampStyleElements', () => {
  it('gives every created <style> the nonce and leaves other elements alone', () => {
    const doc = docWith('abcdefgh12345678');
    stampStyleElements('abcdefgh12345678', doc);
    stampStyleElements('ignored-second-call', doc);
    expect(doc.createElement('style').nonce).toBe('abcdefgh12345678');
    expect(doc.createElement('STYLE').nonce).toBe('abcdefgh12345678');
    expect(doc.createElement('div').nonce).toBe('');
  });
});
