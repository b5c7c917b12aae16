/**
 * Marketing attribution: the page the form is on and the UTM parameters.
 * UTM values come from the current URL when it has any, otherwise from the
 * most recent ones this site saw within 30 days, kept in localStorage by the
 * script on every page it is loaded on.
 */

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign'] as const;
export type Utm = Partial<Record<(typeof UTM_KEYS)[number], string>>;

const STORAGE_KEY = 'demo-booking:utm';
const MAX_AGE_MS = 30 * 86_400_000;

/** The UTM parameters of a URL (empty when it has none). */
export function utmFrom(url: URL): Utm {
  const utm: Utm = {};
  for (const key of UTM_KEYS) {
    const value = url.searchParams.get(key)?.trim();
    if (value) utm[key] = value.slice(0, 255);
  }
  return utm;
}

function load(storage: Storage, now: number): Utm {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as { at: number; utm: Utm } | null;
    return saved && now - saved.at <= MAX_AGE_MS ? saved.utm : {};
  } catch {
    return {}; // storage blocked or garbled: no remembered campaign
  }
}

/** Remembers the current URL's UTM parameters, if it has any. Called on every page load. */
export function rememberUtm(url: URL, storage: Storage | undefined, now = Date.now()): void {
  const utm = utmFrom(url);
  if (!storage || Object.keys(utm).length === 0) return;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ at: now, utm }));
  } catch {
    // private mode or storage full: attribution falls back to this page only
  }
}

/** source_url (without the fragment) and the UTM values to send with a booking. */
export function attribution(url: URL, storage: Storage | undefined, now = Date.now()): Utm & { source_url: string } {
  const here = utmFrom(url);
  const utm = Object.keys(here).length ? here : storage ? load(storage, now) : {};
  const page = new URL(url.href);
  page.hash = '';
  return { source_url: page.href.slice(0, 2048), ...utm };
}

/** The browser's storage, or undefined where it is blocked. */
export function siteStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
