// Reads the CSP style nonce that the Tauri shell writes into index.html, and makes every run-time <style> tag carry it.
//
// The shell replaces a placeholder token in the served index.html with a fresh nonce and adds it
// to `style-src`. Ant Design gets the nonce through ConfigProvider's `csp` prop; a few helper
// libraries under it (the dialog scroll lock, the scrollbar measurer) create <style> tags
// without asking for it, so `stampStyleElements` also sets it on every <style> element created
// through `document.createElement`. That grants nothing new: the code doing it already runs as
// a trusted script of this page.

export const STYLE_NONCE_META = 'kaoqin-style-nonce';

/** The placeholder is an upper-case token wrapped in double underscores; never a real nonce. */
const UNREPLACED_PLACEHOLDER = /^__[A-Z_]+__$/;
/** Base64 / base64url characters, which is what a nonce is made of. */
const NONCE_SHAPE = /^[A-Za-z0-9+/=_-]{8,}$/;

/** The nonce from `<meta name="kaoqin-style-nonce">`, or undefined when the shell did not fill it in. */
export function readStyleNonce(doc: Document = document): string | undefined {
  const content = doc
    .querySelector(`meta[name="${STYLE_NONCE_META}"]`)
    ?.getAttribute('content')
    ?.trim();
  if (!content || UNREPLACED_PLACEHOLDER.test(content) || !NONCE_SHAPE.test(content)) {
    return undefined;
  }
  return content;
}

const stamped = new WeakSet<Document>();

/** Makes `doc.createElement('style')` return elements that already carry the nonce. Idempotent. */
export function stampStyleElements(nonce: string, doc: Document = document): void {
  if (stamped.has(doc)) return;
  stamped.add(doc);
  const original = doc.createElement.bind(doc) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  const patched = (tag: string, options?: ElementCreationOptions): HTMLElement => {
    const element = original(tag, options);
    if (tag.toLowerCase() === 'style') {
      (element as HTMLStyleElement).nonce = nonce;
    }
    return element;
  };
  doc.createElement = patched as Document['createElement'];
}
