/**
 * Marketing attribution, read off the host page itself (no iframe loses it):
 *
 * - a touch is the campaign a URL carries: the five UTM values and any ad
 *   click ids (gclid, gbraid, wbraid, fbclid, msclkid, li_fat_id, ttclid);
 * - last touch: the current URL's touch, else the most recent one this site
 *   saw within 30 days (as the seed's utm_* columns always held);
 * - first touch: the first touch this site saw within 90 days, never
 *   overwritten while it lasts;
 * - the visit: its first page (the landing page, without fragment) and, when
 *   another site sent the visitor, that site (the referrer), kept for the tab.
 *
 * The script records them on every page it is loaded on, so loading it
 * site-wide gives the best attribution.
 */
import { CLICK_ID_KEYS, type ClickIds, type FirstTouch, LIMITS, type Touch, UTM_KEYS } from '../contract/limits.js';

const LAST = 'demo-booking:last';
const FIRST = 'demo-booking:first';
const VISIT = 'demo-booking:visit';
const DAY = 86_400_000;

interface Kept<T> {
  at: number;
  touch: T;
}

/** The touch a URL carries (empty when it has none). */
export function touchFrom(url: URL): Touch {
  const touch: Touch = {};
  for (const key of UTM_KEYS) {
    const value = url.searchParams.get(key)?.trim();
    if (value) touch[key] = value.slice(0, LIMITS.utmMax);
  }
  const ids: ClickIds = {};
  for (const key of CLICK_ID_KEYS) {
    const value = url.searchParams.get(key)?.trim();
    if (value && /^[\x21-\x7e]+$/.test(value)) ids[key] = value.slice(0, LIMITS.clickIdMax);
  }
  if (Object.keys(ids).length) touch.click_ids = ids;
  return touch;
}

const read = <T>(storage: Storage | undefined, key: string, maxAgeDays: number, now: number): Kept<T> | null => {
  try {
    const kept = JSON.parse(storage?.getItem(key) ?? 'null') as Kept<T> | null;
    return kept && now - kept.at <= maxAgeDays * DAY ? kept : null;
  } catch {
    return null; // storage blocked or garbled: nothing remembered
  }
};

const write = (storage: Storage | undefined, key: string, value: unknown) => {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or storage full: attribution falls back to this page only
  }
};

const withoutFragment = (url: URL) => {
  const page = new URL(url.href);
  page.hash = '';
  return page.href.slice(0, LIMITS.urlMax);
};

/** Records the page's touch (last, and first if none is kept) and the visit's start. Called on every page load. */
export function remember(url: URL, referrer: string, local: Storage | undefined, session: Storage | undefined, now = Date.now()): void {
  if (!read(session, VISIT, 1, now)) {
    const from = URL.canParse(referrer) ? new URL(referrer) : null;
    const external = from && /^https?:$/.test(from.protocol) && from.host !== url.host ? from.href.slice(0, LIMITS.urlMax) : null;
    write(session, VISIT, { at: now, touch: { landing_page: withoutFragment(url), referrer: external } });
  }
  const touch = touchFrom(url);
  if (!Object.keys(touch).length) return;
  write(local, LAST, { at: now, touch });
  if (!read(local, FIRST, LIMITS.firstTouchDays, now)) write(local, FIRST, { at: now, touch });
}

/** What a booking carries: the page, the last touch, the visit and the first touch. */
export function attribution(url: URL, local: Storage | undefined, session: Storage | undefined, now = Date.now()) {
  const here = touchFrom(url);
  const last = Object.keys(here).length ? here : (read<Touch>(local, LAST, LIMITS.lastTouchDays, now)?.touch ?? {});
  const first = read<Touch>(local, FIRST, LIMITS.firstTouchDays, now);
  const visit = read<{ landing_page: string; referrer: string | null }>(session, VISIT, 1, now)?.touch;
  const firstTouch: FirstTouch | null = first ? { ...first.touch, at: new Date(first.at).toISOString() } : null;
  return {
    source_url: withoutFragment(url),
    ...last,
    landing_page: visit?.landing_page ?? null,
    referrer: visit?.referrer ?? null,
    first_touch: firstTouch,
  };
}

/** The browser's storage of that kind, or undefined where it is blocked. */
export function siteStorage(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}
